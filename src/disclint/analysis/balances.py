"""Table identities evaluated: the sums a 表三 or 表四 identity compares, and where they differ.

An identity is data (``table-identities`` in ``rules/tables-common.yaml``, or the terms of a
``table-relation`` rule): a table, how it runs (per column / row / group / subtotal), the
two sides' terms (schema keys; ``{leaves-of: KEY}``: the result rows under KEY) and where a
failure is reported (``at``). :func:`evaluate` gives one Finding per column, row or group
whose sides differ, with the values the B40x messages use.

Blank cells (policy for spec T3-5): in sums a blank *addend* counts as 0; an identity whose
reported total is blank — or that needs a total cell that is blank, non-numeric or
unreadable — is not evaluated, so one missing total never produces a second, arithmetic
finding (the blank is reported on its own, B406). Rows a reader was unsure of are kept out.
"""

from __future__ import annotations

from decimal import Decimal

from ..checking import Finding
from ..normalize import strip_annotation
from .tables import core, fmt_num, norm

# What :func:`evaluate` fills in a message.
PLACEHOLDERS = ("row", "column", "group", "left", "right", "left_terms", "right_terms")
# How an identity may run, by table.
PER = {"table3": ("column", "row", "subtotal"), "table4": ("group",)}

_PLUS = "＋"


def _short(canonical: str) -> str:
    """A short row name for messages: 予以公开, 部分公开, 本年新收政府信息公开申请数量."""
    c = core(norm(canonical))
    s = (strip_annotation(c) or c).replace('"', "")
    return s if len(s) <= 13 else s[:12] + "…"


class _Skip(Exception):
    pass


def _num(value, is_total):
    """The number a cell contributes to a sum, or raise _Skip."""
    if value is None:
        raise _Skip
    if value.status == "ok":
        return value.number
    if value.status == "blank" and not is_total:
        return Decimal(0)
    raise _Skip


def _terms_text(parts):
    """「予以公开6＋部分公开6＋…」: non-zero terms, then how many zero terms were left out."""
    shown = [f"{name}{fmt_num(n)}" for name, n in parts if n != 0]
    zeros = sum(1 for _, n in parts if n == 0)
    if not shown:
        return "各项均为0"
    text = _PLUS.join(shown)
    if zeros:
        text += f"，其余{zeros}项为0"
    return text


def _imbalance(left, right):
    """Message values when the (label, number) terms on the two sides differ, else None."""
    lsum = sum(n for _, n in left)
    rsum = sum(n for _, n in right)
    if lsum == rsum:
        return None
    return {"left": fmt_num(lsum), "right": fmt_num(rsum), "left_terms": _terms_text(left), "right_terms": _terms_text(right)}


def _table3_column(t3, ident, col):
    def resolve(terms, other):
        keys = []
        for t in terms:
            if isinstance(t, dict) and "leaves-of" in t:
                if t3.orphans or t3.unknown:
                    raise _Skip
                for k in t3.leaves_under(t["leaves-of"]):
                    if k in other:
                        continue
                    keys.append(k)
            else:
                keys.append(str(t))
        return keys

    left = resolve(ident.get("left", []), set(map(str, ident.get("right", []))))
    right = resolve(ident.get("right", []), set(map(str, ident.get("left", []))))
    parts = {}
    for side, keys in (("left", left), ("right", right)):
        out = []
        for k in keys:
            row = t3.rows.get(k)
            if row is None or row.excluded or not row.values:
                raise _Skip
            is_total = col == "总计" or k in t3.totals or (k in t3.groups)
            out.append((k, _short(row.label.canonical), _num(row.values.get(col), is_total), row.values.get(col)))
        parts[side] = out
    return parts


def _check_table3_column(view, ident):
    t3 = view.table3
    if t3 is None:
        return
    at = ident.get("at")
    for col in t3.columns:
        try:
            parts = _table3_column(t3, ident, col)
        except _Skip:
            continue
        values = _imbalance([(p[1], p[2]) for p in parts["left"]], [(p[1], p[2]) for p in parts["right"]])
        if values is None:
            continue
        anchor = next((p for p in parts["left"] + parts["right"] if p[0] == at), parts["left"][0])
        yield Finding(anchor[3].span, {"column": t3.column_labels[col], "row": "", "group": "", **values})


def _check_table3_row(view, ident):
    t3 = view.table3
    if t3 is None:
        return
    left_cols = [str(c) for c in ident["left"]]
    right_cols = [str(c) for c in ident["right"]]
    for key in t3.order:
        row = t3.rows.get(key)
        if row is None or row.excluded or not row.values:
            continue
        try:
            left = [(t3.column_labels[c], _num(row.values.get(c), True), row.values.get(c)) for c in left_cols]
            right = [(t3.column_labels[c], _num(row.values.get(c), False), row.values.get(c)) for c in right_cols]
        except _Skip:
            continue
        values = _imbalance([(p[0], p[1]) for p in left], [(p[0], p[1]) for p in right])
        if values is not None:
            yield Finding(left[0][2].span, {"row": f"「{row.label.canonical}」行", "column": "", "group": "", **values})


def _check_table3_subtotal(view, ident):
    t3 = view.table3
    if t3 is None or t3.orphans or t3.unknown:
        return
    for g in t3.order:
        row = t3.rows.get(g)
        if g not in t3.groups or row is None or row.excluded or not row.values:
            continue
        kids = t3.leaves_under(g)
        if not kids or not all(k in t3.rows and t3.rows[k].values and not t3.rows[k].excluded for k in kids):
            continue
        for col in t3.columns:
            try:
                total = _num(row.values.get(col), True)
                items = [(_short(t3.rows[k].label.canonical), _num(t3.rows[k].values.get(col), False)) for k in kids]
            except _Skip:
                continue
            s = sum(n for _, n in items)
            if s != total:
                yield Finding(row.values[col].span, {
                    "row": f"「{row.label.canonical}」", "column": t3.column_labels[col], "group": "",
                    "left": fmt_num(total), "right": fmt_num(s), "left_terms": "",
                    "right_terms": _terms_text(items),
                })


def _check_table4_group(view, ident):
    t4 = view.table4
    if t4 is None or t4.excluded or not t4.values:
        return
    left_cols = [str(c) for c in ident["left"]]
    right_cols = [str(c) for c in ident["right"]]
    for g in t4.groups:
        try:
            left = [(t4.column_labels[c], _num(t4.values.get((g, c)), True), t4.values.get((g, c))) for c in left_cols]
            right = [(t4.column_labels[c], _num(t4.values.get((g, c)), False)) for c in right_cols]
        except _Skip:
            continue
        values = _imbalance([(p[0], p[1]) for p in left], right)
        if values is not None:
            yield Finding(left[0][2].span, {"group": t4.group_labels[g], "row": "", "column": "", **values})


_PER = {
    ("table3", "column"): _check_table3_column,
    ("table3", "row"): _check_table3_row,
    ("table3", "subtotal"): _check_table3_subtotal,
    ("table4", "group"): _check_table4_group,
}


def identity_in(identities, ident_id: str) -> dict:
    """The identity ``ident_id`` of a ``table-identities`` schema."""
    for ident in identities or []:
        if ident.get("id") == ident_id:
            return ident
    raise KeyError(f"identity {ident_id!r} is not in schema table-identities")


def evaluate(view, ident: dict):
    """The Findings of identity ``ident`` on the table view (none on a legacy report)."""
    fn = _PER.get((ident.get("table"), ident.get("per")))
    if fn is None:
        raise ValueError(f"identity {ident.get('id')}: unsupported table/per {ident.get('table')}/{ident.get('per')}")
    if view.legacy:
        return
    yield from fn(view, ident)

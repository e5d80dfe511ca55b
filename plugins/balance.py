"""Balanced-totals and cell-value checkers (B4xx) over 表三 and 表四.

The identities are data (``table-identities`` in ``rules/tables-common.yaml``); this
module only knows the small vocabulary they are written in (per column / row / group /
subtotal; terms are schema keys; ``{leaves-of: KEY}``).

Blank cells (policy for spec T3-5): a blank where a number is mandated is reported on
its own (B406, once per column of a table). In sums a blank *addend* counts as 0; an
identity whose reported total is blank — or that needs a total cell that is blank,
non-numeric or unreadable — is not evaluated, so one missing total never produces a
second, arithmetic finding. Rows a reader was unsure of are kept out entirely.
"""

from __future__ import annotations

from decimal import Decimal

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.normalize import strip_annotation
from disclint.analysis.tables import core, fmt_num, norm, stray_in_values, view_for

_PLUS = "＋"
NOFIT = "NOFIT:"  # reader marker (see plugins/input.py)


def _short(canonical: str) -> str:
    """A short row name for messages: 予以公开, 部分公开, 本年新收政府信息公开申请数量."""
    c = core(norm(canonical))
    s = (strip_annotation(c) or c).replace('"', "")
    return s if len(s) <= 13 else s[:12] + "…"


def _identity(ctx, ident_id):
    for ident in ctx.schema("table-identities"):
        if ident.get("id") == ident_id:
            return ident
    raise KeyError(f"identity {ident_id!r} is not in schema table-identities")


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


def check_identity(doc, rule, ctx):
    ident = _identity(ctx, rule.params["identity"])
    fn = _PER.get((ident.get("table"), ident.get("per")))
    if fn is None:
        raise ValueError(f"identity {ident.get('id')}: unsupported table/per {ident.get('table')}/{ident.get('per')}")
    view = view_for(doc, ctx)
    if view.legacy:
        return
    yield from fn(view, ident)


# -- cell values -----------------------------------------------------------------------


def _cells(view):
    """Every mandated value cell: (table id, column id, where, column label, row key, Value)."""
    if view.table2:
        for blk in view.table2.values():
            for key, row in blk.rows.items():
                if row.excluded:
                    continue
                for col, v in row.values.items():
                    yield ("表二" + blk.key, col, f"表二{blk.label}「{row.label.canonical}」行「{col}」列", col, key, v)
    t3 = view.table3
    if t3:
        for key in t3.order:
            row = t3.rows.get(key)
            if row is None or row.excluded:
                continue
            for col, v in row.values.items():
                yield ("表三", col, f"表三「{row.label.canonical}」行「{t3.column_labels[col]}」列",
                       t3.column_labels[col], key, v)
    t4 = view.table4
    if t4 and not t4.excluded:
        for (g, col), v in t4.values.items():
            yield ("表四", (g, col), f"表四「{t4.group_labels[g]}」「{t4.column_labels[col]}」",
                   t4.column_labels[col], g, v)


def check_cell(doc, rule, ctx):
    problem = rule.params["problem"]
    view = view_for(doc, ctx)
    if view.legacy:
        return
    if problem == "blank":
        # Blank totals: one finding per column of a table (001's empty 总计 column).
        # Blank addends (zeros left blank): one finding per table; they count as 0.
        runs: dict = {}
        order = []
        for table, col, where, col_label, key, v in _cells(view):
            if v.status != "blank":
                continue
            if col_label == "总计":
                k = (table, "column", col_label)
            elif view.table3 is not None and table == "表三" and key in view.table3.totals:
                k = (table, "row", key)
            else:
                k = (table, None, None)
            if k not in runs:
                runs[k] = []
                order.append(k)
            runs[k].append((where, v))
        for k in order:
            items = runs[k]
            where, v = items[0]
            if k[1] is None:
                detail = f"（该表共{len(items)}个应填数字的单元格为空，核算时按0计）" if len(items) > 1 else "（核算时按0计）"
            else:
                what = "列" if k[1] == "column" else "行"
                detail = f"（该{what}共{len(items)}格为空，至{items[-1][0]}）" if len(items) > 1 else ""
            yield Finding(v.span, {"where": where, "found": "", "detail": detail})
        return
    if problem == "non-numeric":
        yield from _stray_in_unsure_rows(view)
    for table, col, where, col_label, key, v in _cells(view):
        if problem == "non-numeric" and v.status == "non-numeric":
            yield Finding(v.span, {"where": where, "found": v.text, "detail": ""})
        elif v.status == "ok" and problem == "negative":
            if v.number < 0 and norm(col_label) not in view.signed_columns:
                yield Finding(v.span, {"where": where, "found": v.text, "detail": ""})
        elif v.status == "ok" and problem == "fraction":
            if v.number != v.number.to_integral_value() and norm(col_label) not in view.decimal_columns:
                yield Finding(v.span, {"where": where, "found": v.text, "detail": ""})


def _stray_in_unsure_rows(view):
    """Units or words in rows kept out of the arithmetic — digits that could not be split, or a
    表二 in the other format: a unit is wrong whatever the split and whatever the format, so
    each such row is reported once, at the unit."""
    seen = set()
    rows = [(row, where) for row, _u, where in view.uncertain_rows] + list(view.unread_rows)
    for row, where in rows:
        if id(row) in seen:
            continue
        seen.add(id(row))
        got = stray_in_values(row.values)
        if got is not None:
            span, raw = got
            yield Finding(span, {"where": where, "found": raw, "detail": ""})


def check_nofit(doc, rule, ctx):
    """Rows whose run-together digits no split can balance (reader reason ``NOFIT:``).

    Other uncertain rows are reported by the input rule set (X010) and are simply kept
    out of the arithmetic here.
    """
    view = view_for(doc, ctx)
    if view.legacy:
        return
    done = set()
    for row, u, where in view.uncertain_rows:
        if u.reason.startswith(NOFIT) and id(u) not in done:
            done.add(id(u))
            yield Finding(u.span, {"where": where, "detail": u.reason[len(NOFIT):].strip(), "found": ""})
    for table in doc.tables:  # NOFIT rows outside the recognised tables still count
        for u in table.uncertain:
            if u.reason.startswith(NOFIT) and id(u) not in done:
                done.add(id(u))
                yield Finding(u.span, {"where": "表格", "detail": u.reason[len(NOFIT):].strip(), "found": ""})


def refers_identity(params, schemas):
    """The identity named is one of schema ``table-identities``."""
    ids = [str(i.get("id")) for i in schemas.get("table-identities") or [] if isinstance(i, dict)]
    if str(params["identity"]) not in ids:
        yield "identity", f"schema `table-identities` has no identity `{params['identity']}` (it has: {', '.join(ids) or 'none'})"


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "table-identity", check_identity,
            params=(Param("identity", str, required=True, doc="id of an identity in schema table-identities"),),
            placeholders=("row", "column", "group", "left", "right", "left_terms", "right_terms"),
            doc="表三、表四的勾稽关系（合计等于各项之和），按 schema 中声明的恒等式核算",
            refers=refers_identity,
        ),
        CheckerKind(
            "table-cell", check_cell,
            params=(Param("problem", str, required=True, doc="blank | non-numeric | negative | fraction", choices=("blank", "non-numeric", "negative", "fraction")),),
            placeholders=("where", "found", "detail"),
            doc="统计表数字单元格的取值：空白、非数字、负数、件数为小数",
        ),
        CheckerKind(
            "table-nofit", check_nofit,
            placeholders=("where", "detail", "found"),
            doc="连写数字的表格行无论如何拆分都不平衡（读取器标为 NOFIT）",
        ),
    ]

"""Balanced-totals and cell-value checkers (B4xx) over 表三 and 表四.

The identities are data (``table-identities`` in ``rules/tables-common.yaml``), evaluated
by :mod:`disclint.analysis.balances`, the same evaluation the generic ``table-relation``
kind runs for ``identity: T3-1`` (the review page picks identity findings by this kind's
name, so the national rules keep it).

Blank cells (policy for spec T3-5): a blank where a number is mandated is reported on
its own (B406, once per column of a table). In sums a blank *addend* counts as 0; an
identity whose reported total is blank — or that needs a total cell that is blank,
non-numeric or unreadable — is not evaluated, so one missing total never produces a
second, arithmetic finding. Rows a reader was unsure of are kept out entirely.
"""

from __future__ import annotations

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.analysis.balances import PLACEHOLDERS as IDENTITY_PLACEHOLDERS, evaluate, identity_in
from disclint.analysis.tables import norm, stray_in_values, view_for

NOFIT = "NOFIT:"  # reader marker (see plugins/input.py)


def check_identity(doc, rule, ctx):
    yield from evaluate(view_for(doc, ctx), identity_in(ctx.schema("table-identities"), rule.params["identity"]))


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
            placeholders=IDENTITY_PLACEHOLDERS,
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

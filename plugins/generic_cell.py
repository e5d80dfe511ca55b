"""``cell-value``: what the cells of 表三 or 表四 may hold, as a regulator writes it in YAML.

The cells are rows × columns of 表三 (schema keys of ``table3``) or groups × columns of
表四 (``table4``), ``*`` for all. Each cell read as a number must be of ``type``
(integer, or decimal with at most ``places`` decimal places) and within ``min`` /
``max``. Blank, non-numeric and unsure cells are the B4xx rules' business, not this one's.
"""

from __future__ import annotations

from decimal import Decimal

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.analysis.tables import fmt_num, schema_keys, unknown_keys, view_for

MAX_FINDINGS = 20  # per rule and report: one cell class wrong everywhere is one problem


def _pick(keys, wanted):
    wanted = [str(w) for w in wanted or ["*"]]
    return list(keys) if "*" in wanted else [k for k in keys if k in wanted]


def _cells(view, p):
    if p["table"] == "table3":
        t3 = view.table3
        if t3 is None:
            return
        for key in _pick(t3.order, p.get("rows")):
            row = t3.rows.get(key)
            if row is None or row.excluded:
                continue
            for col in _pick(t3.columns, p.get("columns")):
                v = row.values.get(col)
                if v is not None:
                    yield f"表三「{row.label.canonical}」行「{t3.column_labels[col]}」列", v
    else:
        t4 = view.table4
        if t4 is None or t4.excluded:
            return
        for g in _pick(t4.groups, p.get("rows")):
            for col in _pick(t4.columns, p.get("columns")):
                v = t4.values.get((g, col))
                if v is not None:
                    yield f"表四「{t4.group_labels[g]}」「{t4.column_labels[col]}」", v


def _fault(n: Decimal, p) -> str | None:
    places = 0 if p["type"] == "integer" else p.get("places")
    if places is not None and -n.as_tuple().exponent > places:
        return "整数" if places == 0 else f"至多{places}位小数"
    if "min" in p and n < Decimal(str(p["min"])):
        return f"不小于{fmt_num(Decimal(str(p['min'])))}"
    if "max" in p and n > Decimal(str(p["max"])):
        return f"不大于{fmt_num(Decimal(str(p['max'])))}"
    return None


def check_cell_value(doc, rule, ctx):
    view = view_for(doc, ctx)
    if view.format_mismatch or view.legacy:
        return
    shown = 0
    for where, v in _cells(view, rule.params):
        if not v.usable or v.number is None:
            continue
        expected = _fault(v.number, rule.params)
        if expected and shown < MAX_FINDINGS:
            shown += 1
            yield Finding(v.span, {"where": where, "found": v.text, "expected": expected})


def refers(params, schemas):
    """The rows (表三 row keys, 表四 group keys) and columns named are the schema's."""
    table = params["table"]
    keys = schema_keys(schemas, table)
    yield from unknown_keys("rows", params.get("rows"), keys["rows" if table == "table3" else "groups"],
                            f"schema `{table}` {'rows' if table == 'table3' else 'groups'}")
    yield from unknown_keys("columns", params.get("columns"), keys["columns"], f"schema `{table}` columns")


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "cell-value", check_cell_value,
            params=(
                Param("table", str, required=True, choices=("table3", "table4"), doc="table3 | table4"),
                Param("rows", list, doc="表三: row keys of schema table3; 表四: group keys of table4; [\"*\"] (default): all"),
                Param("columns", list, doc="column keys; [\"*\"] (default): all"),
                Param("type", str, required=True, choices=("integer", "decimal"), doc="integer | decimal"),
                Param("places", int, doc="decimal: at most this many decimal places"),
                Param("min", (int, float), doc="the smallest value allowed"),
                Param("max", (int, float), doc="the largest value allowed"),
            ),
            placeholders=("where", "found", "expected"),
            doc="表三、表四单元格的取值：整数或至多N位小数，以及上下限",
            refers=refers,
        ),
    ]

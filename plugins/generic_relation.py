"""``table-relation``: a regulator's relation between sums of cells of 表三 or 表四.

Written in YAML only. In 表三 the terms are row keys of schema ``table3`` and the
relation is checked in each column named in ``columns`` (``*``: every column); in 表四
the terms are column keys of schema ``table4``, checked in each group of ``groups``.
A term whose cell is missing, blank, not a number or was read unsurely keeps that
column (group) out: no finding on a guess.

With ``identity: ID`` the relation is an identity of schema ``table-identities`` (the
national T3-1 … T4-1: per column, row, group or subtotal, ``{leaves-of: KEY}`` terms, a
blank addend counting as 0), evaluated by :mod:`disclint.analysis.balances` — the terms
are stated once, in the schema, where the flattened reader also reads them.
"""

from __future__ import annotations

from decimal import Decimal

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.analysis.balances import PLACEHOLDERS as IDENTITY_PLACEHOLDERS, evaluate, identity_in
from disclint.analysis.tables import fmt_num, schema_keys, unknown_keys, view_for

RELATIONS = {
    "=": lambda a, b, t: abs(a - b) <= t,
    "≤": lambda a, b, t: a <= b + t,
    "≥": lambda a, b, t: a + t >= b,
    "<": lambda a, b, t: a < b + t,
    ">": lambda a, b, t: a + t > b,
}
# The relation that failed, as the message says it (「…应≤…」 failed: 「>」).
BROKEN = {"=": "≠", "≤": ">", "≥": "<", "<": "≥", ">": "≤"}


class _Skip(Exception):
    pass


def _number(value) -> Decimal:
    if value is None or value.status != "ok":
        raise _Skip
    return value.number


def _terms(parts) -> str:
    return "＋".join(f"{name}{fmt_num(n)}" for name, n in parts)


def _finding(rule, span, left, right, where: dict) -> Finding | None:
    rel = rule.params["relation"]
    tol = Decimal(str(rule.params.get("tolerance", 0)))
    a, b = sum(n for _, n in left), sum(n for _, n in right)
    if RELATIONS[rel](a, b, tol):
        return None
    return Finding(span, {
        "relation": rel, "broken": BROKEN[rel],
        "left": fmt_num(a), "right": fmt_num(b), "left_terms": _terms(left), "right_terms": _terms(right),
        "column": "", "group": "", "row": "", **where,
    })


def _table3(view, rule):
    t3 = view.table3
    if t3 is None:
        return
    wanted = [str(c) for c in rule.params.get("columns", ["*"])]
    columns = t3.columns if "*" in wanted else [c for c in t3.columns if c in wanted]
    for col in columns:
        try:
            sides = []
            for side in ("left", "right"):
                parts = []
                for key in map(str, rule.params[side]):
                    row = t3.rows.get(key)
                    if row is None or row.excluded or not row.values:
                        raise _Skip
                    parts.append((row.label.canonical, _number(row.values.get(col)), row.values[col].span))
                sides.append(parts)
        except _Skip:
            continue
        f = _finding(rule, sides[0][0][2], [p[:2] for p in sides[0]], [p[:2] for p in sides[1]], {"column": t3.column_labels[col]})
        if f is not None:
            yield f


def _table4(view, rule):
    t4 = view.table4
    if t4 is None or t4.excluded or not t4.values:
        return
    wanted = [str(g) for g in rule.params.get("groups", ["*"])]
    for g in t4.groups if "*" in wanted else [g for g in t4.groups if g in wanted]:
        try:
            sides = [[(t4.column_labels[c], _number(t4.values.get((g, c))), t4.values[(g, c)].span) for c in map(str, rule.params[side])] for side in ("left", "right")]
        except (_Skip, KeyError):
            continue
        f = _finding(rule, sides[0][0][2], [p[:2] for p in sides[0]], [p[:2] for p in sides[1]], {"group": t4.group_labels[g]})
        if f is not None:
            yield f


def check_relation(doc, rule, ctx):
    view = view_for(doc, ctx)
    if "identity" in rule.params:
        for f in evaluate(view, identity_in(ctx.schema("table-identities"), rule.params["identity"])):
            f.values.update(relation="=", broken="≠")
            yield f
        return
    if view.format_mismatch or view.legacy:
        return
    yield from (_table3 if rule.params["table"] == "table3" else _table4)(view, rule)


_INLINE = ("table", "relation", "left", "right")


def validate(params):
    """Either an identity of the schema, or a relation written out (table, relation, left, right)."""
    if "identity" in params:
        for key in (*_INLINE, "columns", "groups", "tolerance"):
            if key in params:
                yield key, "not with `identity` (the identity's schema entry says it)"
        return
    for key in _INLINE:
        if key not in params:
            yield None, f"needs parameter `{key}` (or `identity`, an id of schema table-identities)"


def refers(params, schemas):
    """The identity, or the row (表三) or column (表四) keys of both sides and the columns /
    groups, are the schema's."""
    if "identity" in params:
        ids = [str(i.get("id")) for i in schemas.get("table-identities") or [] if isinstance(i, dict)]
        if str(params["identity"]) not in ids:
            yield "identity", f"schema `table-identities` has no identity `{params['identity']}` (it has: {', '.join(ids) or 'none'})"
        return
    table = params["table"]
    keys = schema_keys(schemas, table)
    terms = keys["rows"] if table == "table3" else keys["columns"]
    for side in ("left", "right"):
        yield from unknown_keys(side, params.get(side), terms, f"schema `{table}` {'rows' if table == 'table3' else 'columns'}")
    if table == "table3":
        yield from unknown_keys("columns", params.get("columns"), keys["columns"], "schema `table3` columns")
    else:
        yield from unknown_keys("groups", params.get("groups"), keys["groups"], "schema `table4` groups")


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "table-relation", check_relation,
            params=(
                Param("identity", str, doc="or: the id of an identity of schema table-identities (T3-1 …), checked as the schema states it"),
                Param("table", str, doc="table3 | table4 (needed without identity)", choices=("table3", "table4")),
                Param("relation", str, doc="= | ≤ | ≥ | < | > (needed without identity)", choices=tuple(RELATIONS)),
                Param("left", list, doc="表三: row keys of schema table3; 表四: column keys of schema table4 (summed; needed without identity)"),
                Param("right", list, doc="as `left`"),
                Param("columns", list, doc="表三: the column keys to check it in; [\"*\"] (default): every column"),
                Param("groups", list, doc="表四: the group keys to check it in; [\"*\"] (default): every group"),
                Param("tolerance", (int, float), doc="how far the sides may be apart and still hold (default 0)"),
            ),
            placeholders=tuple(dict.fromkeys(("column", "group", "relation", "broken", "left", "right", "left_terms", "right_terms", *IDENTITY_PLACEHOLDERS))),
            doc="表三、表四中两组单元格之和的关系（=、≤、≥、<、>），逐列（表三）或逐组（表四）核对",
            refers=refers,
            validate=validate,
        ),
    ]

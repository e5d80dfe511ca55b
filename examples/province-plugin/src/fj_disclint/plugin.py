"""The province's hooks: its rule sets (rules/*.yaml) and one checker kind in Python.

``pending-share`` uses the public table analysis (``disclint.analysis.tables.view_for``):
表三 「四、结转下年度继续办理」 in the 总计 column may be at most ``max-share`` of the
applications to handle (一 新收 + 二 上年结转). Cells the reader was unsure of, or
that are blank, keep the check out.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.analysis.tables import fmt_num, view_for


def _cell(t3, key, col):
    row = t3.rows.get(key)
    if row is None or row.excluded:
        return None
    value = row.values.get(col)
    return value if value is not None and value.usable else None


def check_pending_share(doc, rule, ctx):
    view = view_for(doc, ctx)
    t3 = view.table3
    if t3 is None or view.format_mismatch:
        return
    new, carried, pending = (_cell(t3, k, "总计") for k in ("一", "二", "四"))
    if new is None or carried is None or pending is None:
        return
    total = new.number + carried.number
    limit = Decimal(str(rule.params["max-share"]))
    if total > 0 and pending.number > limit * total:
        share = (pending.number * 100 / total).quantize(Decimal("0.1"))
        yield Finding(pending.span, {"pending": fmt_num(pending.number), "total": fmt_num(total), "share": f"{share}%", "limit": f"{fmt_num(limit * 100)}%"})


@hookimpl
def disclint_rule_paths():
    return [str(Path(__file__).parent / "rules")]


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "pending-share", check_pending_share,
            params=(Param("max-share", (int, float), required=True, doc="the largest share of 结转下年度 in 新收+上年结转 (0.2 = 20%)"),),
            placeholders=("pending", "total", "share", "limit"),
            doc="表三结转下年度的申请占应办理申请（新收＋上年结转）的比例不超过规定",
        ),
    ]

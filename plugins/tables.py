"""Table structure checkers (T2xx): tables, rows and columns as the format prescribes them,
and which national format a report follows.

The analysis is done once in :mod:`disclint.analysis.tables` (shared with the balance
checkers through ``ctx.cached``); each rule picks the kind of observation it reports.
"""

from __future__ import annotations

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.analysis.tables import OBSERVATIONS as _ISSUES, PLACEHOLDERS as _PLACEHOLDERS, view_for


def check_structure(doc, rule, ctx):
    issue = rule.params["issue"]
    if issue not in _ISSUES:
        raise ValueError(f"unknown table issue {issue!r}")
    view = view_for(doc, ctx)
    if view.legacy:
        return
    for item in view.issues:
        if item.kind != issue:
            continue
        values = {k: "" for k in _PLACEHOLDERS}
        values.update({k: str(v) for k, v in item.values.items()})
        yield Finding(item.span, values)


def _evidence(markers, limit=3):
    shown = "、".join(f"「{m}」" for m, _ in markers[:limit])
    return shown + ("等" if len(markers) > limit else "")


def check_format(doc, rule, ctx):
    issue = rule.params["issue"]
    view = view_for(doc, ctx)
    year = ctx.year
    if issue == "legacy":
        if view.legacy:
            ev = f"，采用旧版「{view.legacy_evidence}」统计表" if view.legacy_evidence else ""
            yield Finding(view.legacy_span, {"evidence": ev, "year": year or "", "format": ""})
        return
    if view.legacy or year is None or view.format is None:
        return
    markers = view.evidence.get(view.format, [])
    if not markers:
        return
    span = markers[0][1]
    if issue == "outdated" and view.format == "2019" and year >= 2021:
        # every table in the old form is named, so the author redoes 表三 too, not only 表二
        rows = "".join(f"；{table}「{label}」只有一行" for table, label in view.outdated_rows)
        yield Finding(span, {"evidence": _evidence(markers) + rows, "year": year, "format": view.format})
    elif issue == "anachronistic" and view.format == "2021" and 2019 <= year <= 2020:
        yield Finding(span, {"evidence": _evidence(markers), "year": year, "format": view.format})


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "table-structure", check_structure,
            params=(Param("issue", str, required=True, doc="which structural observation: " + ", ".join(_ISSUES), choices=tuple(_ISSUES)),),
            placeholders=_PLACEHOLDERS,
            doc="表二、表三、表四的表、行、列是否与格式一致（按标签识别，不按位置）",
        ),
        CheckerKind(
            "table-format", check_format,
            params=(Param("issue", str, required=True, doc="outdated | anachronistic | legacy", choices=("outdated", "anachronistic", "legacy")),),
            placeholders=("year", "evidence", "format"),
            doc="报告所用表格格式（2019年试行格式/2021年格式/旧模板）与报告年度是否相符",
        ),
    ]

"""Checker kinds for what the readers met: unreadable input, unsure tables, unknown year.

Readers never decide codes or severities; they record ReaderProblems and
Uncertainties on the document, and these kinds turn them into findings under the
rules of the chosen rule set.
"""

from __future__ import annotations

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.model import READER_PROBLEMS, Span  # the problems readers record, checked at load
from disclint.analysis.tables import view_for

# Uncertainties whose reason starts with this marker are arithmetic findings (a row no
# split of run-together digits can balance); the balance checker reports them.
NOFIT = "NOFIT:"


def _validate_problems(params):
    for kind in params.get("problems") or []:
        if kind not in READER_PROBLEMS:
            yield "problems", f"unknown observation {kind!r} (it offers: {', '.join(READER_PROBLEMS)})"


def check_reader_problem(doc, rule, ctx):
    wanted = rule.params.get("problems") or []
    for p in doc.problems:
        if p.kind in wanted:
            yield Finding(p.span, {"detail": p.detail, "problem": p.kind})


def check_table_uncertain(doc, rule, ctx):
    """One finding per table, at its first unsure part, saying how many there are.
    A row the running text settled (the table analysis, analysis.evidence) is no longer unsure, and a
    row a T finding already reports (T206: its cells cannot be placed) is not said twice."""
    settled: set[int] = set()
    if any(t.uncertain for t in doc.tables):
        view = view_for(doc, ctx)
        settled = {id(u) for u in view.settled + view.reported}
    for table in doc.tables:
        unsure = [u for u in table.uncertain if not u.reason.startswith(NOFIT) and id(u) not in settled]
        if not unsure:
            continue
        first = unsure[0]
        reason = first.reason
        if len(unsure) > 1:
            rows = len({u.row for u in unsure})
            reason = f"该表共{len(unsure)}处（{rows}行）无法确定，第一处：{reason}"
        yield Finding(first.span, {"reason": reason})


def check_report_year(doc, rule, ctx):
    """The year could not be found (the newest rule set is used)."""
    if ctx.year is None and doc.blocks:
        first = doc.blocks[0]
        yield Finding(first.span if hasattr(first, "span") else Span.at(1, 1), {"ruleset": ctx.ruleset.name})


def check_report_year_note(doc, rule, ctx):
    """One note at the report year naming the rule set chosen for it (e.g. a pre-2019 report)."""
    if ctx.year is not None and ctx.year_span is not None:
        yield Finding(ctx.year_span, {"year": ctx.year, "ruleset": ctx.ruleset.name, "ruleset_title": ctx.ruleset.title})


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "reader-problem",
            check_reader_problem,
            params=(Param("problems", list, required=True, doc="reader problem kinds this rule reports: " + ", ".join(READER_PROBLEMS)),),
            placeholders=("detail", "problem"),
            doc="Reports problems a reader recorded (binary, undecodable, empty, truncated...).",
            validate=_validate_problems,
        ),
        CheckerKind(
            "table-uncertain",
            check_table_uncertain,
            placeholders=("reason",),
            doc="Reports table parts a reader could not read with confidence (kept out of the arithmetic).",
        ),
        CheckerKind(
            "report-year",
            check_report_year,
            placeholders=("ruleset",),
            doc="The report year could not be found in the title or the statistical period.",
        ),
        CheckerKind(
            "report-year-note",
            check_report_year_note,
            placeholders=("year", "ruleset", "ruleset_title"),
            doc="One note at the report year naming the rule set that applies (used for legacy reports).",
        ),
    ]

"""Running the examples a rule carries, so a rule author can test rules without Python.

A rule's ``examples`` say which codes a snippet must give (the rule's own code only
when listed); with ``docs`` its documented failing example must give its own code more
often than its passing example. Each snippet
is checked with the rule set the rule belongs to, chosen for it whatever the snippet's
report year (as ``--ruleset`` would), so an excerpt without a title still runs.

A doc example that needs a whole report around it (a table rule: a table is recognised
by its whole header; a sentence compared with a table) names one with doc ``within``:
each part the example prints (a line ``三、…`` with no tab, as a part heading is written)
replaces that part of the complete report, and lines before its first part heading
replace the report's title and introduction; a table row it prints there (``| label | … |``)
replaces instead the report's row with the same label, so one wrong row is an example of
one line. The rest of the report is as given. A rule comparing two years' reports names
last year's with doc ``previous``: it is checked in the same run, first.

Findings about accepting findings (kind ``accepted``: an unused suppression mark, an
expired waiver) are made after checking, so their doc examples are checked as the
command line checks a report: written to a folder, then passed through the same
post-check (postcheck.py). With doc ``as`` an example is not report text but the file of
that name (``disclint-waivers.yaml``) written beside the ``within`` report, checked as it is;
``disclint-baseline.json`` is a baseline, given to the run as ``--baseline`` gives it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..baseline import BaselineError
from ..bounded_read import read_regular
from ..settings import ConfigError
from .model import Rule, RuleSet

MAX_EXAMPLE_BYTES = 4 * 2**20  # an example file is an excerpt or one report
AFTER_CHECKING = "accepted"  # the kind whose findings the post-check makes (rules/suppressions.yaml)
BASELINE_AS = "disclint-baseline.json"  # doc `as` naming a baseline: the run is given it (--baseline)


@dataclass(frozen=True)
class Outcome:
    """One example's result: which rule, where the example was written, and what was found."""

    code: str
    where: str  # file:line of the example (or of the rule, for its doc examples)
    label: str  # "example 2", "doc fail/pass" (in the run's language)
    ok: bool
    detail: str = ""


def defined_under(rulesets: dict[str, RuleSet], path: Path) -> list[tuple[Rule, RuleSet]]:
    """The rules written in files at or under ``path``, each with the rule set to run it in.

    That set is the most recent selectable one holding the rule (its overrides applied),
    else the building block that defines it.
    """
    root = path.resolve()
    order = sorted(rulesets.values(), key=lambda rs: (not rs.selectable, -(rs.applies_from or 0), rs.name))
    chosen: dict[tuple[str, str], tuple[Rule, RuleSet]] = {}
    for rs in order:
        for rule in rs.rules.values():
            if rule.origin is None or (rule.ruleset, rule.id) in chosen:
                continue
            file = Path(rule.origin.file).resolve()
            if file == root or root in file.parents:
                chosen[(rule.ruleset, rule.id)] = (rule, rs)
    return sorted(chosen.values(), key=lambda pair: pair[0].id)


def run(linter, pairs: list[tuple[Rule, RuleSet]], docs: bool = False) -> list[Outcome]:
    out: list[Outcome] = []
    forced = linter.forced
    try:
        for rule, rs in pairs:
            out.extend(_run_rule(linter, rule, rs, docs))
    finally:
        linter.forced = forced
    return out


def t(template: str, **values) -> str:
    """An outcome's words in the run's language (clilang.py; `disclint test-rules --lang`)."""
    from ..clilang import t as said

    return said(template, **values)


def _run_rule(linter, rule: Rule, rs: RuleSet, docs: bool) -> list[Outcome]:
    file = rule.origin.file if rule.origin else rule.ruleset
    results = []
    for i, ex in enumerate(rule.examples, 1):
        where, label = f"{file}:{ex['line']}", t("example {i}", i=i)
        if not rule.enabled:
            results.append(Outcome(rule.id, where, label, False, t("the rule is disabled in rule set {name}", name=rs.name)))
            continue
        try:
            found = _found(linter, rs, ex)
        except OSError as exc:  # NotRegular, TooLarge too
            results.append(Outcome(rule.id, where, label, False, t("cannot read the example file: {problem}", problem=exc)))
            continue
        expect = list(ex["expect"])
        missing = [c for c in expect if c not in found]
        extra = rule.id not in expect and rule.id in found
        detail = t("expected {expect}, found {found}", expect=", ".join(expect) or t("no {code}", code=rule.id), found=_shown(found)) if missing or extra else ""
        results.append(Outcome(rule.id, where, label, not (missing or extra), detail))
    if docs and rule.enabled and (rule.example_fail or rule.example_pass):
        results.append(_doc_outcome(linter, rule, rs, f"{file}:{rule.origin.line if rule.origin else 1}"))
    return results


def _doc_outcome(linter, rule: Rule, rs: RuleSet, where: str) -> Outcome:
    """The documented failing example gives the rule's code, and more often than the passing one.

    Doc examples are a few lines of a report, so a passing excerpt may still lack what
    the rest of a report would give (the parts before it); it only has to fail less.
    """
    try:
        report = read_regular(rule.example_within, MAX_EXAMPLE_BYTES).decode("utf-8") if rule.example_within else None
    except (OSError, UnicodeDecodeError) as exc:
        return Outcome(rule.id, where, t("doc fail/pass"), False, t("cannot read doc `within` {file}: {problem}", file=rule.example_within, problem=exc))

    def text(example: str) -> str:
        return example if report is None or rule.example_as else within(report, example)

    try:
        previous = read_regular(rule.example_previous, MAX_EXAMPLE_BYTES) if rule.example_previous else None
    except OSError as exc:
        return Outcome(rule.id, where, t("doc fail/pass"), False, t("cannot read doc `previous` {file}: {problem}", file=rule.example_previous, problem=exc))
    if rule.check == AFTER_CHECKING:
        def found(example: str) -> dict[str, int]:
            beside = (Path(rule.example_within).name, report) if rule.example_as else None
            return found_after_checking(linter, rule.example_as or "example.txt", text(example), beside)
    else:
        def found(example: str) -> dict[str, int]:
            return _found(linter, rs, {"text": text(example)}, previous)
    try:
        fail = found(rule.example_fail) if rule.example_fail else {}
        passed = found(rule.example_pass) if rule.example_pass else {}
    except ConfigError as exc:  # a doc example that is a faulty waiver file
        return Outcome(rule.id, where, t("doc fail/pass"), False, f"{exc.origin}: {exc.message}")
    except BaselineError as exc:  # a doc example that is a faulty baseline
        return Outcome(rule.id, where, t("doc fail/pass"), False, str(exc))
    n_fail, n_pass = fail.get(rule.id, 0), passed.get(rule.id, 0)
    ok = n_fail > n_pass if rule.example_fail else n_pass == 0
    detail = "" if ok else t("doc fail gives {n_fail} {code} (found {found}), doc pass gives {n_pass}", n_fail=n_fail, code=rule.id, found=_shown(fail), n_pass=n_pass)
    return Outcome(rule.id, where, t("doc fail/pass"), ok, detail)


_PART = re.compile(r"^\s*([一二三四五六七八九十]+)、[^\t]*$")


def _parts(text: str) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """(lines before the first part heading, each part's lines by number, the numbers in order)."""
    head: list[str] = []
    parts: dict[str, list[str]] = {}
    order: list[str] = []
    current = head
    for line in text.splitlines():
        m = _PART.match(line)
        if m and m.group(1) not in parts:
            order.append(m.group(1))
            current = parts[m.group(1)] = []
        current.append(line)
    return head, parts, order


def _row_label(line: str) -> str:
    """The first filled cell of a markdown table row, or "" for any other line."""
    if not line.lstrip().startswith("|"):
        return ""
    return next((c.strip() for c in line.strip().strip("|").split("|") if c.strip()), "")


def within(report: str, example: str) -> str:
    """``example`` set into the complete ``report``: each part it prints replaces the
    report's part of that number (a part the report lacks is added at the end); its table
    rows before any part heading replace the report's rows of the same labels, and its
    other lines there, when there are any, replace the report's title and introduction."""
    head, parts, order = _parts(report)
    own_head, own, own_order = _parts(example)
    rows = {_row_label(line): line for line in own_head if _row_label(line)}
    own_head = [line for line in own_head if not _row_label(line)]
    if any(line.strip() for line in own_head):
        head = own_head
    for n in own_order:
        if n not in parts:
            order.append(n)
        parts[n] = own[n]
    lines = [*head, *(line for n in order for line in parts[n])]
    lines = [rows.get(_row_label(line), line) for line in lines]
    return "\n".join(lines) + "\n"


def _shown(found: dict[str, int]) -> str:
    return ", ".join(sorted(found)) or t("nothing")


def _found(linter, rs: RuleSet, ex: dict, previous: bytes | None = None) -> dict[str, int]:
    """How many findings of each code the example gives under rule set ``rs`` (checked
    after last year's report ``previous``, with the rules across reports, when given)."""
    linter.forced = rs
    if "file" in ex and not os.path.lexists(ex["file"]):
        # a path that names nothing is checked as `disclint check` checks it (X001), so the
        # rule for a missing file has its example too; any other expectation then fails
        result = linter.check_document(linter.read(ex["file"]))
    elif previous is None:
        path, data = _example_bytes(ex)
        result = linter.check_document(linter.read_data(path, data))
    else:
        path, data = _example_bytes(ex)
        both = linter.check_documents([linter.read_data("previous.txt", previous), linter.read_data(path, data)])
        result = next(r for r in both if r.path == path)
    counts: dict[str, int] = {}
    for d in result.diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
    return counts


def _example_bytes(ex: dict) -> tuple[str, bytes]:
    if "file" in ex:
        return ex["file"], read_regular(ex["file"], MAX_EXAMPLE_BYTES)
    return "example.txt", ex["text"].encode("utf-8")


def found_after_checking(linter, name: str, text: str, beside: tuple[str, str | None] | None = None) -> dict[str, int]:
    """How many findings of each code the file ``name`` holding ``text`` gives once checked
    and post-checked as on the command line (its own rule set by year; suppressions,
    waivers, expired waivers). With ``beside`` (report file name, report text) the file is
    written next to that report and the report is what is checked."""
    import tempfile

    from .. import baseline, postcheck

    forced, linter.forced = linter.forced, None
    try:
        with tempfile.TemporaryDirectory(prefix="disclint-doc-") as folder:
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            if beside is not None:
                path = Path(folder) / beside[0]
                path.write_text(beside[1] or "", encoding="utf-8")
            # a baseline (X903) is not found beside a report but given, as --baseline gives it
            given = baseline.load(Path(folder) / name) if beside is not None and name == BASELINE_AS else None
            policy = postcheck.Policy(linter, linter.options.today, baseline=given)
            postcheck.prepare(policy, [str(path)])
            result = policy.apply(linter.check_document(linter.read_data(str(path), path.read_bytes())))
            results = [result, *policy.finish()]
    finally:
        linter.forced = forced
    counts: dict[str, int] = {}
    for r in results:
        for d in r.diagnostics:
            counts[d.code] = counts.get(d.code, 0) + 1
    return counts

"""Every rule documents itself (Ruff-style), and its failing example really fails.

`disclint rule CODE` prints what/why/fail/pass. Running the failing example must give
more findings of that code than the passing one: alone when it is a few lines of a
report, set into the complete report named by doc `within` when it is a part of one
(a table rule's table, a sentence compared with the tables), with last year's report
named by doc `previous` checked in the same run (the cross-year rules). Examples that
cannot run are listed here with the reason, so a new rule has to choose one or the other.
"""

from datetime import date

import pytest

from disclint.checking import Options
from disclint.engine import Linter
from disclint.readers.text import read_text
from disclint.rules.examples import within

# Rule codes whose examples are excerpts, with why they cannot run on their own.
EXCERPTS = {
}


@pytest.fixture(scope="module")
def linter():
    return Linter(Options(today=date(2026, 11, 27)))


def _rules(linter):
    seen = {}
    for name in ("gov-2021", "gov-2019", "legacy-2008"):
        for rule in linter.rulesets[name].rules.values():
            seen.setdefault(rule.id, (rule, linter.rulesets[name]))
    return sorted(seen.values(), key=lambda pair: pair[0].id)


def test_every_rule_is_documented(linter):
    for rule, _rs in _rules(linter):
        assert rule.description and rule.why, rule.id
        if rule.ruleset != "input":
            assert rule.example_fail and rule.example_pass, f"{rule.id} has no failing/passing example"


def test_failing_examples_fail_and_passing_ones_pass(linter):
    checked = 0
    for rule, rs in _rules(linter):
        if rule.ruleset == "input" or rule.id in EXCERPTS:
            continue
        counts = []
        report = open(rule.example_within, encoding="utf-8").read() if rule.example_within else None
        previous = open(rule.example_previous, "rb").read() if rule.example_previous else None
        for text in (rule.example_fail, rule.example_pass):
            text = within(report, text) if report else text
            linter.forced = rs
            docs = [read_text("previous.txt", previous)] if previous else []  # last year's, same run
            results = linter.check_documents([*docs, read_text("example.txt", text.encode("utf-8"))])
            result = next(r for r in results if r.path == "example.txt")
            counts.append(sum(1 for d in result.diagnostics if d.code == rule.id))
        assert counts[0] > counts[1], f"{rule.id}: failing example gives {counts[0]}, passing {counts[1]}"
        checked += 1
    linter.forced = None
    assert checked >= 70


def test_excerpt_list_names_only_real_rules(linter):
    codes = {rule.id for rule, _rs in _rules(linter)}
    assert set(EXCERPTS) <= codes

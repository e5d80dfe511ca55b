"""Every rule documents itself (Ruff-style), and its failing example really fails.

`disclint rule CODE` prints what/why/fail/pass. Where the examples are self-contained
(a few lines of a report), running the failing one must give more findings of that code
than the passing one. Examples that are excerpts of a table or need two reports (the
cross-year rules) cannot run alone; they are listed here with the reason, so a new rule
has to choose one or the other.
"""

from datetime import date

import pytest

from disclint.checking import Options
from disclint.engine import Linter
from disclint.readers.text import read_text

# Rule codes whose examples are excerpts, with why they cannot run on their own.
EXCERPTS = {
    **{c: "a 表二/表三/表四 excerpt: the table needs its whole header to be recognised" for c in (
        "T202", "T203", "T205", "T206", "T207", "T208", "T211", "T212",
        "B401", "B403", "B404", "B405", "B406", "B407", "B408", "B409", "B410")},
    "T201": "a missing table is judged on a whole report (an excerpt misses the other tables too)",
    **{c: "compares a sentence with a table, which the excerpt leaves out" for c in ("B501", "B502", "B503", "B504", "B505", "B506", "B507")},
    **{c: "compares two years' reports of one organ" for c in ("B601", "B602", "B603")},
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
        for text in (rule.example_fail, rule.example_pass):
            linter.forced = rs
            result = linter.check_document(read_text("example.txt", text.encode("utf-8")))
            counts.append(sum(1 for d in result.diagnostics if d.code == rule.id))
        assert counts[0] > counts[1], f"{rule.id}: failing example gives {counts[0]}, passing {counts[1]}"
        checked += 1
    linter.forced = None
    assert checked >= 25


def test_excerpt_list_names_only_real_rules(linter):
    codes = {rule.id for rule, _rs in _rules(linter)}
    assert set(EXCERPTS) <= codes

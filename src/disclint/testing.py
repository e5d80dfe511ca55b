"""A pytest plugin for regulators' packages: the ``disclint_linter`` fixture.

Installed disclint registers this module in pytest's ``pytest11`` entry-point group, so a
package's own test suite can lint snippets with its rule sets and run their examples:

    def test_fee_sentence(disclint_linter):
        province = disclint_linter.with_rules("rules/province.yaml")
        assert "P601" in province.codes("六、其他需要报告的事项\\n无。\\n")
        assert province.failed_examples("rules/province.yaml", docs=True) == []
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from . import api
from .rules import examples


class RuleTester:
    """Lint snippets and run rule examples with given rule sets (and the shipped ones)."""

    def __init__(self, options: api.LintOptions):
        self.options = options

    def with_rules(self, *rule_paths: str | Path, ruleset: str | None = None, today: date | None = None) -> "RuleTester":
        o = self.options
        return RuleTester(api.LintOptions((*o.rule_paths, *map(str, rule_paths)), ruleset or o.ruleset, today or o.today, o.organ_kind))

    def lint(self, text: str, name: str = "report.txt") -> list[api.Diagnostic]:
        return api.lint_text(text, name, self.options)

    def codes(self, text: str, name: str = "report.txt") -> list[str]:
        return [d.code for d in self.lint(text, name)]

    def failed_examples(self, path: str | Path, docs: bool = False) -> list[examples.Outcome]:
        """The examples of the rules written in ``path`` that do not hold (empty: all hold)."""
        linter = api.linter_for(self.options)
        outcomes = examples.run(linter, examples.defined_under(linter.rulesets, Path(path)), docs=docs)
        return [o for o in outcomes if not o.ok]


@pytest.fixture
def disclint_linter() -> RuleTester:
    """A RuleTester with the shipped rule sets, a fixed today (reproducible date rules)."""
    return RuleTester(api.LintOptions(today=date(2026, 1, 1)))

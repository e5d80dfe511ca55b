"""Rules and rule sets as loaded from YAML (plain data; no code in rule text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
MAX_RULESET_BYTES = 256 * 1024  # the largest shipped set is 22 KB; ruamel reads ~100 KB/s


@dataclass(frozen=True)
class Origin:
    """Where a piece of rule text was written: file, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Rule:
    """One rule: a code, a kebab-case name, the checker kind it uses and its message."""

    id: str
    name: str
    check: str
    severity: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    basis: str = ""
    description: str = ""
    why: str = ""
    example_fail: str = ""
    example_pass: str = ""
    # a complete report the doc examples are set into (doc `within`, resolved beside the
    # rule's file): each part a doc example prints replaces that part of this report
    example_within: str = ""
    # last year's complete report (doc `previous`), checked in the same run as the doc
    # examples so that a rule comparing two years' reports can be shown failing
    example_previous: str = ""
    # doc `as`: the doc examples are not report text but the file of this name written
    # beside the `within` report (a waiver file), which is then checked as it is
    example_as: str = ""
    # Snippets a rule author states the outcome of: [{"text" or "file", "expect": [codes], "line"}]
    # (``disclint test-rules`` runs them; plain data so the rule-set cache stores them).
    examples: list[dict[str, Any]] = field(default_factory=list)
    enabled: bool = True
    origin: Origin | None = None
    ruleset: str = ""  # the rule set that defined it


@dataclass
class RuleSet:
    """A named rule set after ``extends`` and ``overrides`` are resolved."""

    name: str
    title: str = ""
    basis: str = ""
    applies_from: int | None = None
    applies_to: int | None = None
    extends: list[str] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # by code, in definition order
    schemas: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    schema_origins: dict[str, Origin] = field(default_factory=dict)  # where each schema was written

    @property
    def selectable(self) -> bool:
        """Rule sets without ``applies-to`` are building blocks, never chosen by year."""
        return self.applies_from is not None or self.applies_to is not None

    def applies(self, year: int) -> bool:
        lo = self.applies_from if self.applies_from is not None else -10**9
        hi = self.applies_to if self.applies_to is not None else 10**9
        return lo <= year <= hi

    def enabled_rules(self) -> list[Rule]:
        return [r for r in self.rules.values() if r.enabled]

"""Choosing the rule set for one report: by ``--ruleset``, else by the report year."""

from __future__ import annotations

from pathlib import Path

from .model import RuleSet


class NoRuleSet(Exception):
    pass


def selectable(rulesets: dict[str, RuleSet]) -> list[RuleSet]:
    return sorted((rs for rs in rulesets.values() if rs.selectable), key=lambda rs: (rs.applies_from or 0, rs.name))


def newest(rulesets: dict[str, RuleSet]) -> RuleSet:
    candidates = selectable(rulesets)
    if not candidates:
        raise NoRuleSet("no rule set with `applies-to` is loaded")
    # The newest national format is the one that applies open-ended to later years.
    return max(candidates, key=lambda rs: (rs.applies_to is None, rs.applies_from or 0))


def for_year(rulesets: dict[str, RuleSet], year: int | None) -> RuleSet:
    """The rule set for ``year``; the newest when the year is unknown or none applies."""
    if year is not None:
        matching = [rs for rs in selectable(rulesets) if rs.applies(year)]
        if matching:
            # Several may apply (a regulator's set beside the national one): the
            # narrowest year range is the most specific, so it wins.
            def width(rs: RuleSet) -> int:
                return (rs.applies_to or 9999) - (rs.applies_from or 0)

            return min(matching, key=lambda rs: (width(rs), rs.name))
    return newest(rulesets)


def by_name_or_path(rulesets: dict[str, RuleSet], choice: str) -> RuleSet | None:
    """``--ruleset NAME`` or ``--ruleset PATH`` (a file already loaded into ``rulesets``)."""
    if choice in rulesets:
        return rulesets[choice]
    p = Path(choice)
    for rs in rulesets.values():
        if rs.origin and Path(rs.origin.file).resolve() == p.resolve():
            return rs
    return None

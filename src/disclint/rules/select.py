"""Choosing the rule set for one report: by ``--ruleset``, else by the report year.

By year, every rule set whose ``applies-to`` contains the year applies; a regulator's
set that ``extends`` the national one is applied with it (see compose.py), never
instead of it by a tie-break. ``--ruleset`` means one set for every file, as written.
"""

from __future__ import annotations

from pathlib import Path

from . import compose
from .model import RuleSet


class NoRuleSet(Exception):
    pass


def selectable(rulesets: dict[str, RuleSet]) -> list[RuleSet]:
    return sorted((rs for rs in rulesets.values() if rs.selectable), key=lambda rs: (rs.applies_from or 0, rs.name))


def newest_year(rulesets: dict[str, RuleSet]) -> int:
    """The first year of the newest national format (the one open-ended to later years)."""
    candidates = selectable(rulesets)
    if not candidates:
        raise NoRuleSet("no rule set with `applies-to` is loaded")
    best = max(candidates, key=lambda rs: (rs.applies_to is None, rs.applies_from or 0))
    if best.applies_from is not None:
        return best.applies_from
    return best.applies_to  # only closed ranges loaded: the latest year they reach


def newest(rulesets: dict[str, RuleSet]) -> RuleSet:
    return for_year(rulesets, None)


def composition(rulesets: dict[str, RuleSet], year: int | None) -> tuple[compose.Composition, int | None, compose.Line]:
    """What applies to ``year``; the newest format's when it is unknown or nothing applies."""
    if year is not None:
        comp = compose.compose(rulesets, year)
        if comp is not None:
            return comp, year, ("report year {year}", {"year": year})
    fallback = newest_year(rulesets)
    comp = compose.compose(rulesets, fallback)
    if comp is None:
        raise NoRuleSet("no rule set applies to any report year")
    if year is None:
        return comp, fallback, ("report year not found: the newest format's rule sets ({fallback}) apply", {"fallback": fallback})
    return comp, fallback, ("no rule set applies to report year {year}: the newest format's rule sets ({fallback}) apply",
                            {"year": year, "fallback": fallback})


def for_year(rulesets: dict[str, RuleSet], year: int | None) -> RuleSet:
    return composition(rulesets, year)[0].ruleset


def explain(rulesets: dict[str, RuleSet], year: int | None) -> list[compose.Line]:
    comp, used, how = composition(rulesets, year)
    return compose.explain(comp, used, how)


def by_name_or_path(rulesets: dict[str, RuleSet], choice: str) -> RuleSet | None:
    """``--ruleset NAME`` or ``--ruleset PATH`` (a file already loaded into ``rulesets``)."""
    if choice in rulesets:
        return rulesets[choice]
    p = Path(choice)
    for rs in rulesets.values():
        if rs.origin and Path(rs.origin.file).resolve() == p.resolve():
            return rs
    return None

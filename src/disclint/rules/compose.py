"""Rule sets that apply to one report year, composed into the set that is run.

Every rule set whose ``applies-to`` contains the year applies. A set another applicable
set ``extends`` is already inside it (its rules, schemas, with the child's overrides
applied), so only the outermost sets are composed. Two outermost sets (two regulators
beside one national format) are joined: their rules and schemas are added together; a
code or schema that two of them define differently, or an override two of them make
differently, is a load fault naming both files (``clashes``), never a silent choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Origin, Rule, RuleSet


@dataclass
class Composition:
    ruleset: RuleSet  # what is run: one set, or the join of several
    members: list[RuleSet]  # the outermost applicable sets, national first
    included: dict[str, str] = field(default_factory=dict)  # applicable set -> the member that extends it
    faults: list[tuple[Origin, str]] = field(default_factory=list)


def ancestors(rs: RuleSet, rulesets: dict[str, RuleSet]) -> set[str]:
    """Every set ``rs`` extends, directly or through others."""
    seen: set[str] = set()
    todo = list(rs.extends)
    while todo:
        name = todo.pop()
        if name in seen or name not in rulesets:
            continue
        seen.add(name)
        todo.extend(rulesets[name].extends)
    return seen


def applicable(rulesets: dict[str, RuleSet], year: int) -> list[RuleSet]:
    return [rs for rs in rulesets.values() if rs.selectable and rs.applies(year)]


def compose(rulesets: dict[str, RuleSet], year: int) -> Composition | None:
    """The composition for ``year`` (None when no set applies to it)."""
    found = applicable(rulesets, year)
    if not found:
        return None
    anc = {rs.name: ancestors(rs, rulesets) for rs in found}
    included = {}
    for rs in found:
        for other in found:
            if other is not rs and rs.name in anc[other.name]:
                included[rs.name] = other.name
                break
    members = [rs for rs in found if rs.name not in included]
    # National (fewest ancestors among applicable sets) first, then by name.
    members.sort(key=lambda rs: (len(anc[rs.name] & {f.name for f in found}), rs.name))
    if len(members) == 1:
        return Composition(members[0], members, included)
    key = tuple(id(m) for m in members)
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = (_join(members, rulesets), members)
    ruleset, faults = cached[0]
    return Composition(ruleset, members, included, faults)


_cache: dict[tuple[int, ...], tuple[tuple[RuleSet, list], list[RuleSet]]] = {}


def by_name(rulesets: dict[str, RuleSet], name: str) -> RuleSet | None:
    """A rule set by name, a joined one (``gov-2021+province``) included."""
    if name in rulesets:
        return rulesets[name]
    members = [rulesets.get(n) for n in name.split("+")]
    if None in members or len(members) < 2:
        return None
    key = tuple(id(m) for m in members)
    if key not in _cache:
        _cache[key] = (_join(members, rulesets), members)
    return _cache[key][0][0]


def _where(rs: RuleSet) -> str:
    return rs.origin.file if rs.origin else rs.name


def _join(members: list[RuleSet], rulesets: dict[str, RuleSet]) -> tuple[RuleSet, list[tuple[Origin, str]]]:
    faults: list[tuple[Origin, str]] = []
    first = members[0]
    lo = max((m.applies_from for m in members if m.applies_from is not None), default=None)
    hi = min((m.applies_to for m in members if m.applies_to is not None), default=None)
    out = RuleSet(
        name="+".join(m.name for m in members),
        title=first.title,
        basis=first.basis,
        applies_from=lo,
        applies_to=hi,
        extends=[m.name for m in members],
        origin=first.origin,
    )
    # What the members' ancestors hold unchanged: a member's value differing from it is its change.
    inherited: set[str] = set().union(*(ancestors(m, rulesets) for m in members))
    codes = list(dict.fromkeys(code for m in members for code in m.rules))
    for code in codes:
        have = [(m, m.rules[code]) for m in members if code in m.rules]
        rule = _pick_rule(code, have, rulesets, faults)
        if rule is not None:
            out.rules[code] = rule
    names = list(dict.fromkeys(k for m in members for k in m.schemas))
    for name in names:
        have = [(m, m.schemas[name]) for m in members if name in m.schemas]
        base = [rulesets[a].schemas[name] for a in inherited if a in rulesets and name in rulesets[a].schemas]
        distinct = _distinct([v for _m, v in have])
        if len(distinct) == 1:
            out.schemas[name] = distinct[0]
            continue
        changed = [(m, v) for m, v in have if v not in base]
        if len(_distinct([v for _m, v in changed])) == 1:
            out.schemas[name] = changed[0][1]
            continue
        a, b = (changed or have)[:2]
        faults.append((b[0].origin or Origin(_where(b[0]), 1, 1), f"schema `{name}` is defined differently by rule set `{a[0].name}` ({_where(a[0])}) and rule set `{b[0].name}` ({_where(b[0])}), which both apply to the same report years"))
    return out, faults


def _distinct(values: list) -> list:
    out: list = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _pick_rule(code: str, have: list[tuple[RuleSet, Rule]], rulesets: dict[str, RuleSet], faults) -> Rule | None:
    rules = _distinct([r for _m, r in have])
    if len(rules) == 1:
        return rules[0]
    by_origin = _distinct([r.origin for _m, r in have])
    if len(by_origin) > 1:
        (ma, ra), (mb, rb) = [next((m, r) for m, r in have if r.origin == o) for o in by_origin[:2]]
        faults.append((rb.origin or Origin(_where(mb), 1, 1), f"rule code `{code}` is defined both at {ra.origin} (rule set `{ma.name}`) and at {rb.origin} (rule set `{mb.name}`), which both apply to the same report years; give one of them another code"))
        return None
    # One definition, changed by overrides: the defining set's version is the unchanged one.
    definer = rulesets.get(have[0][1].ruleset)
    base = definer.rules.get(code) if definer else None
    changed = [(m, r) for m, r in have if r != base]
    if len(_distinct([r for _m, r in changed])) == 1:
        return changed[0][1]
    (ma, _), (mb, _) = changed[:2]
    faults.append((mb.origin or Origin(_where(mb), 1, 1), f"overrides of rule `{code}` in rule set `{ma.name}` ({_where(ma)}) and rule set `{mb.name}` ({_where(mb)}) disagree, and both apply to the same report years"))
    return None


def clashes(rulesets: dict[str, RuleSet]) -> list[tuple[Origin, str]]:
    """Every clash between rule sets that apply together, for any report year."""
    bounds = sorted({y for rs in rulesets.values() for y in (rs.applies_from, rs.applies_to) if y is not None})
    if not bounds:
        return []
    faults: list[tuple[Origin, str]] = []
    seen: set[tuple[str, ...]] = set()
    # Which sets apply changes only at a boundary year, so these years cover every case.
    for year in sorted({bounds[0] - 1, *bounds, *(b + 1 for b in bounds)}):
        comp = compose(rulesets, year)
        if comp is None:
            continue
        key = tuple(m.name for m in comp.members)
        if key not in seen:
            seen.add(key)
            faults.extend(comp.faults)
    return faults


# One line of an explanation: an English template (the message id the CLI translates,
# clilang.py) and its values.
Line = tuple[str, dict]


def explain(comp: Composition | None, year: int | None, how: Line) -> list[Line]:
    """Why these rule sets were applied, one line each (for ``check --explain``)."""
    if comp is None:
        return [how]
    lines = [how]
    for m in comp.members:
        values = {"name": m.name, "file": _where(m), "years": _years(m), "year": year}
        lines.append(("applied {name} ({file}): applies-to {years} contains {year}" if year is not None
                      else "applied {name} ({file}): applies-to {years}", values))
    for name, by in comp.included.items():
        lines.append(("{name} is applied as part of {by}, which extends it", {"name": name, "by": by}))
    return lines


def _years(rs: RuleSet) -> str:
    lo = "" if rs.applies_from is None else str(rs.applies_from)
    hi = "" if rs.applies_to is None else str(rs.applies_to)
    return f"{lo}–{hi}"

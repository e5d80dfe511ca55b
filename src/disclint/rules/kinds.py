"""What a checker kind declares, as the loader checks rules against it."""

from __future__ import annotations

from ..checking import CheckerKind

# Parameters that pick which of a kind's observations a rule reports on.
SELECTORS = ("issue", "problem", "topic", "check", "observation")


def choice_fault(kind: CheckerKind, key: str, value, choices: tuple) -> str:
    offered = ", ".join(map(str, choices))
    if key in SELECTORS:
        return f"unknown observation '{value}' for checker '{kind.name}' (it offers: {offered})"
    return f"parameter `{key}` of checker `{kind.name}` must be one of: {offered} (not {value!r})"


def selector(kind: CheckerKind):
    """The one parameter with choices by which a rule of ``kind`` picks an observation
    (``issue``, ``problem``, ``topic``, ``check``), or None. A rule may always call it
    ``observation``."""
    found = [p for p in kind.params if p.name in SELECTORS and p.choices]
    return found[0] if len(found) == 1 else None

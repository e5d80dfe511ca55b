"""Which findings a run reports, and at which severity: select / ignore / per-file-ignores / severity.

Ruff's precedence: settings come in layers (an ``extend``-ed configuration, the file that
extends it, then the command line). The last layer that says something about a code
decides. Inside one layer the most specific selector (the longest matching prefix) wins,
and ``ignore`` wins a tie with ``select``. A layer with ``select`` decides every code:
what its selectors do not match is off. Nothing selected anywhere: every rule is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

SEVERITIES = ("error", "warning", "info")


@dataclass
class Layer:
    """The selection keys one source (a configuration file, the command line) gave."""

    source: str
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)

    def decide(self, code: str) -> bool | None:
        """True/False when this layer decides ``code``, None when it says nothing about it."""
        on = _longest(code, [*(self.select or []), *self.extend_select])
        off = _longest(code, [*self.ignore, *self.extend_ignore])
        if on < 0 and off < 0:
            return False if self.select is not None else None
        return on > off


def _longest(code: str, selectors: list[str]) -> int:
    """Length of the longest selector that is a prefix of ``code`` (ALL matches with length 0), -1 if none."""
    best = -1
    for s in selectors:
        if s == "ALL":
            best = max(best, 0)
        elif code.startswith(s):
            best = max(best, len(s))
    return best


@dataclass
class PerFileIgnore:
    pattern: str  # a glob, relative to ``base`` (pathglob.py)
    base: Path
    codes: list[str]
    source: str

    def matches(self, path: str) -> bool:
        """As .gitignore matches (pathglob.py): ``*`` within one segment, ``**`` across."""
        from .pathglob import matches

        return matches(self.pattern, path, self.base)


@dataclass
class Selection:
    """Everything that decides whether one finding is reported for one file, and how severe it is."""

    layers: list[Layer] = field(default_factory=list)
    per_file_ignores: list[PerFileIgnore] = field(default_factory=list)
    severity: list[tuple[str, str, str]] = field(default_factory=list)  # (selector, level, source), later wins

    def enabled(self, code: str) -> bool:
        for layer in reversed(self.layers):
            decided = layer.decide(code)
            if decided is not None:
                return decided
        return True

    def ignored_for(self, path: str, code: str) -> bool:
        return any(_longest(code, p.codes) >= 0 and p.matches(path) for p in self.per_file_ignores)

    def keeps(self, path: str, code: str) -> bool:
        return self.enabled(code) and not self.ignored_for(path, code)

    def level(self, code: str, default: str) -> str:
        best, level = -1, default
        for selector, lvl, _source in self.severity:
            n = _longest(code, [selector])
            if n >= best and n >= 0:
                best, level = n, lvl
        return level

    def apply(self, path: str, diagnostics: list) -> list:
        """The findings this selection keeps, each at its configured severity."""
        out = []
        for d in diagnostics:
            if not self.keeps(path, d.code):
                continue
            level = self.level(d.code, d.severity)
            out.append(d if level == d.severity else replace(d, severity=level))
        return out


def check_selectors(values: list[str], known: set[str]) -> list[str]:
    """The selectors that match no known rule code (a typo must not silently select nothing)."""
    return [v for v in values if v != "ALL" and not any(c.startswith(v) for c in known)]


def parse_codes(text: str) -> list[str]:
    """``S1,T206`` or ``S1 T206`` -> ["S1", "T206"] (upper-cased)."""
    return [p.strip().upper() for p in text.replace(",", " ").split() if p.strip()]

"""What the text output shows around its finding lines: hidden info findings, the source
excerpt under a finding (``--show-source``) and the count per code (``--statistics``)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

WINDOW = 40  # characters each side of the column for a long (flattened) line


def hide_info(results, min_severity: str = "warning") -> tuple[list, int]:
    """Results without the findings below ``min_severity`` (info by default), and how many were
    hidden (display only: exit codes see all)."""
    from .rules.model import SEVERITY_RANK

    floor = SEVERITY_RANK[min_severity]
    hidden = 0
    out = []
    for r in results:
        kept = [d for d in r.diagnostics if SEVERITY_RANK[d.severity] >= floor]
        hidden += len(r.diagnostics) - len(kept)
        out.append(replace(r, diagnostics=kept))
    return out, hidden


def lang_of(given: str | None, environ) -> str:
    """--lang, else the locale (LC_ALL, LC_MESSAGES, LANG: en… gives English), else Chinese."""
    if given:
        return given
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def color_of(choice: str, stream, environ) -> bool:
    """--color: always/never as said; auto colours a terminal unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excerpt(line: str, column: int, end_column: int, window: int = WINDOW) -> list[str]:
    """The source line (or ±``window`` characters of a long one) and a caret line under the span."""
    start = max(column - 1, 0)
    end = max(end_column, column)
    lo, hi = 0, len(line)
    if len(line) > 2 * window:
        lo, hi = max(start - window, 0), min(start + window, len(line))
    shown = line[lo:hi].replace("\t", " ")
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    caret = " " * (_width(prefix) + _width(shown[: start - lo])) + "^" * max(1, min(_width(line[start:min(end, hi)]), 2 * window))
    return [f"    {prefix}{shown}{suffix}", f"    {caret}"]


@dataclass
class SourceView:
    """Excerpts for the text reporter: ``lines(d)`` gives the lines to print under finding ``d``."""

    read: object  # path -> list of source lines, or None (DOCX/PDF)
    _cache: dict = field(default_factory=dict)

    def lines(self, d) -> list[str]:
        if d.logical:
            return []
        if d.path not in self._cache:
            self._cache[d.path] = self.read(d.path)
        source = self._cache[d.path]
        if not source or not 0 < d.line <= len(source):
            return []
        end = d.end_column if d.end_line == d.line else len(source[d.line - 1])
        return excerpt(source[d.line - 1], d.column, end)


def statistics(results, stream) -> None:
    """One line per code: count, code, name, sorted by count then code (like ruff --statistics)."""
    counts: Counter = Counter()
    names = {}
    for r in results:
        for d in r.diagnostics:
            counts[d.code] += 1
            names[d.code] = (d.name, d.severity)
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{n:>5}  {code:<6} [{names[code][1]}] {names[code][0]}\n")


@dataclass
class TextView:
    """How the text reporter shows a run (see reporters/text.py)."""

    quiet: bool = False
    hidden: int = 0
    source: SourceView | None = None
    min_severity: str = "warning"  # findings below it are hidden and counted
    verbose: bool = False  # one line for each file with no finding shown
    color: bool = False
    lang: str = "zh"  # the tool's own words (summary, hints); findings stay Chinese
    hidden_by: dict = field(default_factory=dict)  # path -> findings hidden in it

    def excerpt(self, d) -> list[str]:
        return self.source.lines(d) if self.source else []

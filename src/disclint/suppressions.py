"""Inline suppressions written in the report itself.

HTML and markdown: ``<!-- disclint-disable CODE[,CODE] -->`` … ``<!-- disclint-enable -->``
and ``<!-- disclint-disable-next-line CODE -->``. Plain text has no comments, so there a
line holding only ``disclint-disable CODE`` (or ``# disclint-…``) is the marker. Ranges go by
position (line and column), so a marker works inside a page flattened to one line. A
marker with no codes covers every code. Markers are found in the decoded source, not in
the document model (readers drop comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The codes may follow a colon, as in Ruff's ``# noqa: E501`` (``disclint-disable-next-line: S104``).
_COMMENT = re.compile(r"<!--\s*disclint-(disable-next-line|disable|enable)\b:?([A-Za-z0-9,\s]{0,200}?)\s*-->")
_PLAIN = re.compile(r"^[ \t]*(?:(?:#|//)[ \t]*)?disclint-(disable-next-line|disable|enable)\b:?([A-Za-z0-9, \t]{0,200}?)[ \t]*$", re.M)
PLAIN_SUFFIXES = (".txt", ".text")


@dataclass
class Marker:
    kind: str  # disable, enable, disable-next-line
    codes: list[str]
    line: int
    column: int
    end_line: int
    end_column: int
    used: bool = False

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


@dataclass
class _Range:
    marker: Marker
    start: tuple[int, int]
    end: tuple[int, int] | None = None  # None: to the end of the file


@dataclass
class Suppressions:
    markers: list[Marker] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)

    def suppressing(self, d) -> Marker | None:
        """The marker that suppresses finding ``d`` (and note it was used), or None."""
        at = (d.line, d.column)
        for m in self.markers:
            if m.kind == "disable-next-line" and d.line == m.end_line + 1 and m.covers(d.code):
                m.used = True
                return m
        for r in self.ranges:
            if r.start <= at and (r.end is None or at < r.end) and r.marker.covers(d.code):
                r.marker.used = True
                return r.marker
        return None

    def inside_marker(self, d) -> bool:
        """A finding about the marker's own text (it is no report text)."""
        return any((m.line, m.column) <= (d.line, d.column) <= (m.end_line, m.end_column) for m in self.markers)

    def unused(self) -> list[Marker]:
        return [m for m in self.markers if m.kind != "enable" and not m.used]


def parse(text: str, plain: bool) -> Suppressions:
    out = Suppressions()
    # Markers come in file order, so lines are counted on from the last one (in C): a table
    # of every line start cost seconds and ~100 MB on a large file with few or no markers.
    seen = [0, 1, 0]  # offset counted up to, its line, that line's start

    def pos(offset: int) -> tuple[int, int]:
        at, line, start = seen if offset >= seen[0] else (0, 1, 0)
        crossed = text.count("\n", at, offset)
        if crossed:
            line, start = line + crossed, text.rfind("\n", at, offset) + 1
        seen[:] = [offset, line, start]
        return line, offset - start + 1

    open_ranges: list[_Range] = []
    for m in (_PLAIN if plain else _COMMENT).finditer(text):
        start, end = pos(m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))), pos(m.end() - 1)
        codes = [c.upper() for c in re.split(r"[,\s]+", m.group(2).strip()) if c]
        marker = Marker(m.group(1), codes, *start, *end)
        out.markers.append(marker)
        if marker.kind == "disable":
            r = _Range(marker, end)
            open_ranges.append(r)
            out.ranges.append(r)
        elif marker.kind == "enable":
            for r in list(open_ranges):
                if not codes or set(r.marker.codes) & set(codes) or not r.marker.codes:
                    r.end = start
                    open_ranges.remove(r)
    return out

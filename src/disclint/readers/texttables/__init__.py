"""Finding tables inside plain text and rebuilding them as grids.

Each detector looks at the decoded lines of a text file and claims the line ranges
that hold a table of its kind (tab-separated, markdown pipes, ``pdftotext -layout``
columns). ``find_inline_tables`` handles pages flattened onto one line, where table
cells run together with no separator. Detectors never overlap: the first to claim a
line keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...model import Table


@dataclass
class TableRegion:
    """Lines ``start``..``end`` (0-based, end exclusive) of the file hold ``table``."""

    start: int
    end: int
    table: Table


@dataclass
class InlineRegion:
    """Characters ``start``..``end`` of one flattened line hold ``table``."""

    start: int
    end: int
    table: Table


# Each detector: (lines) -> list[TableRegion]. Lines are the decoded file's lines
# without their line endings; line i of the list is line i+1 of the file.
Detector = Callable[[list[str]], list[TableRegion]]


def _detectors() -> list[Detector]:
    found: list[Detector] = []
    for mod_name in ("markdown", "tab", "layout"):
        try:
            mod = __import__(f"{__name__}.{mod_name}", fromlist=["find_tables"])
        except ImportError:
            continue
        found.append(mod.find_tables)
    return found


def find_tables(lines: list[str]) -> list[TableRegion]:
    """All table regions in ``lines``, sorted, non-overlapping."""
    claimed: list[TableRegion] = []
    taken: set[int] = set()
    for detect in _detectors():
        for region in detect(lines):
            span = set(range(region.start, region.end))
            if span & taken:
                continue
            taken |= span
            claimed.append(region)
    return sorted(claimed, key=lambda r: r.start)


def find_inline_tables(line: str, line_no: int) -> list[InlineRegion]:
    """Tables inside one flattened line (file line ``line_no``, 1-based)."""
    try:
        from . import flattened
    except ImportError:
        return []
    return flattened.find_inline_tables(line, line_no)

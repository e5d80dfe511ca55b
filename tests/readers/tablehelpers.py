"""Helpers the text-table reader tests share (tab, markdown, layout, PDF tables).

A grid row is viewed the way ``texttables/common.py`` lays it out: the distinct label
cells in the first ``label_width`` columns (a rowspan group label once), then the
texts of the value columns (None where no cell reaches).
"""

from __future__ import annotations

from pathlib import Path

from conftest import REAL
from disclint.readers.texttables.common import label_width


def lines_of(path: Path) -> list[str]:
    """A file's lines as the text reader hands them to the table detectors."""
    return path.read_text(encoding="utf-8").split("\n")


def real_lines(name: str) -> list[str]:
    """The lines of one real report from tests/data/real."""
    return lines_of(REAL / name)


def pos(cell, offset: int = 0) -> tuple[int, int]:
    """(line, column) in the original file of a cell's character ``offset`` (the first by default)."""
    p = cell.textmap.pos(offset)
    return (p.line, p.column)


def label_cells(table, r: int) -> list:
    """The distinct cells in the label columns of grid row ``r``, left to right."""
    labels, seen = [], set()
    for cell in table.grid[r][: label_width(table)]:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            labels.append(cell)
    return labels


def row_view(table, r: int, places: bool = False) -> tuple:
    """(label texts, value texts) of grid row ``r``; with ``places``, also each label's (line, column)."""
    labels = label_cells(table, r)
    values = [c.text if c is not None else None for c in table.grid[r][label_width(table) :]]
    if places:
        return [c.text for c in labels], values, [pos(c) for c in labels]
    return [c.text for c in labels], values


def rows_with_leaf(table, leaf_start: str) -> list[int]:
    """The grid rows whose leaf label starts with ``leaf_start``, top to bottom."""
    return [r for r in range(table.n_rows) if (lab := row_view(table, r)[0]) and lab[-1].startswith(leaf_start)]


def find_row(table, leaf_start: str) -> int:
    """The one grid row whose leaf label starts with ``leaf_start`` (fails unless exactly one)."""
    hits = rows_with_leaf(table, leaf_start)
    assert len(hits) == 1, (leaf_start, hits)
    return hits[0]

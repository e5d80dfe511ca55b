"""Value columns placed by x position, where the text came from a page (PDF).

A table row that prints only its filled cells (blank cells print nothing) says nothing
in its text about which columns the numbers are in, and when no row is full the layout
text has nothing to learn the columns from. The page does: each value stands under
its column heading. A section's columns are the leaf column headings its header lines
print (the headings the loaded rule sets' table schemas list — rules/tables-*.yaml and
a regulator's — read through vocabulary.py, so nothing here names one), ordered by x;
a value belongs to the heading it lines up with — left edges, centres or right edges,
whichever way the whole section lines up. Where one value lines
up with no heading, or with two about equally, the section is read from the text as
before (see layout.py): precision first.

A page whose header cells do not stand over their columns (a header printed as one wide
cell, its headings in reading order) still sets each column's values at one x. When
the section's values fall into exactly as many x clusters as the official table its
header names has value columns (:func:`leaf_count`, from the loaded schemas' header
layouts), each value belongs to its cluster's column (:func:`place_by_clusters`); any
other count, and the page says nothing certain about the columns.

The reader that knows the positions (pdf.py) sets them for the time of one reading
with :func:`using`; other readers never do, and nothing changes for them.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re

from ...analysis.tables import norm
from . import vocabulary

# layout line (0-based) -> {column of a piece's first character: (x0, x1, em, characters, y)}
Positions = dict[int, dict[int, tuple[float, float, float, int, float]]]

_POSITIONS: contextvars.ContextVar[Positions | None] = contextvars.ContextVar("positions", default=None)
_NEAR = 1.0  # a value lines up with a heading within this many ems
_CLEAR = 1.5  # and the next heading is at least this many ems further


@contextlib.contextmanager
def using(positions: Positions):
    token = _POSITIONS.set(positions)
    try:
        yield
    finally:
        _POSITIONS.reset(token)


def positions() -> Positions | None:
    return _POSITIONS.get()


def leaf_headings() -> frozenset[str]:
    """The matching forms of the value-column headings of the tables, as the loaded rule
    sets' schemas print them (a regulator's added column included: vocabulary.py)."""
    return _leaf_headings(vocabulary.current())


@functools.lru_cache(maxsize=8)
def _leaf_headings(v: vocabulary.TableVocabulary) -> frozenset[str]:
    return frozenset(n for n in map(norm, v.leaf_columns) if n)


def columns(lines: list[str], head: list[int], pos: Positions) -> list[tuple[float, float, float]] | None:
    """The extents of a section's leaf column headings (header lines ``head``), left to
    right, or None when there are none or two of them overlap. A heading wrapped in a
    narrow cell (「自然」 over 「人」) is joined from the pieces under its first one."""
    leaves = leaf_headings()
    pieces = [
        (k, m.group(0), at[m.start()])
        for k in head
        for at in [pos.get(k) or {}]
        for m in re.finditer(r"\S+", lines[k])
        if m.start() in at and at[m.start()][3] == len(m.group(0))  # a word that is one piece of the page
    ]
    used: set[int] = set()
    found = []
    for i, (k, text, ext) in enumerate(pieces):
        if i in used:
            continue
        chain, joined, last = [i], text, k
        while norm(joined) not in leaves and any(leaf.startswith(norm(joined)) for leaf in leaves):
            nxt = next((j for j, (k2, _, e2) in enumerate(pieces) if j not in used and 0 < k2 - last <= 2 and _under(e2, ext)), None)
            if nxt is None:
                break
            chain.append(nxt)
            k2, more, e2 = pieces[nxt]
            joined, last = joined + more, k2
            ext = (min(ext[0], e2[0]), max(ext[1], e2[1]), ext[2], ext[3] + e2[3], ext[4])
        if norm(joined) in leaves:
            found.append(ext)
            used.update(chain)
    found.sort()
    if not found or any(a[1] > b[0] for a, b in zip(found, found[1:])):
        return None
    return found


def _under(e, above) -> bool:
    """A piece lies within the extent of the piece above it (the next line of its cell)."""
    slack = 0.5 * above[2]
    return above[0] - slack <= e[0] and e[1] <= above[1] + slack


_ANCHORS = (lambda e: e[0], lambda e: (e[0] + e[1]) / 2, lambda e: e[1])  # left, centre, right


def place(rows: list[tuple[int, list[tuple[str, int]]]], cols, pos: Positions) -> dict[int, list[int]] | None:
    """For each data line ``k`` (with its numbers and their layout columns) the heading
    index of each number, or None when any number is not clearly under one heading."""
    for anchor in _ANCHORS:
        heads = [anchor(c) for c in cols]
        out: dict[int, list[int]] = {}
        for k, nums in rows:
            at = pos.get(k) or {}
            # a number is placed only when it is one piece of the page, whole (narrow
            # cells can set two values with no space between them: 「3001」「53」)
            got = [_nearest(anchor(at[x]), at[x][2], heads) if x in at and at[x][3] == len(t) else None for t, x in nums]
            if None in got or any(a >= b for a, b in zip(got, got[1:])):
                break
            out[k] = got
        else:
            return out
    return None


_CLUSTER = 0.2  # values of one column stand within this many ems of each other


def leaf_count(lines: list[str], head: list[int]) -> int | None:
    """The number of value columns of the official table whose header the lines ``head``
    print: the one table (表三 or 表四 of the loaded schemas) of which at least two
    header words that are no other table's stand whole in those lines; None when no
    table or more than one is named so."""
    text = norm("".join("".join(lines[k].split()) for k in head))
    v = vocabulary.current()
    layouts = [h for h in (v.table3_header, v.table4_header) if h.value_columns]
    named = []
    for h in layouts:
        others = {w for o in layouts if o is not h for w, _ in o.words}
        own = [w for w, _ in h.words if w not in others and w]
        if sum(1 for w in own if w in text) >= 2:
            named.append(h)
    return named[0].value_columns if len(named) == 1 else None


def place_by_clusters(rows: list[tuple[int, list[tuple[str, int]]]], count: int, pos: Positions) -> dict[int, list[int]] | None:
    """For each data line the column index of each number, when the section's numbers
    (each one whole piece of the page) stand at exactly ``count`` x positions, left to
    right — left edges, centres or right edges, whichever one way of lining up gives
    that count and a row never has two numbers in one column; None otherwise."""
    found = []
    for anchor in _ANCHORS:
        xs: dict[tuple[int, int], tuple[float, float]] = {}
        for k, nums in rows:
            at = pos.get(k) or {}
            for t, x in nums:
                if x not in at or at[x][3] != len(t):
                    return None  # a number that is not one piece of the page: no x of its own
                xs[(k, x)] = (anchor(at[x]), at[x][2])
        if not xs:
            return None
        order = sorted(xs.values())
        clusters: list[list[float]] = [[order[0][0]]]
        for (a, _), (b, em) in zip(order, order[1:]):
            if b - a > _CLUSTER * em:
                clusters.append([])
            clusters[-1].append(b)
        if len(clusters) != count or any(c[-1] - c[0] > _CLUSTER * order[0][1] for c in clusters):
            continue
        starts = [c[0] for c in clusters]
        out: dict[int, list[int]] = {}
        for k, nums in rows:
            got = [max(j for j, s in enumerate(starts) if s <= xs[(k, x)][0]) for _, x in nums]
            if any(a >= b for a, b in zip(got, got[1:])):
                break
            out[k] = got
        else:
            found.append(out)
    # every way of lining up that fits must agree
    if not found or any(f != found[0] for f in found[1:]):
        return None
    return found[0]


def _nearest(x: float, em: float, heads: list[float]) -> int | None:
    ds = sorted((abs(x - h), j) for j, h in enumerate(heads))
    if ds[0][0] > _NEAR * em or (len(ds) > 1 and ds[1][0] - ds[0][0] < _CLEAR * em):
        return None
    return ds[0][1]


def level_with_numbers(label: tuple[int, int], numbers: list[tuple[int, int]], pos: Positions) -> bool:
    """The page piece at ``label`` (line, column; 0-based) stands level with one of the
    ``numbers``: the text set them on different lines, but they are one row."""
    at = (pos.get(label[0]) or {}).get(label[1])
    if at is None:
        return True  # unknown: not taken for a row without numbers
    for k, x in numbers:
        e = (pos.get(k) or {}).get(x)
        if e is not None and k != label[0] and abs(e[4] - at[4]) < 0.5 * at[2]:
            return True
    return False

"""Where the words of a PDF page's layout text stand on the page.

pypdf's layout mode sets each piece of text at a character column proportional to its
x, but a wide CJK label pushes everything after it to the right, so the columns of a
table's numbers shift from line to line, and a row that prints only its filled cells
cannot be placed from the text alone. The page itself knows where each piece stands:
pypdf's public ``extract_text(visitor_text=…)`` hands every text piece with its
matrices. This module finds, for each line of the layout text, the pieces printed on it
(matched by their characters, in x order, among the pieces at about the same height)
and gives each layout column where a piece begins its x extent in points.

A line whose characters cannot be matched whole gets no positions: the layout reader
then reads it as before.

The layout text also sets two cells one space apart where its character grid runs out
of room (「（三）不予公开 5.属于三类内部」: a group label and the item beside it), which
the layout reader would take for one piece of text; the page shows a cell's width of
empty paper between them. :func:`separate_cells` widens such a space to the two spaces
that set cells apart, keeping every piece's position.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# (x where the piece starts, x where it ends, em size, characters, y) in points, keyed
# by the layout column (0-based) of the piece's first character
Positions = dict[int, tuple[float, float, float, int, float]]


@dataclass
class _Frag:
    text: str  # without white space
    x: float
    y: float
    size: float
    used: bool = False


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def parsed_contents(page):
    """The page's content stream as a pypdf ``ContentStream`` (parsed on first use of
    its ``operations``, then kept), or None when the page has none: what pypdf's
    layout and plain text extraction each build, built once."""
    from pypdf.generic import ArrayObject, ContentStream, StreamObject

    contents = page.get("/Contents")
    if contents is not None:
        contents = contents.get_object()
    if not isinstance(contents, (ArrayObject, StreamObject)):
        return None
    return ContentStream(contents, page.pdf, "bytes")


def fragments(page, contents=None) -> list[_Frag]:
    """The text pieces of a page with their start and em size (user space).

    ``contents``, the page's content stream already parsed (:func:`parsed_contents`),
    stands in for the page's /Contents while pypdf reads it: pypdf's text extraction
    takes a ``ContentStream`` it finds there as it is instead of parsing the stream
    again."""
    out: list[_Frag] = []

    def visit(text, cm, tm, font, size):
        body = "".join(text.split())
        if not body:
            return
        a, b, c, d, e, f = (float(v) for v in tm)
        ca, cb, cc, cd, ce, cf = (float(v) for v in cm)
        x, y = e * ca + f * cc + ce, e * cb + f * cd + cf
        em = abs(float(size or 0) * (a * ca + b * cc))
        if em > 0:
            out.append(_Frag(body, x, y, em))

    if contents is None:
        page.extract_text(visitor_text=visit)
        return out
    from pypdf.generic import NameObject

    key = NameObject("/Contents")
    original = page.get(key)  # as stored (an indirect reference, most often)
    page[key] = contents
    try:
        page.extract_text(visitor_text=visit)
    finally:
        if original is None:
            del page[key]
        else:
            page[key] = original
    return out


def _extent(frag: _Frag) -> tuple[float, float, float, int, float]:
    # widths estimated from the em: a wide (CJK) character is one em, others about half
    width = sum(frag.size if _wide(ch) else frag.size * 0.55 for ch in frag.text)
    return frag.x, frag.x + width, frag.size, len(frag.text), frag.y


def line_positions(lines: list[str], frags: list[_Frag]) -> list[Positions]:
    """For each layout line of one page, the positions of the pieces it prints."""
    pool = sorted(frags, key=lambda f: (-f.y, f.x))
    out: list[Positions] = []
    for line in lines:
        body = "".join(line.split())
        out.append(_match(line, body, pool) if body else {})
    return out


def _match(line: str, body: str, pool: list[_Frag]) -> Positions:
    unread = [f for f in pool if not f.used]
    for seed in unread[:12]:  # the line may start below pieces of a line not matched
        got = _match_at(line, body, unread, seed)
        if got:
            for f in unread:  # what stands above the matched line belonged to earlier lines
                if f.y > seed.y + 0.2 * seed.size:
                    f.used = True
            return got
    return {}


def _match_at(line: str, body: str, unread: list[_Frag], seed: _Frag) -> Positions:
    # the pieces about as high as the seed (within its em, as pypdf groups lines), left to right
    near = sorted((f for f in unread if -0.2 * seed.size <= seed.y - f.y < seed.size), key=lambda f: f.x)
    chosen: list[tuple[int, _Frag]] = []
    at = 0
    for f in near:
        if body.startswith(f.text, at):
            chosen.append((at, f))
            at += len(f.text)
    if at != len(body) or not chosen:
        return {}
    cols = [i for i, ch in enumerate(line) if not ch.isspace()]
    for _, f in chosen:
        f.used = True
    return {cols[at]: _extent(f) for at, f in chosen}


_CELL_GAP = 1.0  # ems of empty page between two pieces set one space apart: two cells
# ems of empty page between two pieces of digits the text runs together: two numbers.
# One number pypdf hands over in two pieces has its second piece where the first ends
# (within the error of the estimated digit widths, a few hundredths of an em a digit).
_DIGIT_GAP = 0.25


def separate_cells(line: str, at: Positions) -> tuple[str, Positions]:
    """``line`` with one more space wherever two page pieces stand one space apart in
    the text but at least a cell gap apart on the page, and a space between two pieces
    of digits the text runs together (「950000」: narrow cells of 「95」「0」「0」…) where
    the page shows paper between them; the positions move with them; unchanged where
    the pieces are not known."""
    starts = sorted(at)
    widen: list[int] = []  # columns of pieces that get a space before them
    for a, b in zip(starts, starts[1:]):
        ea, eb = at[a], at[b]
        em = max(ea[2], eb[2])
        if _glued_digits(line, a, b, ea, eb) and eb[0] - ea[1] >= _DIGIT_GAP * em:
            widen.append(b)
            continue
        end = _text_end(line, a)
        if end is None or b != end + 1 or line[end] != " ":
            continue  # not one space after the whole piece
        if eb[0] - ea[1] >= _CELL_GAP * em:
            widen.append(b)
    if not widen:
        return line, at
    out, moved, shift = [], {}, 0
    last = 0
    for b in widen:
        out.append(line[last:b])
        out.append(" ")
        last = b
    out.append(line[last:])
    for col in starts:
        shift = sum(1 for b in widen if b <= col)
        moved[col + shift] = at[col]
    return "".join(out), moved


def _glued_digits(line: str, a: int, b: int, ea, eb) -> bool:
    """The piece at ``b`` follows the piece at ``a`` with no space between them in the
    text, both of digits only."""
    first, second = line[a:b], line[b : b + eb[3]]
    return len(first) == ea[3] and first.isdigit() and len(second) == eb[3] and second.isdigit()


def _text_end(line: str, col: int) -> int | None:
    """The column after the run of non-space characters that starts at ``col``."""
    end = col
    while end < len(line) and not line[end].isspace():
        end += 1
    return end if end > col else None

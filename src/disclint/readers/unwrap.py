"""Re-joining lines that the page width broke, not the author.

A PDF has no paragraphs, only lines: a long paragraph is cut wherever the frame ends,
so a heading that stands inside it (a page flattened into one paragraph, as legacy
reports are) can be cut in two (「三、政府信息依申请」 / 「公开工作情况」). A line that
reaches the page's usual full width, followed by a line that starts no further right
(a new paragraph is indented; one space is the
text's own space at the break), continues on that line: the two are one paragraph.

The rule looks only at line lengths against the lengths of the page's own lines, never
at words. Each joined paragraph keeps one anchor per source line, so every character
still points at its own line and column.
"""

from __future__ import annotations

from statistics import median

from ..model import Block, TextMap

_FULL = 0.9  # a line this close to the page's usual full width reaches the frame
_MIN_LINES = 4  # too few long lines on a page to know its width
_SPACE = 1  # the space the text had at the break may open the next line; an indent is wider


def _extent(block: Block) -> tuple[int, int]:
    """(first column, column after the last character) of a one-line block."""
    start = block.textmap.pos(0).column
    return start, start + len(block.text)


def full_width(blocks: list[Block]) -> int | None:
    """The usual right edge of a page's full lines (the median of its longer lines'
    right edges), None when the page has too few lines to say."""
    ends = sorted(_extent(b)[1] for b in blocks)
    if not ends:
        return None
    longer = [e for e in ends if e >= ends[-1] / 2]
    if len(longer) < _MIN_LINES:
        return None
    return int(median(longer))


def _one_line(block) -> bool:
    return isinstance(block, Block) and block.kind == "paragraph" and block.textmap.pos(0).line == block.textmap.pos(len(block.text) - 1).line


def _joined(group: list[Block]) -> Block:
    """One paragraph of the lines of ``group``, each line keeping its anchors."""
    if len(group) == 1:
        return group[0]
    anchors: list[tuple[int, int, int]] = []
    at = 0
    for b in group:
        anchors += [(at + off, line, col) for off, line, col in _anchors(b)]
        at += len(b.text)
    return Block("paragraph", "".join(b.text for b in group), TextMap(anchors))


def _anchors(block: Block) -> list[tuple[int, int, int]]:
    """The anchors of a block's map, read back through its public positions."""
    out: list[tuple[int, int, int]] = []
    for i in range(len(block.text)):
        p = block.textmap.pos(i)
        if not out or (p.line, p.column) != (out[-1][1], out[-1][2] + i - out[-1][0]):
            out.append((i, p.line, p.column))
    return out


def unwrap(blocks: list, page_of) -> list:
    """``blocks`` with each paragraph line that the frame broke joined to the next.
    ``page_of(line)`` names the page of an extracted-text line (widths are per page)."""
    widths: dict = {}
    by_page: dict = {}
    for b in blocks:
        if _one_line(b):
            by_page.setdefault(page_of(b.textmap.pos(0).line), []).append(b)
    for page, bs in by_page.items():
        widths[page] = full_width(bs)
    groups: list[list] = []  # runs of lines that make one paragraph (joined once: linear)
    last: Block | None = None  # the last line of groups[-1], when the frame broke it
    for b in blocks:
        if (
            last is not None
            and _one_line(b)
            and b.textmap.pos(0).line == last.textmap.pos(0).line + 1
            and page_of(b.textmap.pos(0).line) == page_of(last.textmap.pos(0).line)
            and _extent(b)[0] <= _extent(last)[0] + _SPACE
        ):
            groups[-1].append(b)
        else:
            groups.append([b])
        width = widths.get(page_of(b.textmap.pos(0).line)) if _one_line(b) else None
        last = b if width is not None and _extent(b)[1] >= _FULL * width else None
    return [_joined(g) for g in groups]

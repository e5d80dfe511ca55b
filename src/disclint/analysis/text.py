"""The running text of a report as streams of characters that know their place in the file.

Checkers that read numbers in sentences (``narrative``, ``textmath``) need the paragraphs
joined — PDF and markdown text wraps lines mid-sentence — with whitespace dropped and
full-width forms folded, yet every character must still point at its line and column.
:func:`streams` builds that once per document (:func:`text_streams` shares it through
``ctx.cached``); :func:`scan_back` / :func:`scan_forward` find where the clause or the
sentence around a position starts or ends, for whatever set of stops a checker uses.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..model import Block, Span, Table

_TERMINAL = set("。;!?:")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")


@dataclass
class Stream:
    """One run of consecutive paragraphs: its folded text and each character's source.

    The sources are kept by runs, not character by character (a tuple a character held
    millions of them for a long report): run ``r`` starts at ``text[starts[r]]``, which
    is ``block.text[offset]`` for ``runs[r] = (block, offset)``, and its next characters
    follow on (a word); an added space or line break is a run of its own."""

    text: str
    starts: list[int]  # where each run starts in ``text`` (increasing, the first 0)
    runs: list[tuple[Block, int]]  # each run's (block, offset in block.text)

    def source(self, i: int) -> tuple[Block, int]:
        """``text[i]``'s (block, offset in block.text)."""
        r = bisect.bisect_right(self.starts, i) - 1
        block, offset = self.runs[r]
        return block, offset + i - self.starts[r]

    @property
    def where(self) -> list[tuple[Block, int]]:
        """Every character's (block, offset in block.text), in one list (built on each use)."""
        ends = [*self.starts[1:], len(self.text)]
        return [(b, o + k) for (b, o), a, e in zip(self.runs, self.starts, ends) for k in range(e - a)]

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]`` (cut at the end of its first block)."""
        b0, o0 = self.source(start)
        b1, o1 = self.source(end - 1)
        if b0 is b1:
            return b0.textmap.span(o0, o1 + 1)
        return b0.textmap.span(o0, len(b0.text))


@functools.lru_cache(maxsize=65536)
def fold_width(ch: str) -> str:
    """Full-width forms to ASCII one character at a time (keeps the offsets 1:1)."""
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


class _WidthTable(dict):
    """:func:`fold_width` as a ``str.translate`` table, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_width(chr(code))
        return folded


_WIDTH = _WidthTable()
_WORD = re.compile(r"\S+")  # \S is the complement of str.isspace, as the fold checks it


_SPACES = re.compile(r"\s+")  # \s is str.isspace


def fold_text(text: str) -> str:
    """A string folded as :func:`streams` folds report text: full-width forms as ASCII,
    whitespace dropped, except one space where a run of it stands between two digits.
    (Every block's text is folded so for the organ analysis: C-level translate and slices.)"""
    folded = text.translate(_WIDTH)  # one character for one: the runs stand where they stood
    out: list[str] = []
    pos = 0
    for m in _SPACES.finditer(text):
        start, end = m.span()
        out.append(folded[pos:start])
        if start and folded[start - 1].isdigit() and text[end:end + 1].isdigit():
            out.append(" ")
        pos = end
    out.append(folded[pos:])
    return "".join(out)


def streams(doc) -> list[Stream]:
    """Runs of consecutive paragraphs joined; tables and headings cut them.

    Whitespace is dropped, except one space between two digits (they stay two numbers);
    a line break becomes a boundary (``\\n``) when the previous line ends a sentence or
    the next one starts with a numbering.
    """
    out: list[Stream] = []
    chars: list[str] = []  # words, not single characters
    starts: list[int] = []  # where each run starts in the stream (see Stream)
    runs: list[tuple[Block, int]] = []
    size = 0  # characters in ``chars``

    def flush():
        nonlocal size
        if chars:
            out.append(Stream("".join(chars), list(starts), list(runs)))
        chars.clear()
        starts.clear()
        runs.clear()
        size = 0

    last = ""  # the last character of the stream so far
    for b in doc.blocks:
        if isinstance(b, Table) or b.kind != "paragraph":
            flush()
            last = ""
            continue
        folded = b.text.translate(_WIDTH)
        if chars and (last in _TERMINAL or _NUMBERED.match(folded.lstrip())):
            # the break points where the stream's last character does
            prev_block, prev_offset = runs[-1]
            chars.append("\n")
            runs.append((prev_block, prev_offset + size - 1 - starts[-1]))
            starts.append(size)
            size += 1
            last = "\n"
        # Word by word (C-level slices), not character by character: a run of whitespace
        # is dropped, or kept as one space at its first character between two digits.
        pos = 0
        for m in _WORD.finditer(folded):
            start, end = m.span()
            if start > pos and last.isdigit() and folded[start].isdigit():
                chars.append(" ")
                starts.append(size)
                runs.append((b, pos))
                size += 1
            chars.append(m.group())
            starts.append(size)
            runs.append((b, start))
            size += end - start
            last = folded[end - 1]
            pos = end
    flush()
    return out


def text_streams(doc, ctx=None) -> list[Stream]:
    """:func:`streams` of ``doc``, computed once per document when a context is given."""
    if ctx is None:
        return streams(doc)
    return ctx.cached("text-streams", lambda: streams(doc))


def scan_back(text: str, pos: int, stops, limit: int | None = None) -> int:
    """Where the run ending at ``pos`` starts: just after the last character in ``stops``
    before ``pos`` (0 when there is none), looking back at most ``limit`` characters."""
    i = pos
    while i > 0 and (limit is None or pos - i < limit) and text[i - 1] not in stops:
        i -= 1
    return i


def scan_forward(text: str, pos: int, stops) -> int:
    """Where the run starting at ``pos`` ends: the first character in ``stops`` (or the end)."""
    i = pos
    while i < len(text) and text[i] not in stops:
        i += 1
    return i

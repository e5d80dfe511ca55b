"""The running text of a report as streams of characters that know their place in the file.

Checkers that read numbers in sentences (``narrative``, ``textmath``) need the paragraphs
joined — PDF and markdown text wraps lines mid-sentence — with whitespace dropped and
full-width forms folded, yet every character must still point at its line and column.
:func:`streams` builds that once per document (:func:`text_streams` shares it through
``ctx.cached``); :func:`scan_back` / :func:`scan_forward` find where the clause or the
sentence around a position starts or ends, for whatever set of stops a checker uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .model import Block, Span, Table

_TERMINAL = set("。;!?:")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")


@dataclass
class Stream:
    """One run of consecutive paragraphs: its folded text and each character's source."""

    text: str
    where: list[tuple[Block, int]]  # for each character: (block, offset in block.text)

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]`` (cut at the end of its first block)."""
        b0, o0 = self.where[start]
        b1, o1 = self.where[end - 1]
        if b0 is b1:
            return b0.textmap.span(o0, o1 + 1)
        return b0.textmap.span(o0, len(b0.text))


@functools.lru_cache(maxsize=65536)
def fold_width(ch: str) -> str:
    """Full-width forms to ASCII one character at a time (keeps the offsets 1:1)."""
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


def fold_text(text: str) -> str:
    """A string folded as :func:`streams` folds report text (for tests and short passages)."""
    out: list[str] = []
    for i, c in enumerate(text):
        if c.isspace():
            if out and out[-1].isdigit() and text[i + 1:i + 2].isdigit():
                out.append(" ")
            continue
        out.append(fold_width(c))
    return "".join(out)


def streams(doc) -> list[Stream]:
    """Runs of consecutive paragraphs joined; tables and headings cut them.

    Whitespace is dropped, except one space between two digits (they stay two numbers);
    a line break becomes a boundary (``\\n``) when the previous line ends a sentence or
    the next one starts with a numbering.
    """
    out: list[Stream] = []
    chars: list[str] = []
    where: list[tuple[Block, int]] = []

    def flush():
        if chars:
            out.append(Stream("".join(chars), list(where)))
        chars.clear()
        where.clear()

    for b in doc.blocks:
        if isinstance(b, Table) or b.kind != "paragraph":
            flush()
            continue
        folded = [fold_width(c) for c in b.text]
        first = "".join(folded).lstrip()
        if chars and (chars[-1] in _TERMINAL or _NUMBERED.match(first)):
            chars.append("\n")
            where.append(where[-1])
        # The first non-space character after each position, in one backward pass
        # (looking it up by rescanning the rest of the line is quadratic on long lines).
        after = [""] * len(folded)
        nxt = ""
        for i in range(len(folded) - 1, -1, -1):
            after[i] = nxt
            if not folded[i].isspace():
                nxt = folded[i]
        for i, c in enumerate(folded):
            if c.isspace():
                prev = chars[-1] if chars else ""
                if prev.isdigit() and after[i].isdigit():
                    chars.append(" ")
                    where.append((b, i))
                continue
            chars.append(c)
            where.append((b, i))
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

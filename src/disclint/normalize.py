"""Text normalisation for matching labels and titles, in one place.

Reports write the same label many ways: full- or half-width parentheses, digits and
punctuation; stray spaces and line breaks inside CJK labels; curly or straight
quotes; 、 or ， between clauses; traditional characters on some mirrors. Matching is
done on the normalised form, and ``normalize_with_map`` keeps, for every character
it returns, the offset it came from, so a match still points at the original place.

PDF text (browser print, Word export) often carries look-alikes of ordinary ideographs:
Kangxi radicals and CJK Radicals Supplement characters (⼈ ⺠ ⽉ ⽇) where the font's
ToUnicode table names the radical glyph, and CJK compatibility ideographs. They look
the same on the page but match nothing. :func:`fold_lookalikes` replaces each with
the ideograph it stands for, one character for one, so every offset and position stays
exact; the readers deliver text folded this way, and :func:`fold_char` folds them too.
The table comes from Unicode's own data (EquivalentUnifiedIdeograph.txt, shipped in
``disclint/data``) and NFKC for the compatibility ideographs.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from importlib import resources

try:  # traditional -> simplified; a pure-Python package, one character at a time
    import opencc as _opencc

    _T2S = _opencc.OpenCC("t2s")
except Exception:  # pragma: no cover - optional at run time
    _T2S = None

# Characters folded to one canonical form. Everything else goes through NFKC,
# which already turns full-width digits, letters and most punctuation half-width.
_FOLD = {
    "（": "(", "）": ")", "〔": "[", "〕": "]", "【": "[", "】": "]",
    "“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"', "「": '"', "」": '"',
    "，": "、", ",": "、",  # label separators: 、 and ， are equivalent (spec §8)
    "．": ".", "：": ":", "；": ";", "〇": "零", "○": "零",
    "—": "-", "－": "-", "–": "-",
}

_WS = re.compile(r"\s+")

# Blocks of CJK compatibility ideographs: each is a canonical twin of one unified
# ideograph (NFKC gives that one character).
_COMPAT_IDEOGRAPHS = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def _equivalent_ideographs() -> dict[int, str]:
    """Unicode's Equivalent_Unified_Ideograph property: radical or stroke -> ideograph.

    Lines read ``2EA0 ; 6C11`` or ``2E8C..2E8D ; 5C0F``; comments start with ``#``.
    """
    table: dict[int, str] = {}
    try:
        text = (resources.files("disclint") / "data" / "EquivalentUnifiedIdeograph.txt").read_text("utf-8")
    except OSError:  # pragma: no cover - the file ships with the package
        return table
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        src, sep, dst = body.partition(";")
        if not sep:
            continue
        first, _, last = src.strip().partition("..")
        try:
            lo, hi, to = int(first, 16), int(last or first, 16), chr(int(dst.strip(), 16))
        except ValueError:
            continue
        for cp in range(lo, min(hi, lo + 0x1000) + 1):
            table[cp] = to
    return table


def _lookalike_table() -> dict[int, str]:
    """``str.translate`` table: every look-alike code point -> the ideograph it stands for."""
    table = _equivalent_ideographs()
    for lo, hi in _COMPAT_IDEOGRAPHS:
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if len(n) == 1 and n != chr(cp):
                table[cp] = n
    return table


_LOOKALIKES = _lookalike_table()


def lookalike(ch: str) -> str:
    """The ordinary ideograph a look-alike character stands for (``ch`` for any other)."""
    return _LOOKALIKES.get(ord(ch), ch) if len(ch) == 1 else ch


def fold_lookalikes(text: str) -> str:
    """``text`` with every look-alike replaced by its ideograph, one character for one."""
    return text.translate(_LOOKALIKES)


@functools.lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    """One ideograph's simplified form on its own (itself when it has none of one character)."""
    if _T2S is not None and "\u4e00" <= ch <= "\u9fff":
        out = _T2S.convert(ch)
        if len(out) == 1:
            return out
    return ch


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The canonical form of one character ('' for whitespace)."""
    if ch.isspace() or ch in "\u200b\u200c\u200d\ufeff\u3000\xa0":
        return ""
    ch = lookalike(ch)
    if ch in _FOLD:
        return _FOLD[ch]
    ch = _t2s_char(ch)
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        return ch
    return _FOLD.get(folded, folded)


# fold_char of every character seen, and the same keeping whitespace as one space:
# whole texts are then folded by C-level map/join instead of a Python loop per
# character (bounded: a text has few distinct characters; cleared if it ever grows).
_FOLDED: dict[str, str] = {}
_FOLDED_SPACED: dict[str, str] = {}


# Characters that are traditional on their own (t2s changes them), with their simplified form.
_TRADITIONAL: dict[str, str] = {}


def _learn(text: str) -> None:
    new = set(text).difference(_FOLDED)
    if new:
        if len(_FOLDED) > 200_000:
            _FOLDED.clear()
            _FOLDED_SPACED.clear()
            new = set(text)
        for ch in new:
            f = fold_char(ch)
            _FOLDED[ch] = f
            _FOLDED_SPACED[ch] = " " if ch.isspace() or ch in "\u3000\xa0" else f
            if (simple := _t2s_char(ch)) != ch:
                _TRADITIONAL[ch] = simple


def simplified(text: str) -> str:
    """Traditional characters written as simplified ones, one character for one (so every
    offset stays): word by word, with OpenCC's phrases (反覆 is 反复, though 覆 alone is a
    simplified character too), when that keeps the length; else character by character.
    Text without traditional characters is returned as it is, at the cost of one scan."""
    _learn(text)
    if _T2S is None or _TRADITIONAL.keys().isdisjoint(text):
        return text
    out = _T2S.convert(text)
    if len(out) == len(text):
        return out
    return "".join(_TRADITIONAL.get(c, c) for c in text)


# Full-width digits and Latin letters (０–９, Ａ–Ｚ, ａ–ｚ) are the ASCII ones typed in another
# input mode: a year ２０２３ is 2023 to every check. Full-width punctuation stays (labels
# are written with （）).
_FULLWIDTH_ALNUM = {cp: cp - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                    for cp in range(lo, hi + 1)}


def fold_text(text: str) -> str:
    """What the readers deliver: look-alikes folded, full-width digits and letters as ASCII,
    traditional characters simplified (each one character for one)."""
    return simplified(fold_lookalikes(text).translate(_FULLWIDTH_ALNUM))


def _fold_map(text: str, table: dict[str, str]) -> tuple[str, list[int]]:
    try:
        folded = list(map(table.__getitem__, text))  # each is one character or ''
    except KeyError:  # a character not seen before
        _learn(text)
        folded = list(map(table.__getitem__, text))
    return "".join(folded), list(itertools.compress(itertools.count(), folded))


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, per output character, its offset in ``text``."""
    return _fold_map(text, _FOLDED)


def fold_keeping_spaces(text: str) -> tuple[str, list[int]]:
    """As :func:`normalize_with_map`, but each whitespace character (also U+3000, U+00A0)
    becomes one space instead of nothing."""
    return _fold_map(text, _FOLDED_SPACED)


@functools.lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """The matching form of ``text``: folded punctuation, no whitespace, simplified."""
    try:
        return "".join(map(_FOLDED.__getitem__, text))
    except KeyError:
        _learn(text)
        return "".join(map(_FOLDED.__getitem__, text))


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def strip_annotation(label: str) -> str:
    """Drop one trailing （…） annotation from an already normalised label.

    Hubei tables append notes such as 规章（设区的市…应提供相关数据）(spec §8).
    Callers only use this where the canonical label does not end in parentheses.
    """
    return _TRAILING_NOTE.sub("", label)


def fold_document(doc) -> None:
    """Fold look-alikes and traditional characters in every text a reader produced (blocks,
    cells, table renderings): a report on a traditional-script mirror is the same report.

    The fold is one character for one, so every TextMap stays exact. ``source_text``
    keeps the file as it is: it is shown for context, never searched.
    """
    from .model import Table  # the model does not depend on this module

    for block in doc.blocks:
        block.text = fold_text(block.text)
        if isinstance(block, Table):
            for cell in block.cells:
                cell.text = fold_text(cell.text)

"""Text normalisation for matching labels and titles, in one place.

Reports write the same label many ways: full- or half-width parentheses, digits and
punctuation; stray spaces and line breaks inside CJK labels; curly or straight
quotes; 、 or ， between clauses; traditional characters on some mirrors. Matching is
done on the normalised form, and ``normalize_with_map`` keeps, for every character
it returns, the offset it came from, so a match still points at the original place.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

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


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The canonical form of one character ('' for whitespace)."""
    if ch.isspace() or ch in "\u200b\u200c\u200d\ufeff\u3000\xa0":
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if _T2S is not None and "\u4e00" <= ch <= "\u9fff":
        out = _T2S.convert(ch)
        if len(out) == 1:
            ch = out
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        return ch
    return _FOLD.get(folded, folded)


# fold_char of every character seen, and the same keeping whitespace as one space:
# whole texts are then folded by C-level map/join instead of a Python loop per
# character (bounded: a text has few distinct characters; cleared if it ever grows).
_FOLDED: dict[str, str] = {}
_FOLDED_SPACED: dict[str, str] = {}


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

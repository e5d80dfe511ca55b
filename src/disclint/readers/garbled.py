"""Is extracted text Chinese, or the font's own codes shown as letters?

A PDF whose fonts have no Unicode map (common with subset fonts from some word
processors) gives text that is letters, but not the report's: ``ÃÄÅÆ…`` or private-use
code points instead of 总体情况. Checked as text it would be a report with no part and no
table — errors on a report that is fine, only unreadable by machine. A report of this
kind is Chinese: a page whose letters are almost never ideographs was not read.
"""

from __future__ import annotations

import re

_LETTER = re.compile(r"[^\W\d_]")  # any letter, ideographs included
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PRIVATE = re.compile(r"[\ue000-\uf8ff\ufffd]")

# Below this many letters a page is too short to judge (a page number, a URL, a signature).
_MIN_LETTERS = 40
# A page of a Chinese report with fewer ideographs among its letters than this was not read.
_MIN_IDEOGRAPH_SHARE = 0.1


def garbled(text: str) -> bool:
    """True when ``text`` has enough letters to judge and almost none are ideographs."""
    letters = len(_LETTER.findall(text)) + len(_PRIVATE.findall(text))
    if letters < _MIN_LETTERS:
        return False
    return len(_IDEOGRAPH.findall(text)) < _MIN_IDEOGRAPH_SHARE * letters

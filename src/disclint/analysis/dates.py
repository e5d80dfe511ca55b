"""Finding Chinese dates in text, with the offsets they came from.

Reports write one date many ways: ``2021年1月26日``, ``2021 年 1 月 26 日`` (spaces and
line breaks left by PDF extraction), ``2021-01-26``, ``2021.1.26``, ``2021/1/26``,
``二〇二一年一月二十六日`` (also with ``○``, ``零`` or a digit ``0``), in full-width
digits, inside （…）, after a field label such as ``发布日期：``. Periods need partial
dates too: ``2021年1月`` and ``1月26日`` whose year is implied by a date before it in
the same range (``2019年1月1日到12月31日``) or by the report year.

:func:`find_dates` returns :class:`DateMention` objects whose ``start``/``end`` are
offsets into the text it was given, so a caller with a TextMap can point at the
original line and column. An impossible date (``2月30日``, ``13月``, ``4月31日``) is
returned with ``problem`` set, never silently dropped. Things that only look like
numbers (phone numbers, amounts, ``第1.2项``) are not dates and are not returned.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from ..normalize import fold_keeping_spaces

__all__ = [
    "DateMention",
    "find_dates",
    "field_label",
    "field_kind",
    "is_range_joint",
    "cn_number",
    "cn_numeral",
    "NUMERAL",
    "format_date",
]

# -- folding ---------------------------------------------------------------------


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching and keep, per folded character, its source offset.

    Unlike :func:`disclint.normalize.normalize_with_map` whitespace is kept (as one
    space per source whitespace character): a date must not be glued to the number
    next to it (``2021-02-08 16:34`` is a date and a time, not day ``0816``).
    """
    return fold_keeping_spaces(text)


# -- Chinese numerals --------------------------------------------------------------

_CN_DIGIT = {"零": 0, "0": 0, "O": 0, "o": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """The value of a small Chinese numeral (``十二``, ``二十六``, ``三十一``, ``九``)."""
    if not s:
        return None
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail:
            return None
        tens = 1 if head == "" else _CN_DIGIT.get(head)
        ones = 0 if tail == "" else _CN_DIGIT.get(tail)
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGIT.get(s)
    return None


# A Chinese numeral from 一 to 九十九, as headings and list markers write them.
NUMERAL = r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"


def cn_numeral(n: int) -> str:
    """``n`` (1…99) written in Chinese numerals (``十``, ``十二``, ``二十``, ``三十一``)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _cn_year(s: str) -> int | None:
    digits = [_CN_DIGIT.get(c) for c in s]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


# -- the patterns (on folded text) -------------------------------------------------------

_SP = r" *"
# Arabic year/month/day with 年月日; spaces allowed between every part (PDF text).
_CJK = re.compile(
    rf"(?<![0-9.])(?:(?P<y>(?:1[89]|20)[0-9]{{2}}){_SP}年{_SP})?"
    rf"(?P<m>[0-9]{{1,2}}){_SP}月"
    rf"(?:{_SP}(?P<d>[0-9]{{1,2}}){_SP}日)?"
)
_CN_NUM = "一二三四五六七八九十"
_CNY = re.compile(
    rf"(?<![{_CN_NUM}零])(?:(?P<y>[一二][零0Oo一二三四五六七八九]{{3}})年)?"
    rf"(?P<m>[{_CN_NUM}]{{1,3}})月"
    rf"(?:(?P<d>[{_CN_NUM}]{{1,3}})日)?"
)
# Numeric forms need a four-digit year and all three parts.
_NUMERIC = re.compile(
    r"(?<![0-9A-Za-z./_\-])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"(?![0-9])(?![./\-][0-9])"
)

_FORMS = {"-": "iso", ".": "dot", "/": "slash"}


@dataclass(frozen=True)
class DateMention:
    """One date (or partial date) found in a text.

    ``start``/``end`` are offsets into the text given to :func:`find_dates` (``end``
    exclusive). ``year_implied`` is true when the year was not written at this place
    but taken from the date before it in a range or from the report year.
    ``problem`` is ``"month"`` or ``"day"`` for an impossible date.
    """

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    form: str  # "cjk", "numeral" (Chinese numerals), "iso", "dot", "slash"
    year_implied: bool = False
    problem: str | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def complete(self) -> bool:
        """Year, month and day all known and the date exists."""
        return self.valid and self.year is not None and self.day is not None

    @property
    def written_complete(self) -> bool:
        """A complete date whose year is written at this place."""
        return self.complete and not self.year_implied

    def as_date(self) -> date | None:
        if not self.complete:
            return None
        return date(self.year, self.month, self.day)  # type: ignore[arg-type]

    def display(self) -> str:
        """The date in the canonical ``2021年1月26日`` form (partial parts left out)."""
        return format_date(self.year, self.month, self.day)


def format_date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    out = f"{year}年" if year is not None else ""
    if month is not None:
        out += f"{month}月"
        if day is not None:
            out += f"{day}日"
    return out


def _check(year: int | None, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return "month"
    if day is None:
        return None
    # Without a year, 2月29日 may exist; judge February by a leap year.
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    if not 1 <= day <= last:
        return "day"
    return None


_JOINT = re.compile(r"^ *起? *(?:至|到|-|~|～|—|－) *$")


def is_range_joint(between: str) -> bool:
    """Whether the text between two dates joins them into a range (``至``, ``到``, ``—``)."""
    folded, _ = _fold(between)
    return bool(_JOINT.match(folded))


def find_dates(text: str, year: int | None = None) -> list[DateMention]:
    """Every date and partial date in ``text``, in order.

    ``year`` (usually the report year) is given to a month-day date whose year is
    neither written nor implied by the date it follows in a range. A month alone
    (``12月``, ``1-12月``) is not a date and is not returned, and neither is a bare
    month with an impossible number (``第13月`` is not a date someone wrote wrongly).
    """
    return list(_find_dates(text, year))


# Kept per (text, year): the dates analysis asks for every table cell beside a label, and
# reports repeat the same cells (「0」, 「2021年1月1日」); mentions are frozen, the list is copied.
@functools.lru_cache(maxsize=32768)
def _find_dates(text: str, year: int | None) -> tuple[DateMention, ...]:
    folded, where = _fold(text)
    raw: list[tuple[int, int, int | None, int, int | None, str]] = []  # fs, fe, y, m, d, form
    for m in _CJK.finditer(folded):
        y = int(m["y"]) if m["y"] else None
        if y is None and m["d"] is None:
            continue  # a bare month
        raw.append((m.start(), m.end(), y, int(m["m"]), int(m["d"]) if m["d"] else None, "cjk"))
    for m in _CNY.finditer(folded):
        y = _cn_year(m["y"]) if m["y"] else None
        if m["y"] and y is None:
            continue
        if y is None and m["d"] is None:
            continue
        mo = cn_number(m["m"])
        d = cn_number(m["d"]) if m["d"] else None
        if mo is None or (m["d"] and d is None):
            continue
        raw.append((m.start(), m.end(), y, mo, d, "numeral"))
    for m in _NUMERIC.finditer(folded):
        mo, d = int(m["m"]), int(m["d"])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue  # not a date at all (a version, a code)
        raw.append((m.start(), m.end(), int(m["y"]), mo, d, _FORMS[m["sep"]]))
    raw.sort()

    out: list[DateMention] = []
    last_end = -1
    for fs, fe, y, mo, d, form in raw:
        if fs < last_end:
            continue  # overlapping matches: the first (leftmost, longest) wins
        last_end = fe
        implied = False
        if y is None:
            prev = out[-1] if out else None
            if prev is not None and prev.year is not None and is_range_joint(text[prev.end:where[fs]]):
                y = prev.year
            else:
                y = year
            implied = y is not None
        start, end = where[fs], where[fe - 1] + 1
        # An implied year may be the wrong one: judge 2月29日 as possible then.
        out.append(DateMention(start, end, text[start:end], y, mo, d, form, implied, _check(None if implied else y, mo, d)))
    return tuple(out)


# -- field labels ------------------------------------------------------------------------

# The label before a date says what the date is. Publication fields give the date the
# report was published; signature fields the date it was signed or issued; metadata
# fields (a crawler's or a page's own clock) say nothing about the report.
_FIELD_KINDS = {
    "发布日期": "publication", "发布时间": "publication", "公开日期": "publication",
    "公开时间": "publication", "发布于": "publication", "上网时间": "publication",
    "成文日期": "signature", "印发日期": "signature", "发文日期": "signature",
    "签发日期": "signature", "成文时间": "signature",
    "采集时间": "meta", "抓取时间": "meta", "页面生成时间": "meta", "生成时间": "meta",
    "更新时间": "meta", "更新日期": "meta", "访问时间": "meta", "下载时间": "meta",
    "浏览时间": "meta", "当前时间": "meta", "打印时间": "meta", "打印日期": "meta",
    "修改时间": "meta", "修改日期": "meta",
    "时间": "generic", "日期": "generic",
}
_FIELD = re.compile(
    "(" + "|".join(sorted(map(re.escape, _FIELD_KINDS), key=len, reverse=True)) + r") *[:]? *$"
)
_WEEKDAY = re.compile(r"^ *(?:星期|周|礼拜)[一二三四五六日天]")


def field_label(text: str, start: int) -> str | None:
    """The field label written right before ``text[start]`` (``发布日期：``), if any."""
    folded, _ = _fold(text[max(0, start - 12):start])
    m = _FIELD.search(folded)
    return m.group(1) if m else None


def field_kind(text: str, mention: DateMention) -> str | None:
    """``publication``, ``signature``, ``meta`` or ``generic`` for a labelled date.

    A date followed by a weekday (``2025年12月30日 星期二``) is a page clock: ``meta``.
    """
    label = field_label(text, mention.start)
    if label is not None:
        return _FIELD_KINDS[label]
    folded, _ = _fold(text[mention.end:mention.end + 6])
    if _WEEKDAY.match(folded):
        return "meta"
    return None

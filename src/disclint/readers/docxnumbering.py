"""Word's automatic numbering: the number Word shows before a numbered paragraph.

A report whose part headings are numbered by Word (「一、」 from word/numbering.xml) has
no number in its text, so without this 「总体情况」 would not be the heading
「一、总体情况」. No maintained library renders Word numbering as text for an lxml reader
(python-docx does not; docx2python knows five Latin formats, no w:lvlText, w:start or
style links), so it is done here, after ECMA-376 Part 1 §17.9 and Word's behaviour:

* a paragraph is numbered by its own ``w:numPr`` or by its paragraph style's (through
  ``w:basedOn``); ``numId`` 0 switches numbering off; the level is the paragraph's
  ``w:ilvl``, else the style's, else the level whose ``w:pStyle`` names the style;
* a ``w:num`` points at a ``w:abstractNum`` (through ``w:numStyleLink`` where the
  definition lives in a numbering style); counters belong to the abstract definition,
  so ``w:num`` s sharing it continue one sequence, and a ``w:lvlOverride`` /
  ``w:startOverride`` restarts its level where that ``w:num`` is first used;
* using a level restarts the deeper ones (``w:lvlRestart`` narrows or stops that);
* ``w:lvlText`` such as 「%1、」 or 「（%2）」 is filled with each level's counter in that
  level's ``w:numFmt`` (``w:isLgl``: decimal); an unknown format is decimal, a bullet
  is no number; ``w:suff`` (tab by default) is a space after the number.

The formats are Word's file format (like its XML names), not a report format, so they
live here rather than in rules/. Hostile definitions are bounded: values are clamped to
Word's own range, definitions and placeholders are counted, a number is at most
``MAX_NUMBER`` characters; whatever is cut is said once (``problems``).
"""

from __future__ import annotations

import re

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
LEVELS = 9  # w:ilvl 0..8
MAX_START = 32767  # Word's largest start value
MAX_DEFS = 20_000  # w:num and w:abstractNum read (real documents: a few hundred at most)
MAX_LVLTEXT = 64  # characters of one w:lvlText kept
MAX_NUMBER = 64  # characters of one rendered number
MAX_LINKS = 8  # numStyleLink hops followed
_INT = re.compile(r"(-?)0*(\d+)")
_PLACE = re.compile(r"%([1-9])")
_RANGE = f"起始编号超出 Word 的范围（0～{MAX_START}），按范围的端值计"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el, tag: str) -> str | None:
    child = el.find(f"w:{tag}", _NS) if el is not None else None
    return child.get(_w("val")) if child is not None else None


def _num(text: str | None) -> int | None:
    """An integer attribute; one of more than nine digits is 10**9 (clamped by the caller),
    so a hostile 「99999…」 is neither parsed at length nor mistaken for a missing value."""
    m = _INT.fullmatch(text.strip()) if text is not None else None
    if m is None:
        return None
    sign, digits = m.groups()
    return (-1 if sign else 1) * (int(digits) if len(digits) <= 9 else 10**9)


# -- formats -------------------------------------------------------------------------------

_IDEO = "〇一二三四五六七八九"
_LEGAL_S = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_T = "零壹貳參肆伍陸柒捌玖"
_TIAN_GAN = "甲乙丙丁戊己庚辛壬癸"
_DI_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _positional(n: int, digits: str) -> str:
    return "".join(digits[int(d)] for d in str(n))


def _counting(n: int, digits: str) -> str:
    """chineseCounting: 十 words below 100 (十, 十一, 二十一), digit by digit from 100 (一〇〇)."""
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return _positional(n, digits)


def _grouped(n: int, digits: str, units: str, wan: str, short_ten: bool) -> str:
    """chineseCountingThousand and the legal formats: 一百零一, 一千零五十, 一万二千."""
    def four(x: int) -> str:
        out, zero = "", False
        for i, u in ((3, units[2]), (2, units[1]), (1, units[0]), (0, "")):
            d = x // 10**i % 10
            if d:
                out += (digits[0] if zero and out else "") + digits[d] + u
                zero = False
            else:
                zero = True
        return out

    if n == 0:
        return digits[0]
    high, low = divmod(n, 10000)
    text = (four(high) + wan if high else "") + (digits[0] if high and 0 < low < 1000 else "") + four(low)
    if short_ten and 10 <= n < 20:  # 十一, not 一十一 (the everyday form; the legal one keeps 壹拾)
        text = text[1:]
    return text


def _letters(n: int, upper: bool) -> str | None:
    repeat = (n - 1) // 26 + 1  # a..z, aa..zz, aaa.. (the same letter repeated, not base 26)
    if repeat > MAX_NUMBER:
        return None
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * repeat


def _roman(n: int, upper: bool) -> str | None:
    if n >= 4000:
        return None
    out = ""
    for v, r in _ROMAN:
        q, n = divmod(n, v)
        out += r * q
    return out if upper else out.lower()


def _enclosed(n: int, first: int, last: int) -> str | None:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else None


_FORMATS = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: _positional(n, "０１２３４５６７８９"),
    "decimalFullWidth2": lambda n: _positional(n, "０１２３４５６７８９"),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460, 0x2473),  # ①..⑳
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460, 0x2473),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488, 0x249B),  # ⒈..⒛
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474, 0x2487),  # ⑴..⒇
    "ideographEnclosedCircle": lambda n: _enclosed(n, 0x3280, 0x3289),  # ㊀..㊉
    "lowerLetter": lambda n: _letters(n, False),
    "upperLetter": lambda n: _letters(n, True),
    "lowerRoman": lambda n: _roman(n, False),
    "upperRoman": lambda n: _roman(n, True),
    "chineseCounting": lambda n: _counting(n, _IDEO),
    "taiwaneseCounting": lambda n: _counting(n, _IDEO),
    "chineseCountingThousand": lambda n: _grouped(n, "零一二三四五六七八九", "十百千", "万", True),
    "taiwaneseCountingThousand": lambda n: _grouped(n, "零一二三四五六七八九", "十百千", "萬", True),
    "chineseLegalSimplified": lambda n: _grouped(n, _LEGAL_S, "拾佰仟", "万", False),
    "ideographLegalTraditional": lambda n: _grouped(n, _LEGAL_T, "拾佰仟", "萬", False),
    "ideographDigital": lambda n: _positional(n, _IDEO),
    "taiwaneseDigital": lambda n: _positional(n, _IDEO),
    "japaneseDigitalTenThousand": lambda n: _positional(n, _IDEO),
    "ideographTraditional": lambda n: _TIAN_GAN[n - 1] if 1 <= n <= 10 else None,  # 甲乙丙..癸
    "ideographZodiac": lambda n: _DI_ZHI[n - 1] if 1 <= n <= 12 else None,  # 子丑寅..亥
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's ``w:numFmt`` ``fmt``; decimal where the format is unknown or has no
    symbol for ``n`` (①..⑳ then 21, as the standard says)."""
    if n < 0:
        return str(n)
    text = _FORMATS.get(fmt, str)(n) if n or fmt in ("decimalZero", "none") else None
    return str(n) if text is None else text


# -- numbering.xml -------------------------------------------------------------------------


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suff", "style")

    def __init__(self, lvl, cut) -> None:
        start = _num(_val(lvl, "start"))
        self.start = 0 if start is None else start  # the standard's default
        if not 0 <= self.start <= MAX_START:
            cut(_RANGE)
            self.start = min(max(self.start, 0), MAX_START)
        self.fmt = _val(lvl, "numFmt") or "decimal"
        text = _val(lvl, "lvlText")
        self.text = text if text is not None else ""
        if len(self.text) > MAX_LVLTEXT:
            cut(f"编号格式文字（w:lvlText）长于 {MAX_LVLTEXT} 个字符，其余部分未读取")
            self.text = self.text[:MAX_LVLTEXT]
        self.restart = _num(_val(lvl, "lvlRestart"))
        legal = lvl.find("w:isLgl", _NS)
        self.legal = legal is not None and legal.get(_w("val"), "true") not in ("0", "false", "off")
        self.suff = _val(lvl, "suff") or "tab"
        self.style = _val(lvl, "pStyle")


def _ilvl(el) -> int | None:
    v = _num(el.get(_w("ilvl")))
    return v if v is not None and 0 <= v < LEVELS else None


class Numbering:
    """The numbering of one document; ``prefix`` is called on its paragraphs in document order."""

    def __init__(self, numbering_root=None, styles_root=None) -> None:
        self.problems: list[str] = []  # what a bound cut (each said once)
        self._abstract: dict[str, tuple[dict[int, _Level], str | None]] = {}
        self._nums: dict[str, tuple[str, dict[int, tuple[int | None, _Level | None]]]] = {}
        self._styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self._counts: dict[str, list[int | None]] = {}
        self._used: set[tuple[str, int]] = set()  # (numId, level) seen: where a startOverride applies
        self._default: str | None = None  # the default paragraph style (a paragraph without w:pStyle has it)
        if styles_root is not None:
            self._read_styles(styles_root)
        if numbering_root is not None:
            self._read(numbering_root)

    def _cut(self, why: str) -> None:
        if why not in self.problems:
            self.problems.append(why)

    def _read(self, root) -> None:
        n = 0
        for el in root:
            if el.tag not in (_w("abstractNum"), _w("num")):
                continue
            n += 1
            if n > MAX_DEFS:
                self._cut(f"编号定义超过 {MAX_DEFS} 个，其后的定义未读取")
                break
            if el.tag == _w("abstractNum"):
                levels = {}
                for lvl in el.iterfind("w:lvl", _NS):
                    i = _ilvl(lvl)
                    if i is not None and i not in levels:
                        levels[i] = _Level(lvl, self._cut)
                self._abstract.setdefault(el.get(_w("abstractNumId"), ""), (levels, _val(el, "numStyleLink")))
            else:
                overrides = {}
                for ov in el.iterfind("w:lvlOverride", _NS):
                    i = _ilvl(ov)
                    if i is None:
                        continue
                    start = _num(_val(ov, "startOverride"))
                    if start is not None and not 0 <= start <= MAX_START:
                        self._cut(_RANGE)
                        start = min(max(start, 0), MAX_START)
                    lvl = ov.find("w:lvl", _NS)
                    overrides[i] = (start, _Level(lvl, self._cut) if lvl is not None else None)
                self._nums.setdefault(el.get(_w("numId"), ""), (_val(el, "abstractNumId") or "", overrides))

    def _read_styles(self, root) -> None:
        for st in root.iterfind("w:style", _NS):
            sid = st.get(_w("styleId"))
            if not sid or sid in self._styles:
                continue
            if self._default is None and st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self._default = sid
            numpr = st.find("w:pPr/w:numPr", _NS)
            num_id = _val(numpr, "numId") if numpr is not None else None
            ilvl = _num(_val(numpr, "ilvl")) if numpr is not None else None
            self._styles[sid] = (num_id, ilvl, _val(st, "basedOn"))

    def _style_numpr(self, sid: str | None) -> tuple[str | None, int | None]:
        """numId and level a style gives, the nearest in its basedOn chain for each."""
        num_id = ilvl = None
        seen: set[str] = set()
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            s_num, s_lvl, sid = self._styles[sid]
            num_id = s_num if num_id is None else num_id
            ilvl = s_lvl if ilvl is None else ilvl
        return num_id, ilvl

    def _definition(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """The abstract definition a w:num uses, through numbering-style links."""
        for _ in range(MAX_LINKS):
            num = self._nums.get(num_id)
            if num is None or num[0] not in self._abstract:
                return None
            levels, link = self._abstract[num[0]]
            if not link:
                return num[0], levels
            linked, _ = self._style_numpr(link)
            if linked is None or linked == num_id:
                return num[0], levels
            num_id = linked
        return None

    def prefix(self, p) -> str:
        """The number Word shows before paragraph ``p`` (with its separator), or ""; counts it."""
        if not self._nums:
            return ""
        ppr = p.find("w:pPr", _NS)
        style = _val(ppr, "pStyle") or self._default
        numpr = ppr.find("w:numPr", _NS) if ppr is not None else None
        num_id, ilvl = (_val(numpr, "numId"), _num(_val(numpr, "ilvl"))) if numpr is not None else (None, None)
        s_num, s_lvl = self._style_numpr(style) if num_id is None or ilvl is None else (None, None)
        num_id = num_id if num_id is not None else s_num
        if num_id is None or num_id.strip() == "0" or num_id not in self._nums:
            return ""
        found = self._definition(num_id)
        if found is None:
            return ""
        key, levels = found
        overrides = self._nums[num_id][1]
        if ilvl is None:
            ilvl = s_lvl
        if ilvl is None:
            ilvl = next((i for i, lv in sorted(levels.items()) if style and lv.style == style), 0)
        if not 0 <= ilvl < LEVELS:
            return ""

        def level(i: int) -> _Level | None:
            ov = overrides.get(i)
            return ov[1] if ov is not None and ov[1] is not None else levels.get(i)

        lv = level(ilvl)
        if lv is None:
            return ""
        counts = self._counts.setdefault(key, [None] * LEVELS)
        start = overrides.get(ilvl, (None, None))[0]
        if start is not None and (num_id, ilvl) not in self._used:
            counts[ilvl] = start
        else:
            counts[ilvl] = lv.start if counts[ilvl] is None else counts[ilvl] + 1
        self._used.add((num_id, ilvl))
        for d in range(ilvl + 1, LEVELS):  # deeper levels start again after this one
            deeper = level(d)
            restart = deeper.restart if deeper is not None else None
            if restart is None or (restart > 0 and ilvl < restart):
                counts[d] = None
        if lv.fmt == "bullet":
            return ""

        def fill(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            other = level(i)
            if other is None:
                return ""
            n = counts[i] if counts[i] is not None else other.start
            return format_number(n, "decimal" if lv.legal and other.fmt != "none" else other.fmt)

        text = _PLACE.sub(fill, lv.text)
        if len(text) > MAX_NUMBER:
            self._cut(f"生成的编号长于 {MAX_NUMBER} 个字符，其余部分未显示")
            text = text[:MAX_NUMBER]
        if not text.strip():
            return ""
        return text + ("" if lv.suff == "nothing" else " ")

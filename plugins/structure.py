"""Structure checks (S2xx): the report against its own outline, and its numbered sub-headings.

The mandated six sections are judged by ``sections`` (S1xx). These checks look at the
report's internal consistency, so they apply to reports of any year, legacy ones too:

* ``intro-part-count`` / ``intro-part-extra`` / ``intro-part-renamed`` /
  ``intro-part-missing`` — the introduction announces the parts
  (「本报告由概述、…、政府信息公开情况统计表共五个部分组成」, 「本报告共分6个部分：…」,
  「报告全文包括…等六部分」). The introduction's names and the body's top-level headings
  come from the shared outline analysis (:mod:`disclint.analysis.outline`): names split
  after a part word and joined again where together they are one body heading, headings
  found by their numbering in any medium. Names are compared on their key words (filler
  such as 政府信息公开/工作/办理/的/和/及 dropped; one key containing the other, or the two
  alike, is the same part), so 「因政府信息公开申请行政复议、提起行政诉讼的情况」 announces
  「四、政府信息公开行政复议、行政诉讼情况」 while 「主要问题和改进措施」 is not
  「政府信息公开工作存在的主要问题及改进情况」. Between two agreeing parts, a heading with no
  announced name is an extra part, one announced name against one heading is a renamed
  part, and an announced name with neither heading nor any mention after the introduction
  is a missing part. The headings are judged only when they run 一、二、三… once with no gap
  and no restart (011 renumbers its annexed tables 一、二、三、; 029 has two 二、): otherwise
  S105 and the S1xx rules speak and this check stays silent. One fact is reported once:
  a heading that stands for a mandated section is judged against the format (S103/S104),
  never against the introduction's wording, which the format does not prescribe; a part
  the format does not have is S110's; a missing mandated section is S101/S109's
  (``mandated`` names that schema).
* ``subheading-empty`` — 「（二）…」 followed directly by the next （三） or 三、 with not one
  sentence between. Runs of bare sub-headings are lists, not headings, and are not judged.
* ``subheading-sequence`` — （一）（二）（四） or 1. 2. 2. inside one section: a number
  that is not the one after its predecessor (a restart at 1 begins a new list). Numbering
  restarts under every higher heading (三、 restarts （一）, （二） restarts 1.). Only
  markers at the start of a line or after a sentence end or a space are read; a skipped
  number is reported only when it appears nowhere between, so a sub-heading glued to the
  text before it (flattened pages) never makes a false gap. Tables are not read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from disclint.analysis.outline import Outline, Stream, TopHeading, build_stream, cn_number, key, outline_of, same_part
from disclint.checking import CheckerKind, Finding, Param
from disclint.analysis.dates import NUMERAL, cn_numeral
from disclint.hookspecs import hookimpl
from disclint.normalize import normalize

_NUM = NUMERAL
_TITLE_STOP = re.compile(r"[\s。，,；;：:！？!?（(《“\"\d\x00]")

# -- markers -------------------------------------------------------------------------------

# A top-level heading number 一、: not inside a word (前一、), not 第一、, not a list 一、二、三.
_TOP = re.compile(rf"(?<![\u4e00-\u9fff\d第])({_NUM})、[ \t\u3000]*(?=[^\s\d一二三四五六七八九十、，。])")
# A sub-heading （一） at a clean place (line start, after punctuation or a space).
_SUB_STRICT = re.compile(rf"(?<![\u4e00-\u9fff\d\w])[（(]({_NUM})[）)]")
_SUB_LOOSE = re.compile(rf"(?<!第)[（(]({_NUM})[）)]")
# 1. / 1、 / 1． at a clean place, not a decimal, followed by words.
_ARABIC_STRICT = re.compile(r"(?<![\u4e00-\u9fff\d.．A-Za-z])(\d{1,2})([.．、])(?![\d.．])(?=[ \t]?[\u4e00-\u9fff“\"《（(])")
_ARABIC_LOOSE = re.compile(r"(?<![\d.．])(\d{1,2})([.．、])(?![\d.．])(?=[ \t]?[\u4e00-\u9fff“\"《（(])")


@dataclass
class Marker:
    level: int  # 0 top (一、), 1 （一）, 2 1.
    n: int
    start: int  # stream offsets of the marker
    end: int
    written: str
    punct: str = ""  # for arabic markers: . or 、


# Row labels of the statistical tables (表三 办理结果): a table read as text is not a list
# of sub-headings, so markers before these words are left out.
_TABLE_ROW = re.compile(r"[ \t]*(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计|本年新收|上年结转|结转下年度)")


# The 2008-era statistics table (「指标名称 计量单位 2018年度 历年累计 … 其中：1.政府网站公开数 条 …」) read
# as text: its numbered rows, up to the next top-level heading, are no sub-headings either.
_LEGACY_TABLE = re.compile(r"指\s*标\s*名\s*称\s*(?:计\s*量\s*)?单\s*位")


def _in_legacy_table(stream: Stream, tops: list[int]):
    """A test for stream offsets inside a legacy statistics table (header to next 一、 heading)."""
    spans = []
    for m in _LEGACY_TABLE.finditer(stream.text):
        i = bisect.bisect_right(tops, m.start())
        spans.append((m.start(), tops[i] if i < len(tops) else len(stream.text)))
    return lambda at: any(a <= at < b for a, b in spans)


def _markers(stream: Stream) -> list[Marker]:
    out = []
    for m in _TOP.finditer(stream.text):
        out.append(Marker(0, cn_number(m.group(1)), m.start(), m.start() + len(m.group(1)) + 1, m.group(1) + "、"))
    for m in _SUB_STRICT.finditer(stream.text):
        if _TABLE_ROW.match(stream.text, m.end()):
            continue
        out.append(Marker(1, cn_number(m.group(1)), m.start(), m.end(), m.group(0)))
    for m in _ARABIC_STRICT.finditer(stream.text):
        out.append(Marker(2, int(m.group(1)), m.start(), m.end(), m.group(0), m.group(2)))
    in_table = _in_legacy_table(stream, sorted(mk.start for mk in out if mk.level == 0))
    out = [mk for mk in out if mk.level == 0 or not in_table(mk.start)]
    out.sort(key=lambda k: k.start)
    return out


@dataclass
class Verdict:
    extra: list[TopHeading] = field(default_factory=list)
    renamed: list[tuple[int, str, TopHeading]] = field(default_factory=list)  # (announced index, name, heading)
    missing: list[tuple[int, str]] = field(default_factory=list)


_MAX_HEADINGS = 200  # more top-level headings than any report has: not an outline to align


# The statistics appendix of a 2008-era report is named 「政府信息公开情况统计表」 in one place and
# 「附表」 or 「…统计数据」 in another: either name is that part.
_TABLE_PART = re.compile(r"(?:统计表|附表|统计数据)$")


def _agrees(name: str, title: str | None) -> bool:
    if title is None:
        return False
    return same_part(name, title) or bool(_TABLE_PART.search(normalize(name)) and _TABLE_PART.search(normalize(title)))


def compare(o: Outline) -> Verdict:
    v = Verdict()
    if o.intro is None or not o.intro.names:
        return v
    if not o.clean or len(o.top) > _MAX_HEADINGS:
        # Which heading is which part is not known; a part named nowhere is still missing.
        for k, name in enumerate(o.intro.names):
            if not any(_agrees(name, h.title) for h in o.top) and key(name) not in o.body_key:
                v.missing.append((k, name))
        return v
    names, heads = o.intro.names, o.top
    # Longest common subsequence of agreeing parts.
    n, m = len(names), len(heads)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if _agrees(names[i], heads[j].title):
                best[i][j] = best[i + 1][j + 1] + 1
            else:
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if _agrees(names[i], heads[j].title) and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    if len(pairs) * 2 < min(n, m):  # too little agrees to say which part is which
        return v
    anchors = [(-1, -1)] + pairs + [(n, m)]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        gap_names = list(range(i0 + 1, i1))
        gap_heads = [heads[j] for j in range(j0 + 1, j1)]
        if not gap_names:
            # A part the format does not have is reported once, by the section rules (S110).
            v.extra.extend(h for h in gap_heads if h.title is not None and not h.extra)
        elif len(gap_names) == len(gap_heads):
            for k, h in zip(gap_names, gap_heads):
                # A mandated part's heading is judged against the format (S103/S104), not
                # against the introduction's wording, which the format does not prescribe.
                if h.title is not None and h.part is None:
                    v.renamed.append((k, names[k], h))
        elif not gap_heads:
            for k in gap_names:
                if key(names[k]) not in o.body_key:
                    v.missing.append((k, names[k]))
    return v


def _outline(doc, ctx) -> Outline:
    return outline_of(doc, ctx)


def _verdict(doc, ctx) -> Verdict:
    return ctx.cached("structure:verdict", lambda: compare(_outline(doc, ctx)))


def _stream(doc, ctx) -> Stream:
    return ctx.cached("structure:stream", lambda: build_stream(doc))


def _announced(o: Outline) -> str:
    names = o.intro.names or []
    return "、".join(names)




# -- the checks ---------------------------------------------------------------------------


def check_count(doc, rule, ctx):
    o = _outline(doc, ctx)
    if o.intro is None or o.intro.names is None:
        return
    if len(o.intro.names) != o.intro.count:
        yield Finding(o.intro.count_span, {"found": o.intro.count_written, "expected": str(len(o.intro.names)), "names": _announced(o)})


def check_count_body(doc, rule, ctx):
    """No list of names to align: more numbered parts than the introduction counts."""
    o = _outline(doc, ctx)
    # Parts the format does not have are reported once, by the section rules (S110/S111).
    if o.intro is None or o.intro.names is not None or not o.clean or len([t for t in o.top if not t.extra]) <= o.intro.count:
        return
    shown = "、".join(h.number for h in o.top)
    yield Finding(o.intro.count_span, {"found": o.intro.count_written, "expected": str(len(o.top)), "headings": shown})


def check_extra(doc, rule, ctx):
    o, v = _outline(doc, ctx), _verdict(doc, ctx)
    for h in v.extra:
        yield Finding(h.span, {"found": h.shown, "count": o.intro.count_written, "names": _announced(o)})


def check_renamed(doc, rule, ctx):
    v = _verdict(doc, ctx)
    for k, name, h in v.renamed:
        yield Finding(h.span, {"found": h.shown, "expected": name, "number": cn_numeral(k + 1)})


def _mandated(rule, ctx) -> list[str]:
    name = rule.params.get("mandated")
    if not name:
        return []
    try:
        schema = ctx.schema(name)
    except (KeyError, AttributeError):
        return []
    forms = []
    for item in schema or []:
        forms.append(item["title"])
        forms.extend(item.get("variants") or [])
    return forms


def check_missing(doc, rule, ctx):
    o, v = _outline(doc, ctx), _verdict(doc, ctx)
    mandated = _mandated(rule, ctx)
    for k, name in v.missing:
        if any(same_part(name, form) for form in mandated):
            continue  # S101/S109 report a mandated section that has no heading
        yield Finding(o.intro.span, {"expected": name, "number": cn_numeral(k + 1)})


_SENTENCE = re.compile(r"[。；;！!？?：:，,\x00]")
# A sub-heading answered with a bare 「无」 (「（一）需要说明的其他事项 无」): the answer is its content.
_NONE_ANSWER = re.compile(r"\s(?:无|暂无|没有)[。.]?$")
_EMPTY_TITLE_MAX = 40


def check_empty(doc, rule, ctx):
    stream = _stream(doc, ctx)
    text = stream.text
    marks = [m for m in _markers(stream) if m.level <= 1]
    loose = sorted([m.start() for m in _SUB_LOOSE.finditer(text)] + [mk.start for mk in marks if mk.level == 0])

    def following(at: int) -> int | None:
        i = bisect.bisect_right(loose, at)
        return loose[i] if i < len(loose) else None

    empties = []
    for mk in marks:
        if mk.level != 1:
            continue
        nxt = following(mk.start)
        if nxt is None:
            empties.append((mk, False))
            continue
        between = text[mk.end : nxt]
        title = between.strip()
        is_empty = (bool(title) and len(title) <= _EMPTY_TITLE_MAX and not _SENTENCE.search(between)
                    and not _ARABIC_LOOSE.search(between) and not _NONE_ANSWER.search(title))
        empties.append((mk, is_empty))
    for i, (mk, is_empty) in enumerate(empties):
        if not is_empty:
            continue
        # A run of bare （一）（二）… is a list of names, not empty headings.
        if (i > 0 and empties[i - 1][1]) or (i + 1 < len(empties) and empties[i + 1][1]):
            continue
        nxt = following(mk.start)
        shown = text[mk.start : nxt].strip()
        yield Finding(stream.span(mk.start, mk.start + len(shown)), {"found": shown, "next": _next_heading(text, nxt)})


_MARK_AT = re.compile(rf"[（(]{_NUM}[）)]|{_NUM}、[ \t\u3000]*")


def _next_heading(text: str, at: int) -> str:
    """The marker at ``text[at]`` and its title, up to a space or punctuation."""
    m = _MARK_AT.match(text, at)
    end = m.end() if m else at
    stop = _TITLE_STOP.search(text, end, end + 40)
    return text[at : stop.start() if stop else end + 40].strip()


def check_sequence(doc, rule, ctx):
    stream = _stream(doc, ctx)
    text = stream.text
    last: dict[int, Marker | None] = {1: None, 2: None}
    for mk in _markers(stream):
        if mk.level == 0:
            last = {1: None, 2: None}
            continue
        prev = last.get(mk.level)
        for lower in range(mk.level + 1, 3):
            last[lower] = None
        if mk.level == 2 and prev is not None and mk.punct != prev.punct:
            prev = None  # 1. and 1、 are two lists
        last[mk.level] = mk
        if prev is None or mk.n == 1 or mk.n == prev.n + 1:
            continue
        if mk.n > prev.n + 1 and _appears_between(text, mk.level, prev, mk):
            continue
        expected = _written(mk, prev.n + 1)
        yield Finding(stream.span(mk.start, mk.end), {"found": mk.written, "previous": prev.written, "expected": expected})


def _written(mk: Marker, n: int) -> str:
    if mk.level == 1:
        return mk.written[0] + cn_numeral(n) + mk.written[-1]
    return f"{n}{mk.punct}"


def _appears_between(text: str, level: int, prev: Marker, mk: Marker) -> bool:
    """A skipped number written anywhere between (glued to the text before it)."""
    between = text[prev.end : mk.start]
    wanted = set(range(prev.n + 1, mk.n))
    regex = _SUB_LOOSE if level == 1 else _ARABIC_LOOSE
    for m in regex.finditer(between):
        if cn_number(m.group(1)) in wanted:
            return True
    return False


_MANDATED = (Param("mandated", str, doc="schema of mandated sections whose missing heading other rules report"),)


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind("intro-part-count", check_count, (), ("found", "expected", "names"), "The introduction's part count differs from the parts it lists."),
        CheckerKind("intro-part-count-body", check_count_body, (), ("found", "expected", "headings"), "The body has more numbered parts than the introduction counts."),
        CheckerKind("intro-part-extra", check_extra, (), ("found", "count", "names"), "A top-level heading is not among the parts the introduction announces."),
        CheckerKind("intro-part-renamed", check_renamed, (), ("found", "expected", "number"), "A top-level heading differs from the part name the introduction announces."),
        CheckerKind("intro-part-missing", check_missing, _MANDATED, ("expected", "number"), "A part the introduction announces is nowhere in the body."),
        CheckerKind("subheading-empty", check_empty, (), ("found", "next"), "A sub-heading is followed directly by the next heading."),
        CheckerKind("subheading-sequence", check_sequence, (), ("found", "previous", "expected"), "A sub-heading number does not follow its predecessor."),
    ]

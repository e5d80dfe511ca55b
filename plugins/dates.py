"""Date checks (D codes): impossible dates, the statistical period (wrong, partial, empty,
or never stated), the publication deadline of 《政府信息公开条例》第四十九条, signature and
issuing dates before the report year ended, dates later than the publication, and the
years the text names for the report itself and for the notice it was compiled under.

All four kinds share one analysis of the document (``ctx.cached("dates", ...)``):

* the text blocks are run together into one stream (a PDF line break may fall inside a
  date or a period sentence), every date in it is found with
  :func:`disclint.analysis.dates.find_dates`, and each offset maps back to its file
  position through the blocks' TextMaps;
* the statistical period is the range after 统计期限/统计时限/统计周期… up to the end of
  its sentence; a period sentence with no dates at all (「统计期限自至。」) is an
  unfilled template; a range of two full dates whose clause says, before it, what it
  is of in other words (「内容涵盖…至…期间」「时间范围为…」: the period-phrasings schema)
  is a period too — a bare range (「5月1日至5月31日开展检查」) is not;
* the publication date is a 发布日期/发布时间 field (an archiver's metadata line counts),
  else a date line (a block that is only a date, or a date standing alone after the
  last sentence or the signing organ in a flattened page, or a 成文日期 field), else a
  page's bare 时间： field. Dates inside sentences (a quoted notice's date) never are;
* a report states no period when no 统计期限-like keyword, no 1月1日至12月31日 range and no
  span written as one (「自…至…」「…至…期间」, never compared with the year) occur anywhere
  (an info finding: the formats' wording for it was not found, spec §1.3);
* an issuing date is a date followed by an issuing word (印发) at the end of the document
  after the signing organ or a space — 「（2021年9月26日印发）」 inside a sentence quotes a notice;
* 「编制完成YYYY年度…年度报告」 outside 《》 names the report; 《…YYYY年…年度报告…的通知》 with a
  single year names the notice for the reports of that year;
* the organ kind comes from ``--organ-kind``, else from the agency name in the title
  matched against the rule set's ``organ-kinds`` schema (the suffix ending last wins,
  so 上海市人民政府办公厅 is a department), else the more lenient deadline is used and
  the message says so.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from disclint.checking import CheckerKind, Finding, Param
from disclint.analysis.dates import DateMention, field_kind, find_dates, format_date, is_range_joint
from disclint.analysis.outline import cn_number
from disclint.hookspecs import hookimpl
from disclint.model import Block, Document, Span
from disclint.normalize import normalize, normalize_with_map

# -- the document as one stream -----------------------------------------------------------


class Stream:
    """The text blocks run together with ``\\n`` between them, mapped back to the file."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.starts: list[int] = []
        parts: list[str] = []
        at = 0
        for b in blocks:
            self.starts.append(at)
            parts.append(b.text)
            at += len(b.text) + 1
        self.text = "\n".join(parts)

    def block_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def pos(self, offset: int):
        i = self.block_at(offset)
        return self.blocks[i].textmap.pos(offset - self.starts[i])

    def span(self, start: int, end: int) -> Span:
        i = self.block_at(start)
        return Span(self.pos(start), self.pos(max(end - 1, start)), self.blocks[i].textmap._logical)


# -- the analysis ---------------------------------------------------------------------------


@dataclass
class Dated:
    """A date found in the document, with its place and its role."""

    mention: DateMention
    span: Span
    kind: str | None = None  # field kind: publication, signature, meta, generic; None in prose
    line: bool = False  # a date line (standing alone)
    in_period: bool = False
    context: tuple[str, int] | None = None  # (the stream text, the date's offset in it)


@dataclass
class Period:
    span: Span  # the period sentence (keyword to the end of the second date)
    first: DateMention | None = None
    last: DateMention | None = None
    text: str = ""  # what the report wrote, for the message

    @property
    def empty(self) -> bool:
        return self.first is None


@dataclass
class Analysis:
    year: int | None
    dates: list[Dated] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    publication: Dated | None = None
    agency: str = ""
    organ_kind: str | None = None  # department / government / None (not known)
    organ_source: str = ""  # option / title / ""
    period_named: bool = True  # a 统计期限 keyword or a 1月1日至12月31日 range anywhere
    founded: tuple[int, int] | None = None  # (year, month) the report says the organ came into being
    founded_recent: bool = False  # the report says the organ is newly founded (「我局刚刚成立」)
    stream: "Stream | None" = None


_PERIOD_KEY = re.compile(r"统计(?:期限|时限|周期|期间|时间|区间|时段|范围|日期)")
# What an unfilled period sentence leaves: connectives only, or placeholders.
_EMPTY_CLAUSE = re.compile(r"^[为是自从起至到止:：、年月日X×*＊ -]*$")
# Dates standing alone in a flattened page: after a sentence or the signing organ.
_LINE_BEFORE = re.compile(r"(?:^|[。！!；;]|(?:政府|局|委员会|委|会|办公室|办公厅|办|厅|中心|室|署|处|站|所|队))\s+$")
_SIGNER = re.compile(r"(?:政府|局|委员会|委|会|办公室|办公厅|办|厅|中心|室|署|处|站|所|队|区|县|市)\s*$")
_LINE_AFTER = re.compile(r"^(?:\s|$)")
_BRACKETS = str.maketrans("", "", "()（）[]【】〔〕 \u3000")


def _title_info(doc: Document):
    try:
        from disclint.facts import find_title
    except ImportError:  # pragma: no cover - the lead's module
        return None
    return find_title(doc)


_REPORT_TAIL = re.compile(r"(?:政府|政务)?(?:信息)?公开(?:工作)?(?:年度)?(?:工作)?报告.*$")
_YEAR_PART = re.compile(r"(?:(?:19|20)\d{2}|[零一二三四五六七八九]{4})年度?")
_LABEL = re.compile(r"^(?:标题|题名|名称):")


def agency_from_title(title: str) -> str:
    """The agency named in a report title, in normalised form (year and report words removed)."""
    t = _LABEL.sub("", normalize(title))
    t = _REPORT_TAIL.sub("", t)
    return _YEAR_PART.sub("", t)


def organ_kind_of(agency: str, organ_kinds: dict) -> str | None:
    """``department``/``government`` by the suffix that ends last in the name (longest on a tie)."""
    best: tuple[int, int, str] | None = None
    for kind, spec in organ_kinds.items():
        for suffix in spec.get("suffixes", []):
            suffix = normalize(str(suffix))
            at = agency.rfind(suffix)
            if at < 0:
                continue
            key = (at + len(suffix), len(suffix), kind)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def analyse(doc: Document, ctx, organ_schema: str | None = None) -> Analysis:
    blocks = doc.text_blocks
    stream = Stream(blocks)
    text = stream.text

    # The report year: the one the engine detected (title, else period); else the period's.
    year = ctx.year
    try:
        phrasings = ctx.schema("period-phrasings")
    except KeyError:
        phrasings = {}
    leads = [normalize(w) for w in (phrasings.get("before") or [] if isinstance(phrasings, dict) else [])]
    mentions = find_dates(text, year)
    folded = _stream_normalised(stream, ctx)
    periods = _periods(stream, mentions, leads, folded)
    if year is None:
        for p in periods:
            if p.first is not None and p.first.year is not None:
                year = p.first.year
                mentions = find_dates(text, year)
                periods = _periods(stream, mentions, leads, folded)
                break

    an = Analysis(year=year, periods=periods)
    an.stream = stream
    an.period_named = (bool(periods) or bool(_PERIOD_KEY.search(folded[0])) or _states_full_year(text, mentions)
                       or _names_a_span(text, mentions))
    in_period = {(m.start, m.end) for p in periods for m in (p.first, p.last) if m is not None}
    for m in mentions:
        d = Dated(m, stream.span(m.start, m.end), field_kind(text, m), context=(text, m.start))
        d.in_period = (m.start, m.end) in in_period
        d.line = d.kind is None and not d.in_period and m.written_complete and _stands_alone(stream, m)
        an.dates.append(d)
    an.dates.extend(_table_fields(doc))
    if year is not None:
        try:
            founding = ctx.schema("organ-founding")
        except KeyError:
            founding = {}
        an.founded, an.founded_recent = _founding(text, mentions, year, founding if isinstance(founding, dict) else {})
    an.publication = _publication(an.dates)

    # The organ kind.
    if ctx.options.organ_kind:
        an.organ_kind, an.organ_source = ctx.options.organ_kind, "option"
    title = _title_info(doc)
    if title is not None:
        an.agency = agency_from_title(title.text)
        if an.organ_kind is None and organ_schema is not None:
            kind = organ_kind_of(an.agency, ctx.schema(organ_schema))
            if kind is not None:
                an.organ_kind, an.organ_source = kind, "title"
    return an


def _stands_alone(stream: Stream, m: DateMention) -> bool:
    i = stream.block_at(m.start)
    block = stream.blocks[i]
    lo = m.start - stream.starts[i]
    hi = m.end - stream.starts[i]
    whole = block.text.translate(_BRACKETS)
    if whole == m.text.translate(_BRACKETS):
        return True  # the block is only the date, maybe in （…）
    before, after = block.text[:lo], block.text[hi:]
    # 「沐阳县人民政府 2026年1月23日」 on one line, or a date line inside a flattened page.
    before_cut = before.rstrip("(（ \u3000")
    after_cut = after.lstrip(")） \u3000")
    if not after_cut and len(before_cut) <= 30 and _SIGNER.search(before_cut) and not re.search(r"[。，,；;：:]", before_cut):
        return True  # the signing organ and the date on one line
    # 「… 平潭综合实验区行政审批局2018年1月16日」 in a flattened page: the signing organ, a word of its own
    # after a space, glued to the date, and nothing but a space or the end after it.
    signer = re.search(r"(?:^|\s)([^\s。，,；;：:！!？?]{2,30})$", before)
    if signer and _SIGNER.search(signer.group(1)) and _LINE_AFTER.match(after):
        return True
    return bool(_LINE_BEFORE.search(before) and _LINE_AFTER.match(after))


def _periods(stream: Stream, mentions: list[DateMention], leads: list[str], folded: tuple[str, list[int]]) -> list[Period]:
    """``folded``: the stream's text normalised with its offset map (_stream_normalised)."""
    text = stream.text
    norm, where = folded
    out: list[Period] = []
    starts = [m.start for m in mentions]
    for k in _PERIOD_KEY.finditer(norm):
        key_start = where[k.start()]
        key_end = where[k.end() - 1] + 1
        # The clause: up to the end of the sentence (a line break is not an end here).
        rest = text[key_end:key_end + 80]
        stop = re.search(r"[。;；!！?？]", rest)
        clause_end = key_end + (stop.start() if stop else len(rest))
        i = bisect.bisect_left(starts, key_end)
        inside = [m for m in mentions[i:] if m.end <= clause_end]
        clause = text[key_end:clause_end]
        if not inside:
            if _EMPTY_CLAUSE.match(normalize(clause)) and normalize(clause):
                out.append(Period(stream.span(key_start, clause_end), text=normalize(clause)))
            continue
        if len(inside) < 2:
            continue  # a single date (截至…) is not a range this check understands
        first, last = inside[0], inside[1]
        if not is_range_joint(text[first.end:last.start]):
            continue  # two dates, but not a range (从…至…) this check understands
        written = text[first.start:last.end]
        out.append(Period(stream.span(key_start, last.end), first, last, _fold_ws(written)))
    out.extend(_phrased_periods(stream, mentions, leads, out))
    return out


_CLAUSE_STOPS = re.compile(r"[。;；!！?？，,]")
_SENTENCE_END = re.compile(r"[。;；!！?？]")
# A founding word that is the organ's own (「我局自2019年8月份机构改革以来」「我局刚刚成立，」), not
# a verb with an object (「成立信息公开领导小组」): the clause goes on with 以来/后/的 or ends.
_FOUNDING_AFTER = re.compile(r"\s*(?:以来|之后|后|的|[。;；，,、]|$)")
# 「海坛片区成立4个月以来」: founded that many months before the end of the report year.
_FOUNDING_FOR = re.compile(r"\s*([0-9]{1,2}|[一二三四五六七八九十两]{1,3})\s*个\s*多?\s*月\s*(?:以来|来)")


def _founding(text: str, mentions: list[DateMention], year: int, schema: dict) -> tuple[tuple[int, int] | None, bool]:
    """When the report says the organ came into being in the report year (the organ-founding schema).

    A founding word (成立, 机构改革…) used of the organ itself, with a date of the report year
    before it in the same clause, gives that month; so does the first such date after it in the
    same sentence when the founding is named as a cause (由于机构改革，…从2019年9月1日开始启动);
    a "newly founded" phrase (刚刚成立) with no
    date says only that it is new. The latest such month is kept (a reorganisation after a founding).
    """
    words = [normalize(w) for w in schema.get("words") or []]
    recent = [normalize(w) for w in schema.get("recent") or []]
    causes = [normalize(w) for w in schema.get("causes") or [] if w]
    founded: tuple[int, int] | None = None
    is_recent = any(w and w in text for w in recent)
    for w in words:
        if not w:
            continue
        for hit in re.finditer(re.escape(w), text):
            months = _FOUNDING_FOR.match(text, hit.end())
            n = cn_number(months.group(1).replace("两", "二")) if months else None
            if n is not None and 0 < n < 12:
                # the month count reaches back from December, give or take the month begun
                if founded is None or (year, 12 - n) > founded:
                    founded = (year, 12 - n)
                continue
            if not _FOUNDING_AFTER.match(text, hit.end()):
                continue
            back = text[max(0, hit.start() - 30):hit.start()]
            stops = list(_CLAUSE_STOPS.finditer(back))
            lo = hit.start() - len(back) + (stops[-1].end() if stops else 0)
            for m in mentions:
                if lo <= m.start and m.end <= hit.start() and m.year == year and m.month is not None:
                    if founded is None or (m.year, m.month) > founded:
                        founded = (m.year, m.month)
            # 「由于机构改革，我局政务公开工作从2019年9月1日开始启动」: the founding named as the cause,
            # the date after it in the same sentence is when the organ's work began
            if any(back.endswith(c) for c in causes):
                end = _SENTENCE_END.search(text, hit.end())
                hi = end.start() if end else len(text)
                after = [m for m in mentions if hit.end() <= m.start and m.end <= hi and m.year == year and m.month is not None]
                if after and (founded is None or (after[0].year, after[0].month) > founded):
                    founded = (after[0].year, after[0].month)
    return founded, is_recent


def _phrased_periods(stream: Stream, mentions: list[DateMention], leads: list[str], found: list[Period]) -> list[Period]:
    """Periods stated in other words: a range of two full dates (「2019年9月1日至12月31日」,
    「自…起至…止」) whose clause, before it, says what the range is of with one of ``leads``
    (「内容涵盖…期间」「本报告所列数据自…」「时间范围为…」; the period-phrasings schema)."""
    if not leads:
        return []
    text = stream.text
    taken = {id(p.first) for p in found}
    out: list[Period] = []
    for a, b in zip(mentions, mentions[1:]):
        if id(a) in taken or a.day is None or b.day is None or not is_range_joint(text[a.end:b.start]):
            continue
        back = text[max(0, a.start - 60):a.start]
        stops = list(_CLAUSE_STOPS.finditer(back))
        lead_in = normalize(back[stops[-1].end():] if stops else back)
        if not any(w in lead_in for w in leads):
            continue
        start = a.start - len(back) + (stops[-1].end() if stops else 0)
        out.append(Period(stream.span(start, b.end), a, b, _fold_ws(text[a.start:b.end])))
    return out


def _states_full_year(text: str, mentions: list[DateMention]) -> bool:
    """「2020年1月1日至2020年12月31日」 anywhere, with or without a 统计期限 keyword."""
    for a, b in zip(mentions, mentions[1:]):
        if (a.month, a.day) == (1, 1) and (b.month, b.day) == (12, 31) and is_range_joint(text[a.end:b.start]):
            return True
    return False


_SPAN_BEFORE = re.compile(r"[自从]\s*$")
_SPAN_AFTER = re.compile(r"^\s*(?:止|期间)")


def _names_a_span(text: str, mentions: list[DateMention]) -> bool:
    """「自2019年9月1日至12月31日」「…至…期间」: a span of time written as such, whatever it is
    of. The report says what period it speaks of, so it is not "no period stated"; but with
    nothing saying it is the report's period, it is never compared with the year."""
    for a, b in zip(mentions, mentions[1:]):
        if a.day is None or b.day is None or not is_range_joint(text[a.end:b.start]):
            continue
        if _SPAN_BEFORE.search(text, max(0, a.start - 3), a.start) or _SPAN_AFTER.match(text[b.end:b.end + 4]):
            return True
    return False


def _fold_ws(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _table_fields(doc: Document) -> list[Dated]:
    """Dates in a metadata table: a cell 公开日期/发布日期 and the date in the cell to its right."""
    out: list[Dated] = []
    for t in doc.tables:
        for row in t.rows():
            for a, b in zip(row, row[1:]):
                if a is None or b is None or a is b:
                    continue
                label = normalize(a.text).rstrip(":")
                ms = find_dates(b.text)
                if len(ms) != 1 or not ms[0].written_complete:
                    continue
                kind = field_kind(label + "：" + b.text, _shift(ms[0], len(label) + 1))
                if kind in ("publication", "signature"):
                    m = ms[0]
                    out.append(Dated(m, b.textmap.span(m.start, m.end), kind))
    return out


def _shift(m: DateMention, by: int) -> DateMention:
    from dataclasses import replace

    return replace(m, start=m.start + by, end=m.end + by)


def _publication(dates: list[Dated]) -> Dated | None:
    """The publication date: a 发布 field, else the latest date line, else a bare 时间： field."""
    usable = [d for d in dates if d.mention.written_complete]
    fields = [d for d in usable if d.kind == "publication"]
    if fields:
        return fields[0]
    lines = [d for d in usable if d.line or d.kind == "signature"]
    if lines:
        return max(lines, key=lambda d: d.mention.as_date())
    generic = [d for d in usable if d.kind == "generic"]
    return generic[0] if generic else None


# -- the checker kinds --------------------------------------------------------------------


def _analysis(doc, rule, ctx) -> Analysis:
    schema = rule.params.get("organ-schema") or "organ-kinds"
    return ctx.cached("dates", lambda: analyse(doc, ctx, schema))


def check_impossible(doc, rule, ctx):
    an = _analysis(doc, rule, ctx)
    for d in an.dates:
        m = d.mention
        if m.problem is None:
            continue
        if m.problem == "month":
            reason = "月份应为1至12"
        elif m.year is not None and not m.year_implied:
            reason = f"{m.year}年{m.month}月只有{calendar.monthrange(m.year, m.month)[1]}天"
        else:
            reason = f"{m.month}月没有{m.day}日"
        yield Finding(d.span, {"found": _fold_ws(m.text), "reason": reason})


def _expected_period(year: int) -> str:
    return f"{year}年1月1日至{year}年12月31日"


def check_period(doc, rule, ctx):
    """One kind, several problems (``params.problem``): wrong-year, partial-year, since-founding
    (a part-year period from the organ's founding, as the report states it, to year end), empty, missing."""
    an = _analysis(doc, rule, ctx)
    problem = rule.params["problem"]
    if an.year is None:
        return
    expected = _expected_period(an.year)
    if problem == "missing":
        if not an.period_named:
            span = ctx.year_span or (doc.text_blocks[0].textmap.span(0, 1) if doc.text_blocks else None)
            if span is not None:
                yield Finding(span, {"found": "", "expected": expected, "year": an.year})
        return
    for p in an.periods:
        values = {"found": p.text, "expected": expected, "year": an.year}
        if p.empty:
            if problem == "empty":
                yield Finding(p.span, values)
            continue
        a, b = p.first, p.last
        if not (a.valid and b.valid) or a.year is None or b.year is None:
            continue  # an impossible date is reported on its own
        wrong_year = a.year != an.year or b.year != an.year
        if problem == "wrong-year" and wrong_year:
            yield Finding(p.span, values)
        elif problem in ("partial-year", "since-founding") and not wrong_year:
            if (a.month, a.day) != (1, 1) or (b.month, b.day) != (12, 31):
                founding = _since_founding(an, a, b)
                if (problem == "since-founding") == (founding is not None):
                    yield Finding(p.span, {**values, "founded": founding or ""})


def _since_founding(an: Analysis, a: DateMention, b: DateMention) -> str | None:
    """How the report says the organ came into being, when a part-year period runs from then to year end."""
    if (b.month, b.day) != (12, 31):
        return None
    if an.founded is not None and (a.year, a.month) >= an.founded:
        return f"于{an.founded[0]}年{an.founded[1]}月成立或组建"
    if an.founded is None and an.founded_recent:
        return "是本年新成立的机关"
    return None


def _deadline_entry(table: list, year: int) -> dict | None:
    for entry in table:
        lo = entry.get("from", -10**9)
        hi = entry.get("to", 10**9)
        if lo <= year <= hi:
            return entry
    return None


def _deadline(an: Analysis, rule, ctx) -> tuple[date, str, str] | None:
    """The deadline date, the organ label used and the legal basis, for the report year."""
    entry = _deadline_entry(ctx.schema(rule.params["schema"]), an.year)
    if entry is None:
        return None
    organs = ctx.schema(rule.params.get("organ-schema") or "organ-kinds")
    labels = {k: v.get("label", k) for k, v in organs.items()}
    labels.update(entry.get("labels") or {})
    kinds = [k for k in organs if k in entry]
    if an.organ_kind in kinds:
        kind = an.organ_kind
        label = labels.get(kind, kind)
    else:  # not known: the most lenient deadline, and say so
        kind = max(kinds, key=lambda k: str(entry[k]))
        label = f"{labels.get(kind, kind)}（未能识别机关类型，按较宽期限）"
    month, day = (int(x) for x in str(entry[kind]).split("-"))
    return date(an.year + 1, month, day), label, str(entry.get("basis", ""))


def check_publication(doc, rule, ctx):
    """``params.problem``: ``early`` (before the report year ended) or ``late`` (after the deadline)."""
    an = _analysis(doc, rule, ctx)
    pub = an.publication
    if pub is None or an.year is None:
        return
    when = pub.mention.as_date()
    found = format_date(when.year, when.month, when.day)
    if rule.params["problem"] == "early":
        if when <= date(an.year, 12, 31):
            yield Finding(pub.span, {"found": found, "year_end": format_date(an.year, 12, 31), "year": an.year})
        return
    dl = _deadline(an, rule, ctx)
    if dl is None:
        return
    deadline, label, basis = dl
    if when > deadline:
        yield Finding(pub.span, {"found": found, "deadline": format_date(deadline.year, deadline.month, deadline.day),
                                 "organ": label, "basis": basis})


# A plan or a time limit names a date still to come: 「将于2022年6月底前完成」「计划2022年3月上线」.
_FUTURE_WORDS = re.compile(r"将|计划|拟|预计|力争|争取|下一步|下步|明年|下一年|今后|规划|期限|截止日期")
_FUTURE_AFTER = re.compile(r"^\s*(?:底|中旬|上旬|下旬|末)?\s*(?:之前|以前|前)")


def _announces_future(text: str, m: DateMention, offset: int) -> bool:
    """Whether the sentence around a date plans ahead or sets a time limit."""
    # Sentences end at 。！？； (a line break is not an end: PDF text wraps mid-sentence).
    lo = max([text.rfind(c, 0, offset) for c in "。！？；"] + [offset - 120])
    ends = [i for i in (text.find(c, offset) for c in "。！？；") if i >= 0]
    sentence = text[lo + 1:min(ends + [offset + 120])]
    end_in_block = offset + (m.end - m.start)
    return bool(_FUTURE_WORDS.search(sentence) or _FUTURE_AFTER.match(text[end_in_block:end_in_block + 6]))


def check_after_publication(doc, rule, ctx):
    an = _analysis(doc, rule, ctx)
    pub = an.publication
    if pub is not None:
        ref, against = pub.mention.as_date(), "发布日期"
    else:
        ref, against = ctx.options.today or date.today(), "检查当日"
    for d in an.dates:
        m = d.mention
        if d is pub or d.in_period or not m.valid or m.year is None or m.year_implied:
            continue  # the period is checked on its own
        if d.kind in ("meta", "generic", "publication"):
            continue
        if m.day is not None:
            later = m.as_date() > ref
        else:
            later = (m.year, m.month) > (ref.year, ref.month)
        if later and not (d.context and _announces_future(d.context[0], m, d.context[1])):
            yield Finding(d.span, {"found": _fold_ws(m.text), "reference": format_date(ref.year, ref.month, ref.day),
                                   "against": against})


# -- the year named in the improvement plan ---------------------------------------------------

_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_PART_HEAD = re.compile(r"(?:^|(?<=[\s。；！？]))([一二三四五六七八九十]{1,2})[、.．]")


def _cn_int(s: str) -> int:
    if len(s) == 1:
        return _CN_NUM[s]
    if s[0] == "十":
        return 10 + _CN_NUM.get(s[1], 0)
    return _CN_NUM[s[0]] * 10 + (_CN_NUM.get(s[1], 0) if len(s) > 1 and s[1] != "十" else 0)


def improvement_parts(text: str, problem_words: list[str], remedy_words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each numbered part whose heading names problems and their remedy
    (「五、存在的主要问题及改进情况」, 「六、主要问题和改进措施」); it ends at the next
    numbered heading with a higher number. Inline headings in flattened pages count."""
    heads = [(m.start(), _cn_int(m.group(1)), m.end()) for m in _PART_HEAD.finditer(text)]
    probs = "|".join(map(re.escape, problem_words))
    rems = "|".join(map(re.escape, remedy_words))
    title = re.compile(rf"[^。；\n]{{0,16}}?(?:{probs})[^。；\n]{{0,8}}?(?:{rems})")
    out = []
    for i, (start, n, after) in enumerate(heads):
        if not title.match(text, after):
            continue
        end = next((s for s, k, _ in heads[i + 1:] if k > n), len(text))
        out.append((start, end))
    return out


def check_plan_year(doc, rule, ctx):
    """A plan for next year inside the improvement part that names the report year:
    「2016年，我们将采取以下措施加以改进」 in a 2016 report."""
    an = _analysis(doc, rule, ctx)
    if an.year is None:
        return
    p = rule.params
    stream = Stream(doc.text_blocks)
    text = stream.text
    verbs = "|".join(map(re.escape, p["plan-verbs"]))
    # a year not inside a longer number: flattened pages glue the part's heading to its
    # first sentence (「…改进情况2020年我局将…」), so no separator can be required before it
    plan = re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年度?[，,]?\s*[^\W\d_]{0,8}?"
        rf"(?:将\s*(?:{verbs})|计划|拟)")
    for start, end in improvement_parts(text, p["problem-words"], p["remedy-words"]):
        for m in plan.finditer(text, start, end):
            if int(m.group("year")) != an.year:
                continue
            yield Finding(stream.span(m.start("year"), m.end("year") + 1),
                          {"found": f"{an.year}年", "expected": f"{an.year + 1}年", "year": an.year})


# -- years named in the text: the report being compiled, a notice about the reports ----------

_TITLE_MARKS = re.compile(r"《([^《》]{1,120})》")
_YEAR4 = re.compile(r"(?:19|20)\d{2}(?=年)")


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted((normalize(str(w)) for w in words), key=len, reverse=True)))


def check_named_year(doc, rule, ctx):
    """``problem: report`` — 「编制完成2023年度政府信息公开工作年度报告」 must name the report year;
    ``problem: notice`` — a cited notice about the annual reports (《关于做好2021年…年度报告…的通知》)
    is the one for the report year's reports. Titles in 《》 are notices, not the report sentence."""
    an = _analysis(doc, rule, ctx)
    if an.year is None or an.stream is None:
        return
    p = rule.params
    norm, where = _normalised_stream(an, ctx)
    report = _alternation(p["report-words"])
    found: list[tuple[int, int]] = []
    if p["problem"] == "report":
        rx = re.compile(rf"(?:{_alternation(p['verbs'])})了?[^。;、,《》]{{0,12}}?(?P<year>(?:19|20)\d{{2}})年度?"
                        rf"[^。;、,《》]{{0,24}}?(?:{report})")
        # 「2022年1月，按时编制发布2021年度…年度报告」 tells of last year's report, 「将编制…」 plans one
        other = re.compile(_alternation(p.get("other-report-words") or []) or "(?!)")
        for m in rx.finditer(norm):
            before = norm[max(0, m.start() - 120):m.start()]
            if before.count("《") > before.count("》"):
                continue  # inside a cited title
            sentence = norm[max(0, m.start() - 120) + max(before.rfind(c) for c in "。;!?") + 1:m.start("year")]
            if other.search(sentence) or re.search(r"\d{1,2}月", sentence):
                continue  # a dated event (「2022年1月，…发布2021年度…」) is something done, not this report
            found.append(m.span("year"))
    else:
        notice = re.compile(rf"(?:{_alternation(p['notice-words'])})$")
        has_report = re.compile(report)
        for m in _TITLE_MARKS.finditer(norm):
            title = m.group(1)
            if not (notice.search(title) and has_report.search(title)):
                continue
            years = {y.group(0): y for y in _YEAR4.finditer(title)}
            if len(years) == 1:
                y = next(iter(years.values()))
                found.append((m.start(1) + y.start(), m.start(1) + y.end()))
    for a, b in found:
        if int(norm[a:b]) != an.year:
            yield _other_year(an, norm, where, a, b)


def _normalised_stream(an, ctx) -> tuple[str, list[int]]:
    """The running text normalised once per document for the year checks (with its offset map)."""
    return _stream_normalised(an.stream, ctx)


def _stream_normalised(stream: Stream, ctx) -> tuple[str, list[int]]:
    """The running text normalised once per document (with its offset map), for the
    period search and the year checks alike (a line break, like every white space,
    normalises to nothing)."""
    return ctx.cached("dates-stream-normalised", lambda: normalize_with_map(stream.text))


def _other_year(an, norm: str, where: list[int], a: int, b: int) -> Finding:
    """A finding on the year written at ``norm[a:b]``, which is not the report year."""
    return Finding(an.stream.span(where[a], where[b - 1] + 2),
                   {"found": f"{int(norm[a:b])}年", "expected": f"{an.year}年", "year": an.year})


# -- the year heading a statistics sentence ------------------------------------------------

_SENTENCE_START = re.compile(r"[。;!?:\n]")
# what may stand between a sentence start and its year: a numbered heading with its short title
# (「(一)主动公开政府信息的数量」「一、总体情况」), the title maybe with a note in brackets
# (「二、主动公开政府信息情况(有关情况附表)」); nothing else
_TITLE_NOTE = r"(?:\([^\W\d_]{1,12}\))?"
_HEADING_BEFORE = re.compile(r"(?:\([一二三四五六七八九十]{1,3}\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、)[^\W\d_]{0,20}"
                             + _TITLE_NOTE + "$")
_LEAD_HEADING = re.compile(r"^\s*(?:(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)[^\W\d_]{0,20}"
                           + _TITLE_NOTE + r"){0,2}\s*$")


def check_stats_year(doc, rule, ctx):
    """A statistics sentence headed by a year (「2024年制作、获取政府信息总数467条」) counts the
    report year: another year there is a figure copied from another report. Only a year that
    opens its sentence (or follows a numbered heading), is no date (no 月 after it), and is
    followed in the same clause by a statistic word and a count; a clause that compares,
    accumulates or dates its figure (the rule's ``other-scope-words``) is not read."""
    an = _analysis(doc, rule, ctx)
    if an.year is None or an.stream is None:
        return
    p = rule.params
    norm, where = _normalised_stream(an, ctx)
    stats = _alternation(p["stat-words"])
    units = _alternation(p["count-units"])
    other = re.compile(_alternation(p.get("other-scope-words") or []) or "(?!)")
    rx = re.compile(rf"(?P<year>(?:19|20)\d{{2}})年度?(?![\d一二三四五六七八九十]{{1,2}}月)[,、]?"
                    rf"(?P<clause>[^。;,!?:()\d]{{0,16}}?(?:{stats})[^。;,!?:()\d]{{0,20}}?"
                    # 「2017年，我办主动公开政府信息的主要类别有：政策、规范性文件类信息2条」: a colon opens the list
                    rf"(?::[^。;,!?:()\d]{{0,20}}?)?)(?<![.\d])\d+(?:{units})")
    for m in rx.finditer(norm):
        start = max((x.end() for x in _SENTENCE_START.finditer(norm, max(0, m.start() - 60), m.start())), default=None)
        if start is None:  # no sentence mark close before: only a numbered heading right before it starts a sentence
            if not _HEADING_BEFORE.search(norm, max(0, m.start() - 40), m.start()):
                continue
        elif not _LEAD_HEADING.match(norm[start:m.start()]):
            continue
        before = norm[max(0, m.start() - 200):m.start()]
        if before.count("《") > before.count("》") or other.search(m.group("clause")):
            continue
        if int(m.group("year")) != an.year:
            yield _other_year(an, norm, where, *m.span("year"))


def check_dated_early(doc, rule, ctx):
    """A date line, a signature date or a date followed by an issuing word (「2020年1月26日印发」)
    earlier than the end of the report year: the report cannot be signed or issued before
    the year it reports on has ended. The publication date itself is D301's."""
    an = _analysis(doc, rule, ctx)
    if an.year is None:
        return
    issued = re.compile(rf"^\s*(?:{_alternation(rule.params['issue-words'])})")
    year_end = date(an.year, 12, 31)
    for d in an.dates:
        m = d.mention
        if d is an.publication or d.in_period or not m.valid or not m.written_complete or m.year_implied:
            continue
        text = d.context[0] if d.context else ""
        after = text[m.end:m.end + 8]
        # 「……办公室 2021年1月26日印发」 ends the document; 「（2021年9月26日印发）」 quotes a notice
        before = text[max(0, m.start - 30):m.start]
        footer = bool(re.search(r"\s$", before) or _SIGNER.search(before)) and issued.match(normalize(after))
        if not (d.line or d.kind == "signature" or footer):
            continue
        when = m.as_date()
        if when <= year_end:
            yield Finding(d.span, {"found": format_date(when.year, when.month, when.day),
                                   "year_end": format_date(an.year, 12, 31), "year": an.year})


# -- date-window: a regulator's window for a named date, in YAML ----------------------------

_WINDOW_DATES = ("publication", "signature", "period-start", "period-end")
_WINDOW_BOUND = re.compile(r"^\{year(?:([+-])(\d))?\}-(\d{2})-(\d{2})$")


def _bound_fault(value) -> str | None:
    m = _WINDOW_BOUND.match(value) if isinstance(value, str) else None
    if m is None:
        return f"{value!r} is not a date relative to the report year such as \"{{year+1}}-01-31\""
    try:
        date(2021, int(m.group(3)), int(m.group(4)))  # a common year: 02-29 would not exist in most
    except ValueError:
        return f"{value!r}: no such month and day"
    return None


def validate_window(params: dict):
    if "after" not in params and "before" not in params:
        yield None, "needs `after` or `before` (or both)"
    for key in ("after", "before"):
        value = params.get(key)
        if value is None:
            continue
        for bound in (value.values() if isinstance(value, dict) else [value]):
            fault = _bound_fault(bound)
            if fault:
                yield key, fault


def _bound(value, year: int) -> date:
    sign, shift, month, day = _WINDOW_BOUND.match(value).groups()
    return date(year + (int(shift) if sign == "+" else -int(shift) if sign else 0), int(month), int(day))


def _window_bound(value, an: Analysis, year: int, lenient) -> tuple[date, str] | None:
    """The bound for the report's organ kind; by organ kind when a mapping (unknown: the lenient one)."""
    if not isinstance(value, dict):
        return _bound(value, year), ""
    if an.organ_kind in value:
        return _bound(value[an.organ_kind], year), an.organ_kind
    if not value:
        return None
    return lenient((_bound(v, year), k) for k, v in value.items())


def _named_date(an: Analysis, which: str) -> tuple[date, Span] | None:
    if which == "publication":
        d = an.publication
    elif which == "signature":
        d = next((x for x in an.dates if x.kind == "signature" and x.mention.written_complete), None)
    else:
        p = next((p for p in an.periods if not p.empty), None)
        m = None if p is None else (p.first if which == "period-start" else p.last)
        if m is None or not m.valid or m.year is None:
            return None
        return m.as_date(), p.span
    return (d.mention.as_date(), d.span) if d is not None else None


def check_window(doc, rule, ctx):
    """The named date must be later than ``after`` and earlier than ``before`` (both exclusive)."""
    an = _analysis(doc, rule, ctx)
    if an.year is None:
        return
    found = _named_date(an, rule.params["date"])
    if found is None:
        return  # no such date: the date rules of the national set say so
    when, span = found
    organs = ctx.schema(rule.params.get("organ-schema") or "organ-kinds")
    for key, broken, lenient in (("after", lambda b: when <= b, min), ("before", lambda b: when >= b, max)):
        if key not in rule.params:
            continue
        got = _window_bound(rule.params[key], an, an.year, lenient)
        if got is None or not broken(got[0]):
            continue
        bound, kind = got
        organ = (organs.get(kind) or {}).get("label", kind) if kind else ""
        yield Finding(span, {"found": format_date(when.year, when.month, when.day), "bound": format_date(bound.year, bound.month, bound.day),
                             "side": "不晚于" if key == "after" else "不早于", "organ": organ, "year": an.year})
        return


@hookimpl
def disclint_checker_kinds():
    schema = Param("schema", str, required=True, doc="the schema holding the deadlines by report year")
    organs = Param("organ-schema", str, doc="the schema holding organ kinds and name suffixes (default organ-kinds)")
    return [
        CheckerKind("impossible-date", check_impossible, params=(organs,), placeholders=("found", "reason"),
                    doc="a date that does not exist (2月30日, 13月, 4月31日)"),
        CheckerKind("statistical-period", check_period,
                    params=(Param("problem", str, required=True, doc="wrong-year | partial-year | since-founding | empty | missing",
                                          choices=("wrong-year", "partial-year", "since-founding", "empty", "missing")), organs),
                    placeholders=("found", "expected", "year", "founded"),
                    doc="the stated statistical period must run from 1月1日 to 12月31日 of the report year"),
        CheckerKind("publication-date", check_publication,
                    params=(Param("problem", str, required=True, doc="early | late", choices=("early", "late")), schema, organs),
                    placeholders=("found", "deadline", "organ", "basis", "year_end", "year"),
                    doc="the publication date must fall after the report year and by the 第四十九条 deadline"),
        CheckerKind("date-after-publication", check_after_publication, params=(organs,),
                    placeholders=("found", "reference", "against"),
                    doc="a date in the report later than its publication date (or than the checking day)"),
        CheckerKind("named-year", check_named_year,
                    params=(Param("problem", str, required=True, doc="report | notice", choices=("report", "notice")),
                            Param("report-words", list, required=True, doc="what names the annual report (年度报告)"),
                            Param("verbs", list, doc="problem report: what compiling the report is called"),
                            Param("other-report-words", list,
                                  doc="problem report: words before the year that tell of another report (按时, 将…)"),
                            Param("notice-words", list, doc="problem notice: how a notice's title ends"),
                            organs),
                    placeholders=("found", "expected", "year"),
                    doc="a year named for the report being compiled, or in a cited notice about the reports"),
        CheckerKind("dated-before-year-end", check_dated_early,
                    params=(Param("issue-words", list, required=True, doc="what follows an issuing date (印发)"), organs),
                    placeholders=("found", "year_end", "year"),
                    doc="a signature, date line or issuing date before the report year ended"),
        CheckerKind("plan-year", check_plan_year,
                    params=(Param("problem-words", list, required=True, doc="words naming the problems in the part's heading"),
                            Param("remedy-words", list, required=True, doc="words naming the remedy in the part's heading"),
                            Param("plan-verbs", list, required=True, doc="what follows 将 in a plan (采取, 继续, 进一步…)"),
                            organs),
                    placeholders=("found", "expected", "year"),
                    doc="the improvement plan must name the year after the report year"),
        CheckerKind("stats-year", check_stats_year,
                    params=(Param("stat-words", list, required=True, doc="what a statistic of the year is (制作、获取, 主动公开…)"),
                            Param("count-units", list, required=True, doc="the units a count ends in (条, 件…)"),
                            Param("other-scope-words", list, doc="words that put the figure in another period (累计, 较…)"),
                            organs),
                    placeholders=("found", "expected", "year"),
                    doc="a year heading a statistics sentence must be the report year"),
        CheckerKind("date-window", check_window,
                    params=(Param("date", str, required=True, doc="which date: the publication date, the signature date, the stated period's start or end", choices=_WINDOW_DATES),
                            Param("after", (str, dict), doc="the date must be later than this, e.g. \"{year}-12-31\" (or one such per organ kind)"),
                            Param("before", (str, dict), doc="the date must be earlier than this, e.g. \"{year+1}-02-01\" (or one such per organ kind)"),
                            organs),
                    placeholders=("found", "bound", "side", "organ", "year"),
                    doc="a named date (publication, signature, period start/end) must lie in a window relative to the report year",
                    validate=validate_window),
    ]

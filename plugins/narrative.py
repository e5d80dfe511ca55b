"""Numbers in the running text that contradict the statistical tables (B5xx; spec T3-7, E12).

A report's part 一 usually repeats the main figures of 表三 and 表四 in words
(「全年共受理政府信息公开申请75件……不予公开5件……行政复议2件」). When such a number
disagrees with the table, one of the two is wrong. This module reads only a SMALL set
of precise phrases — the table's own terms immediately followed by ``N件`` — and
compares a number only when the sentence clearly speaks of the same quantity, for the
same year and the same scope:

* applications: 收到/接收/新收…申请N件 (本年新收), 受理…申请N件 (本年新收, or 新收+上年结转),
  办结/答复/办理…N件 (（七）总计, 办理/答复 also 新收 or 新收+结转), 上年结转N件,
  结转下年度N件 / N件…顺延到下年度 / 结转至{次年}N件 (四、结转下年度继续办理);
* results: each result type of 表三 N件 — the types are the rows under 三、本年度办理结果 in the
  rule set's table3 schema (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理, their items),
  plus the other words of the ``narrative-terms`` schema (同意公开), and 予以公开及部分公开 together.
  A count whose clause names a result type is that result's, whatever its verb
  (「因无法提供相关信息答复2件」 is the 无法提供 count, not 2 applications answered): a count is
  attributed to the most specific table quantity its clause names; so is a count written before
  its result type (「1件属于“本机关不掌握相关政府信息”」), joined by a linking word of the schema;
* 表四: 行政复议N件/起, 行政诉讼N件/起 (未经复议直接起诉 + 复议后起诉), and 「均获维持」;
* 表二 (2021 format only): 现行有效…规范性文件N件, 本年制发…规范性文件N件; a row whose
  digits ran together is checked against every way of splitting it.

Skipped on purpose: percentages, 累计/历年, other years (any 「YYYY年」 other than the
report year in the clause), comparisons (较上年, 同比, 增加…), parts of the organisation
(各部门, 乡镇, 其中… before the verb), 条 (items published are not in the tables) except
right after 申请 (「收到政府信息公开申请3条」 counts applications),
numbers written in Chinese characters, and any table value the reader was unsure of.
A table value may have two readings (the 总计 cell, or the sum of the applicant columns
when they disagree or 总计 is blank): the narrative is accepted if it equals either.

A clause whose subject is an office speaking for the government (「区政府办代表区政府受理…」)
is a scope question, not an arithmetic one: a mismatch there gets its own rule.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.model import Span
from disclint.analysis.tables import fmt_num, view_for
from disclint.analysis.text import Stream, fold_text, scan_back, scan_forward, text_streams

_PLUS = "＋"
TOPICS = ("applications", "results", "review", "upheld", "normative", "normative-digits", "scope")

# --------------------------------------------------------------------------------------
# Patterns. Each gives a topic, a quantity key and the named group ``num``.

_N = r"(?<![\d.])(?<!\d,)(?P<num>\d+)(?![\d.,%])"  # not part of 3,119 or 1.5 or 20%
_LINK = r"(?:共计|共|总计|合计|数量为|数为|为|有|了)?"
_APP = r"(?:申请|依申请(?:信息)?公开(?:申请)?)"
_GAP = r"(?:[^\d,.;:。!?()\n]{0,22}?公开)?"
_AFTER = r"(?:答复|决定|申请|类|情形|的)*"

# (topic, quantity, regex) — order matters: a span matched once is not matched again
# (results come before 办结/答复, so 「同意公开答复9件」 is a result, not a count of answers)
PATTERNS: list[tuple[str, str, re.Pattern]] = [
    ("applications", "received", re.compile(r"(?P<verb>收到|接收|新收)" + _GAP + _APP + _LINK + _N + r"件")),
    ("applications", "received", re.compile(r"(?P<verb>收到|接收)" + _LINK + _N + r"件(?:政府信息公开|信息公开)?申请")),
    ("applications", "accepted", re.compile(r"(?P<verb>受理)" + _GAP + _APP + _LINK + _N + r"件")),
    ("applications", "accepted", re.compile(r"(?P<verb>受理)" + _LINK + _N + r"件(?:政府信息公开|信息公开)?申请")),
    # 条 counts published items, except right after the word 申请 itself: 「共收到政府信息公开申请3条」
    ("applications", "received", re.compile(r"(?P<verb>收到|接收|新收)" + _GAP + r"申请" + _LINK + _N + r"条")),
    ("applications", "accepted", re.compile(r"(?P<verb>受理)" + _GAP + r"申请" + _LINK + _N + r"条")),
    ("applications", "carried-in", re.compile(r"上年度?结转(?:的)?(?:政府信息公开|信息公开)?(?:申请)?" + _LINK + _N + r"件")),
    ("applications", "carried-out", re.compile(r"(?<!上年)(?<!上年度)结转(?:到|至)?下一?年度?(?:继续办理|办理)?(?:的)?(?:申请)?" + _LINK + _N + r"件")),
    ("applications", "carried-out", re.compile(r"(?<!结)转下一?年度(?:办理|答复|继续办理)*(?:的)?" + _LINK + _N + r"件")),
    ("applications", "carried-out-year", re.compile(r"结转(?:到|至)(?P<year>\d{4})年" + _LINK + _N + r"件")),
    ("applications", "carried-out", re.compile(_N + r"件(?:申请)?(?:结转(?:到|至)?下一?年度?|[^\d,.;:。!?()\n]{0,16}?顺延(?:到|至)下一?年度?)")),
    # (the results — 予以公开N件, 无法提供N件… — come here: built from the 表三 schema, see result_patterns)
    ("applications", "completed", re.compile(r"(?P<verb>办结)(?:" + _GAP + _APP + r")?" + _LINK + _N + r"件")),
    ("applications", "handled", re.compile(r"(?<!公开)(?<!提供)(?<!处理)(?P<verb>答复|办理)(?:" + _GAP + _APP + r"|" + r")" + _LINK + _N + r"件")),
    ("review", "复议", re.compile(r"(?:行政)?复议(?:案件|申请)?(?:数量|数)?" + _LINK + _N + r"(?:件|起)")),
    ("review", "诉讼", re.compile(r"(?:行政)?诉讼(?:案件)?(?:数量|数)?" + _LINK + _N + r"(?:件|起)")),
    ("normative", "现行有效件数", re.compile(r"现行有效(?:的)?(?:行政)?规范性文件" + _LINK + _N + r"件")),
    ("normative", "本年制发件数", re.compile(r"制发(?:的)?(?:行政)?规范性文件" + _LINK + _N + r"件")),
]

_RESULTS_AT = next(i for i, (_, q, _) in enumerate(PATTERNS) if q == "completed")

# --------------------------------------------------------------------------------------
# The result types: the 表三 rows under 三、本年度办理结果, named as the rule set's table3
# schema prints them (numbering and the （区分处理的…） note left out), and the other words
# reports use for them (the narrative-terms schema).

_NUMBERING = re.compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|\d+[.、．])")
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


_ITEM_TERM_MIN = 4


def result_terms(t3, aliases: dict) -> list[tuple[str, str]]:
    """(table3 key, term) of every result type and item, the most specific (longest) first."""
    out: list[tuple[str, str]] = []
    for g in t3.children("三"):
        if g in t3.totals:
            continue
        for k in [g] + t3.children(g):
            lab = t3.labels.get(k)
            if lab is None:
                continue
            term = fold_text(_NOTE.sub("", _NUMBERING.sub("", lab.canonical)))
            if k == g or len(term) >= _ITEM_TERM_MIN:  # an item called just 「3.其他」 names nothing
                out.append((k, term))
        out.extend((g, fold_text(str(a))) for a in aliases.get(g, []) or [])
    return sorted(out, key=lambda kt: -len(kt[1]))


@functools.lru_cache(maxsize=64)
def _count_first_patterns(groups: tuple[tuple[str, tuple[str, ...]], ...], items: tuple[tuple[str, str], ...],
                          links: tuple[str, ...]) -> list[tuple[str, str, re.Pattern]]:
    """「1件属于“本机关不掌握相关政府信息”」「其中2件因无法提供…」: the count before its result type,
    joined by one of the schema's linking words (or none: 「2件予以公开」)."""
    link = "(?:" + "|".join(map(re.escape, sorted(links, key=len, reverse=True))) + ")?" if links else ""
    quote = "[\"“‘「]?"
    lead = _N + "件(?:申请)?" + link + quote  # 「1件申请属于…」 too
    out = [("results", k, re.compile(lead + "(?P<term>" + re.escape(t) + ")")) for k, t in items]
    out += [("results", k, re.compile(lead + "(?P<term>" + "|".join(map(re.escape, ts)) + ")")) for k, ts in groups]
    return out


def count_first_patterns(t3, aliases: dict, links: tuple[str, ...]) -> list[tuple[str, str, re.Pattern]]:
    terms = result_terms(t3, aliases)
    keys = [g for g in t3.children("三") if g not in t3.totals]
    groups = tuple((g, tuple(t for k, t in terms if k == g)) for g in keys)
    items = tuple((k, t) for k, t in terms if k not in keys)
    return _count_first_patterns(groups, items, links)


@functools.lru_cache(maxsize=64)
def _result_patterns(groups: tuple[tuple[str, tuple[str, ...]], ...],
                     items: tuple[tuple[str, str], ...]) -> list[tuple[str, str, re.Pattern]]:
    """「予以公开及部分公开42件」 (the first two together), 「本机关不掌握相关政府信息17件」 for
    each item, then 「无法提供31件」 for each group."""
    words = {k: "(?:" + "|".join(map(re.escape, ts)) + ")" for k, ts in groups}
    keys = [k for k, _ in groups]
    out = []
    if len(keys) >= 2:
        out.append(("results", "公开+部分", re.compile(
            words[keys[0]] + r"(?:及|和|与|、|或)" + words[keys[1]] + _AFTER + _LINK + _N + r"件")))
    out += [("results", k, re.compile(re.escape(t) + _AFTER + _LINK + _N + r"件")) for k, t in items]
    out += [("results", k, re.compile(words[k] + _AFTER + _LINK + _N + r"件")) for k in keys]
    return out


def result_patterns(t3, aliases: dict) -> list[tuple[str, str, re.Pattern]]:
    terms = result_terms(t3, aliases)
    keys = [g for g in t3.children("三") if g not in t3.totals]
    groups = tuple((g, tuple(t for k, t in terms if k == g)) for g in keys)
    items = tuple((k, t) for k, t in terms if k not in keys)
    return _result_patterns(groups, items)


_CLAUSE_END = set(",;:。!?()\n、")
_SENTENCE_END = set("。;!?\n")
# a clause that is about another period, a part of the organisation, or a comparison
_OFF_SCOPE = re.compile(
    r"累计|历年|同比|较上年|比上年|较去年|比去年|去年|上一年|上年(?!度?结转)|增长|下降|减少|增加|以来|"
    r"\d+月|季度|上半年|下半年|"
    r"各部门|部门|乡镇|街道|县直|区直|市直|本级|各单位|所属|下属|分别"
)
_PART = re.compile(r"其中")
# applications counted by channel or by kind of applicant are parts of the whole
_PARTIAL_APPS = re.compile(r"网上|网络|在线|信函|当面|邮寄|邮件|传真|电话|窗口|现场|自然人|法人|企业|组织|机构")
# a unit named as the subject (「市公安局受理…」) is part of the organisation, unless it is 我局/本委
_ORG = re.compile(r"(?<![我本])(?:局|委员会|委|办公室|办公厅|政府办|中心|厅|署|公司|法院|检察院)")
_PROACTIVE = re.compile(r"主动公开|属性|审查|公文|发文|文件")
_DISCLOSURE = re.compile(r"信息公开|依申请|公开申请")
_FULL_STOP = set("。!?\n")
_YEAR = re.compile(r"(\d{4})年")
_ON_BEHALF = re.compile(r"代表")
_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|予|已)?(?:维持|胜诉)")


# --------------------------------------------------------------------------------------
# What the tables say: a value with its alternative readings and where it comes from.


@dataclass
class Reading:
    value: Decimal  # the reading shown in the message
    accepted: set[Decimal]  # every reading a narrative number may equal
    source: str  # 表三「（四）无法提供」三行合计
    parts: list[Decimal] = field(default_factory=list)  # addends shown in the message


def _row_readings(t3, key) -> tuple[Decimal, set[Decimal]] | None:
    row = t3.rows.get(key)
    if row is None or row.excluded or not row.values:
        return None
    total = row.values.get("总计")
    cols = [row.values.get(c) for c in t3.columns if c != "总计"]
    colsum = None
    if all(v is not None and v.status in ("ok", "blank") for v in cols) and any(v.status == "ok" for v in cols):
        colsum = sum((v.number if v.status == "ok" else Decimal(0)) for v in cols)
    elif all(v is not None and v.status == "blank" for v in cols) and total is not None and total.status == "blank":
        colsum = Decimal(0)
    readings = set()
    first = None
    if total is not None and total.status == "ok":
        first = total.number
        readings.add(total.number)
    if colsum is not None:
        readings.add(colsum)
        first = colsum if first is None else first
    if first is None:
        return None
    return first, readings


_COUNT = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八"}


def _short_label(canonical: str) -> str:
    return re.sub(r"（区分处理的.*$", "", canonical)


def _sum_rows(t3, keys: list[str], source: str) -> Reading | None:
    got = []
    for k in keys:
        r = _row_readings(t3, k)
        if r is None:
            return None
        got.append(r)
    value = sum((g[0] for g in got), Decimal(0))
    accepted = set()
    for combo in itertools.islice(itertools.product(*[sorted(g[1]) for g in got]), 4096):
        accepted.add(sum(combo, Decimal(0)))
    return Reading(value, accepted, source, [g[0] for g in got] if len(got) > 1 else [])


def _group(t3, key: str) -> Reading | None:
    """A 表三 row or group: a group is the sum of its item rows (or its single row, 2019 （六））."""
    if key not in t3.labels:
        return None
    label = _short_label(t3.labels[key].canonical)
    if key in t3.groups:
        if t3.orphans or t3.unknown:
            return None
        kids = [k for k in t3.children(key) if k in t3.rows]
        if not kids:
            if key in t3.rows and t3.rows[key].has_values:  # printed as one row (2019 （六）其他处理)
                return _sum_rows(t3, [key], f"表三「{label}」")
            return None
        leaves = t3.leaves_under(key)
        n = len(leaves)
        return _sum_rows(t3, leaves, f"表三「{label}」{_COUNT.get(n, str(n))}行合计")
    parent = t3.parents.get(key)
    if parent in t3.groups and parent != "三" and parent in t3.labels:  # an item: 「（四）无法提供」「1.本机关不掌握…」
        label = f"{_short_label(t3.labels[parent].canonical)}」「{label}"
    return _sum_rows(t3, [key], f"表三「{label}」")


def _t4_group_total(t4, g) -> Decimal | None:
    v = t4.values.get((g, "总计"))
    comps = [t4.values.get((g, c)) for c in t4.columns if c != "总计"]
    if v is not None and v.status == "ok":
        return v.number
    if v is not None and v.status == "blank" and all(c is not None and c.status == "blank" for c in comps):
        return Decimal(0)  # a whole group left blank (zeros not written)
    return None


def _t4_cell(t4, g, c) -> Decimal | None:
    v = t4.values.get((g, c))
    if v is None:
        return None
    if v.status == "ok":
        return v.number
    if v.status == "blank":
        return Decimal(0)
    return None


# --------------------------------------------------------------------------------------
# The analysis


@dataclass
class Claim:
    topic: str
    span: Span
    values: dict


AGREE = "agree"


def analyse(doc, ctx, trace: list | None = None) -> list[Claim]:
    """The mismatches of one document. ``trace`` (a list) receives every number read:
    ``(line, column, topic, quantity, number, outcome)`` with outcome agree | mismatch | skipped."""
    view = view_for(doc, ctx)
    if view.legacy or (ctx.year is not None and ctx.year < 2019):
        return []
    t3 = view.table3 if view.table3 and view.table3.rows else None
    t4 = view.table4 if view.table4 and not view.table4.excluded and view.table4.values else None
    out: list[Claim] = []
    aliases = _aliases(ctx)
    terms = result_terms(t3, aliases) if t3 is not None else []
    patterns = PATTERNS[:_RESULTS_AT] + (result_patterns(t3, aliases) if t3 is not None else []) + PATTERNS[_RESULTS_AT:]
    if t3 is not None:  # last: a count a verb or a result type before it has claimed is not read again
        patterns += count_first_patterns(t3, aliases, _links(ctx))
    attributed: dict[int, str] = {}  # match start → the table3 key a count was attributed to
    for st in text_streams(doc, ctx):
        taken: list[tuple[int, int]] = []
        attributed.clear()
        for topic, qty, rx in patterns:
            for m in rx.finditer(st.text):
                s, e = m.span()
                if any(s < b and a < e for a, b in taken):
                    continue
                taken.append((s, e))
                claim = _judge(st, m, topic, qty, view, t3, t4, ctx, terms, attributed)
                if isinstance(claim, Claim):
                    out.append(claim)
                if trace is not None:
                    sp = st.span(*m.span("num"))
                    outcome = "mismatch" if isinstance(claim, Claim) else (claim or "skipped")
                    q = attributed.get(m.start(), qty)
                    trace.append((sp.start.line, sp.start.column, topic, q, int(m.group("num")), outcome))
    out.sort(key=lambda c: (c.span.start.line, c.span.start.column))
    return out


def _objects(ctx) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words naming applications for disclosure, words naming other things counted in 件)."""
    try:
        data = (ctx.schema("narrative-terms") or {}).get("counted-objects") or {}
    except (KeyError, AttributeError):
        data = {}
    apps = tuple(fold_text(str(w)) for w in data.get("applications") or ["申请"])
    others = tuple(fold_text(str(w)) for w in data.get("others") or [])
    return apps, others


def _about_applications(before: str, objects: tuple[tuple[str, ...], tuple[str, ...]]) -> bool | None:
    """Whether the latest counted object named in ``before`` (the sentence up to the number) is an
    application for disclosure; None when the sentence names no counted object (「予以公开258件」
    after a sentence about applications: the passage's subject carries on)."""
    apps, others = objects
    last_app = max((before.rfind(w) for w in apps), default=-1)
    last_other = max((before.rfind(w) for w in others), default=-1)
    if last_app < 0 and last_other < 0:
        return None
    return last_app > last_other


def _links(ctx) -> tuple[str, ...]:
    try:
        return tuple(fold_text(str(w)) for w in (ctx.schema("narrative-terms") or {}).get("count-first-links") or [])
    except (KeyError, AttributeError):
        return ()


def _aliases(ctx) -> dict:
    try:
        return (ctx.schema("narrative-terms") or {}).get("result-aliases") or {}
    except (KeyError, AttributeError):
        return {}


def _judge(st: Stream, m: re.Match, topic: str, qty: str, view, t3, t4, ctx,
           terms: list[tuple[str, str]] = (), attributed: dict | None = None) -> Claim | str | None:
    """A Claim (mismatch), AGREE, or None (not compared: other scope, year, unreadable table)."""
    text = st.text
    s, e = m.span()
    cstart = scan_back(text, s, _CLAUSE_END)
    prefix = text[cstart:s]
    matched = m.group(0)
    clause = prefix + matched
    # same year (every year named in the sentence up to the number), same scope, not a comparison
    sstart = scan_back(text, s, _FULL_STOP)
    years = _YEAR.findall(text[sstart:s] + (matched if qty != "carried-out-year" else ""))
    if any(ctx.year is None or int(y) != ctx.year for y in years):
        return None
    if _OFF_SCOPE.search(clause):
        return None
    on_behalf = _ON_BEHALF.search(prefix) if topic == "applications" else None
    if _ORG.search(prefix[: on_behalf.start()] if on_behalf else prefix) and not on_behalf:
        return None
    if topic == "applications" and (_PART.search(prefix) or _PARTIAL_APPS.search(clause)):
        return None
    # the sentence must be about applications for disclosure: the last counted object it names
    # before the number is an application (「诉求累计受理2840件，已办理2840件」 counts hotline requests)
    sentence = text[sstart:e]
    if topic in ("applications", "results"):
        about = _about_applications(text[sstart:m.start("num")], _objects(ctx))
        if about is False or (about is None and "申请" not in text[max(0, s - 200):e]):
            return None
    if topic == "results" and _PROACTIVE.search(text[sstart:s]):
        return None
    if topic in ("review", "upheld") and not _DISCLOSURE.search(sentence):
        return None
    num_s, num_e = m.span("num")
    found = Decimal(m.group("num"))
    unit = text[num_e] if num_e < len(text) and text[num_e] in "件起条" else "件"
    if text[num_e + 1: num_e + 2] == "次":  # 件次: a count of visits or handlings, not of applications
        return None
    span = st.span(num_s, num_e)
    term = text[s:num_s].rstrip("共计总合数量为有了")
    if "term" in m.re.groupindex:  # count first: 「1件属于“本机关不掌握…”」 names 本机关不掌握… 1件
        term = m.group("term")
    if qty == "carried-out" and m.group(0)[0].isdigit():
        term = text[num_e:e].lstrip("件").rstrip("申请") or "结转下年度"
        term = "结转下年度" if "结转" in term else "顺延到下年度"

    def claim(code_topic: str, reading: Reading, detail: str = "", claim_text: str | None = None) -> Claim:
        d = detail
        shown = [p for p in reading.parts if p]
        if not d and len(shown) >= 2:  # the addends, zeros left out: （265＋47＋25）
            d = "（" + _PLUS.join(fmt_num(p) for p in shown) + "）"
        return Claim(code_topic, span, {
            "claim": claim_text if claim_text is not None else term, "found": fmt_num(found), "unit": unit,
            "source": reading.source, "expected": fmt_num(reading.value), "detail": d,
        })

    if topic == "applications" and t3 is not None and qty in ("received", "accepted", "handled", "completed"):
        # 「因无法提供相关信息答复2件」: the clause names a result type, so the count is that
        # result's, not the number of applications answered
        named = text[cstart:num_s]
        key = next((k for k, t in terms if t in named), None)
        if key is not None:
            if attributed is not None:
                attributed[m.start()] = key
            reading = _group(t3, key)
            if reading is None:
                return None
            if found in reading.accepted:
                return AGREE
            return claim("results", reading, claim_text=named.rstrip("共计总合数量为有了"))

    if topic == "applications":
        if t3 is None:
            return None
        new = _group(t3, "一")
        carried = _group(t3, "二")
        if qty in ("received", "accepted", "handled"):
            if new is None:
                return None
            accepted = set(new.accepted)
            both = None
            if carried is not None:
                both = {a + b for a in new.accepted for b in carried.accepted}
                if qty in ("accepted", "handled"):
                    accepted |= both
            if qty == "handled":
                total = _group(t3, "三.七")
                if total is not None:
                    accepted |= total.accepted
            if found in accepted:
                return AGREE
            if on_behalf:
                subject = prefix[: on_behalf.start()]
                detail = f"（正文所述是「{subject}」代为受理的申请，与统计表的统计范围不一致）" if subject else "（正文所述范围与统计表不一致）"
                return claim("scope", new, detail, claim_text=prefix + term)
            detail = ""
            if both is not None and found in both and carried.value:
                detail = (f"（{fmt_num(found)}件是本年新收{fmt_num(new.value)}件与上年结转{fmt_num(carried.value)}件之和，"
                          f"上年结转的申请不是本年{m.group('verb')}的）")
            return claim("applications", new, detail)
        if qty == "completed":
            total = _group(t3, "三.七")
            if total is None:
                return None
            if found in total.accepted:
                return AGREE
            return claim("applications", total)
        if qty == "carried-in":
            if carried is None:
                return None
            if found in carried.accepted:
                return AGREE
            return claim("applications", carried)
        if qty in ("carried-out", "carried-out-year"):
            if qty == "carried-out-year" and (ctx.year is None or int(m.group("year")) != ctx.year + 1):
                return None
            out_ = _group(t3, "四")
            if out_ is None:
                return None
            if found in out_.accepted:
                return AGREE
            return claim("applications", out_)
        return None

    if topic == "results":
        if t3 is None:
            return None
        if qty == "公开+部分":
            a, b = _group(t3, "三.一"), _group(t3, "三.二")
            if a is None or b is None:
                return None
            reading = Reading(a.value + b.value, {x + y for x in a.accepted for y in b.accepted},
                              "表三「（一）予以公开」「（二）部分公开」两行合计", [a.value, b.value])
        else:
            reading = _group(t3, qty)
            if reading is None:
                return None
        if found in reading.accepted:
            return AGREE
        return claim("results", reading)

    if topic == "review":
        if t4 is None:
            return None
        before = text[max(0, s - 4):s]
        if qty == "诉讼" and re.search(r"复议[、和及与]$|复议[、和及与]行政$", before):
            return None  # 「行政复议、行政诉讼案件N件」: the two together
        if qty == "复议":
            total = _t4_group_total(t4, "复议")
            groups = ["复议"]
            source = "表四「行政复议」「总计」"
        else:
            a, b = _t4_group_total(t4, "直接起诉"), _t4_group_total(t4, "复议后起诉")
            total = None if a is None or b is None else a + b
            groups = ["直接起诉", "复议后起诉"]
            source = "表四行政诉讼「未经复议直接起诉」「复议后起诉」两项「总计」合计"
        if total is None:
            return None
        if found != total:
            parts = [] if qty == "复议" else [a, b]
            return claim("review", Reading(total, {total}, source, parts))
        # the count agrees; a claim that all were upheld must agree with 结果维持
        if _UPHELD.search(text[e:scan_forward(text, e, _SENTENCE_END)]):
            kept = [_t4_cell(t4, g, "维持") for g in groups]
            if any(k is None for k in kept):
                return None
            upheld = sum(kept, Decimal(0))
            if upheld == total:
                return AGREE
            others = []
            for c in t4.columns:
                if c in ("维持", "总计"):
                    continue
                vals = [_t4_cell(t4, g, c) for g in groups]
                if any(v is None for v in vals):
                    continue
                n = sum(vals, Decimal(0))
                if n:
                    others.append(f"{t4.column_labels[c]}{fmt_num(n)}件")
            src = "表四「行政复议」「结果维持」" if qty == "复议" else "表四行政诉讼「结果维持」"
            detail = "（另有" + "、".join(others) + "）" if others else ""
            return Claim("upheld", span, {"claim": term, "found": fmt_num(found), "unit": unit, "source": src,
                                          "expected": fmt_num(upheld), "detail": detail})
        return AGREE

    if topic == "normative":
        if view.format_mismatch or not view.table2:
            return None
        for blk in view.table2.values():
            if qty not in blk.columns:
                continue
            j = blk.columns.index(qty)
            row = blk.rows.get("行政规范性文件")
            if row is None or row.row is None:
                return None
            where = f"表二{blk.label}「{row.label.canonical}」行「{qty}」"
            if not row.excluded and row.values:
                v = row.values.get(qty)
                if v is None or v.status != "ok":
                    return None
                if v.number == found:
                    return AGREE
                return claim("normative", Reading(v.number, {v.number}, where))
            # digits that ran together: does ANY split give this number in this column?
            cells = []
            for c in row.row.values:
                if c is not None and not c.blank and c not in cells:
                    cells.append(c)
            if len(cells) != 1:
                return None
            digits = re.sub(r"\s+", "", cells[0].text)
            if not digits.isdigit():
                return None
            if any(split[j] == str(found) for split in _splits(digits, len(blk.columns))):
                return AGREE
            return Claim("normative-digits", span, {
                "claim": term, "found": fmt_num(found), "unit": unit, "source": f"表二{blk.label}「{row.label.canonical}」行",
                "digits": digits, "column": qty, "expected": "", "detail": ""})
        return None
    return None


def _splits(digits: str, n: int):
    """Every way to cut a digit string into ``n`` numbers (no leading zeros)."""
    if n == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield (digits,)
        return
    for i in range(1, len(digits) - n + 2):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _splits(digits[i:], n - 1):
            yield (head,) + rest


# --------------------------------------------------------------------------------------


def check_narrative(doc, rule, ctx):
    topic = rule.params["topic"]
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r} (known: {', '.join(TOPICS)})")
    for c in ctx.cached("narrative", lambda: analyse(doc, ctx)):
        if c.topic == topic:
            yield Finding(c.span, c.values)


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "narrative-number", check_narrative,
            params=(Param("topic", str, required=True, doc=" | ".join(TOPICS), choices=tuple(TOPICS)),),
            placeholders=("claim", "found", "unit", "source", "expected", "detail", "digits", "column"),
            doc="正文中引用的申请数、办理结果、复议诉讼数、规范性文件数与统计表不一致",
        ),
    ]

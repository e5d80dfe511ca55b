"""Arithmetic inside the running text (B701–B703): a stated total and its stated parts.

Reports give a total and its breakdown in one passage:

* 「制作、获取政府信息总数3978条，其中主动公开政府信息2026条，作为依申请公开信息数46条，不予公开信息数1854条」
* 「2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，占73%。各乡镇主动公开政府信息534条，占27%」
* 「在…网站主动公开的2026条政府信息中，机构职能…信息161条，占7.9%；…」
* 「（二）主动公开政府信息的主要类别……主要类别有：机构职能类信息594条，……其他应主动公开的信息946条」

and, for a handled count, 「共受理审批事项117件，办结171件」.

Where a passage's total comes from (its *modes*):

* ``other``  — 「…N条，其中…」 / 「…N条（其中…）」: the count ending the clause right before 其中;
  「…。其中…」 at a sentence start: the count of the previous sentence (when that sentence
  states several different counts, which one is meant is unknown, and nothing is compared);
* ``among``  — 「…的N条政府信息中，…」: N;
* ``refer``  — 「主动公开政府信息的主要类别有：」 and 「主动公开的政府信息，…」: the latest count
  stated earlier whose label is just 主动公开政府信息 (year and 全区/我区 prefixes aside);
  likewise a category list with no total of its own whose lead clause names the kind
  (「全年通过网站主动公开政策，A类5条，…，其他应主动公开的政府信息2条」 after 「主动公开信息数169」);
* ``lead``   — no 其中 at all: 「我局主动公开政府信息96条，公开类别主要涉及A类1条、…、其他类10条」,
  the first item of a list ending in its residual category is the total of the kind.
  The words (the kind, the three kinds of all information, units that count alike) are
  the rule set's ``text-lists`` schema.

The parts are the counts that follow, one per item, in the total's unit (or one counting alike:
a piece of information is 一条 or 一份), each with an optional
share (「，占27%」, 「（17.46%）」). The list ends at a sentence end (it runs on across 「。」
only when the next sentence opens with another item of the same kind — same label ending,
with a share as the others have), at a stronger separator than the one between its items
(「；」 after items split by 「，」 — unless the list runs on to its residual 其他 item: then the
items are written in groups), at an item that starts a new total (共/合计/累计…, or is
followed by its own 其中), at an item with no share where the others have one, and at any
text between items that is not a label. Text in brackets after an item (「（含…）」,
「（政府预决算32条、…）」) belongs to that item and is not added.

Exhaustive or not (B701 compares only exhaustive lists):

1. the last item is a residual category (其他/其它…): the items partition the total;
2. every item gives its share and the shares add up to 100% (within the rounding of the
   shares as written);
3. the items are the three kinds every piece of information made or obtained falls into
   under the 2008 条例 template: 主动公开, 依申请公开, 不予公开 — each named by exactly one
   item, two of them possibly merged into one (「依申请公开及不予公开319份」);
4. every item gives its share of the total named in the passage, there are at least three
   items, and together they cover at least 90% of the total: the list is meant as the
   breakdown of the total, and a shortfall is an error (018: 421 of 425, 021: 1700 of 1853);
   a list covering less is a selection of 主要类别 and is not compared (019: 1175 of 2026,
   023: 911 of 1913 — their shares, written by the report itself, add up to 58% and 48%).

Anything else — 「其中包括」, 「主要有」, a single item, a list without shares or residual — is not
compared, and a total written as 约/近/超/逾 N is approximate. A list ending in 等 (an item ending in
it or followed by it: 「其他文件共54条等」) may leave items out, so a sum below its total is not
reported; when the list is whole but for the 等 (by the tests above), a sum ABOVE the total still is:
等 can explain missing items, never extra ones.

A first item equal to the total followed by the real items restates it (「在…的90条政府信息中，
全文电子化的…共90条，A类1条；…」) and is not a part.

A share belongs to the nearest total before it: the nearest earlier item of the list that states
no share of its own and is not smaller (「其中行政许可57项，实现…的45项，占78.9%」 is 45 of 57),
else the passage's total; a share right against the passage's total is accepted as well.
A share is checked against part ÷ total at the precision the text writes it (27% → whole
percent, 8.05% → two decimals): it is wrong when it differs from the correctly rounded value
(half up; half to even also accepted) by one unit of its last digit or more. 534/1913 = 27.91%
written 27% is wrong (should be 28%); 1509/2122 = 71.11% written 71.11% is right.

A part larger than its total (B703) is always wrong; when it happens the passage's sum and
shares are not reported besides (they are computed against a total that is itself in doubt).
办结 more than 受理 in the same sentence is the same error, unless the sentence mentions
cases carried over (结转/上年), which may legitimately be completed this year.

Tables are not read (the statistical tables have their own checks).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.model import Span
from disclint.resources import rules_dir
from disclint.analysis.text import Stream, fold_text, scan_back, text_streams  # noqa: F401  (fold_text: for tests)

TOPICS = ("sum", "share", "exceeds")
_PLUS = "＋"

# --------------------------------------------------------------------------------------
# Counts: a number with a counting unit, and the share written after it.

_UNITS = "人次|件|条|个|项|篇|份|起"
_COUNT = re.compile(r"(?<![\d.])(?<!\d,)(\d{1,12})(?![\d.])(" + _UNITS + r")(?!次)")
# 「，占27%」「，占比6.95%」「，约占…」 / 「（17.46%）」「（26.78%，含…）」 / 「，2.04%占」
_SHARE = re.compile(
    r"(?:,(?:占比?|约占|占总数的?)(?P<a>\d+(?:\.\d+)?)%"
    r"|\((?P<b>\d+(?:\.\d+)?)%(?=[,)])"
    r"|,(?P<c>\d+(?:\.\d+)?)%占)"
)
_BARE = re.compile(r"(?<=数)(?<![\d.])(\d{1,12})(?=[。,;])")
_SEP_RANK = {"、": 1, ",": 2, ";": 3}
_LABEL_BAD = re.compile(r"[\d。;,:!?()\n\"]")
_NEW_TOTAL = re.compile(r"^(?:共计|共|合计|总计|累计|另有|另|此外|同时|以及|全年|今年)")
_RESIDUAL = re.compile(r"^(?:其他|其它)")
# 「工作进展动态和其他应主动公开的政府信息」: the residual category merged into the last item
_RESIDUAL_JOINED = re.compile(r"(?:和|及|以及|与)(?:其他|其它)[^,;。]*(?:信息|类)$")
_APPROX = re.compile(r"(?:约|近|超|逾|超过|大约|将近)(?:有|为|达|计|共)?$")
_HEAD = "主动公开政府信息"
_SCOPE_TAIL = re.compile(r"(?:全区|全县|全市|我区|我县|我市|本区|本县|今年|全年|共|新增)+$")
_SENTENCE_MAX = 400  # a sentence stating the total of a following 「其中」 is short
_NOT_ALL = re.compile(r"包括|主要有|主要是|如")
_PART_HEADING = re.compile(r"(?<![一二三四五六七八九十第(（])[一二三四五六七八九十]{1,2}、")


@dataclass(frozen=True)
class Vocab:
    """The words a list is judged by, from the rule set's ``text-lists`` schema."""

    kinds: tuple[str, ...]  # the kinds that partition all information made or obtained
    alike: tuple[frozenset[str], ...]  # units that count the same things (条 / 份)
    proactive: str  # what a total of proactively disclosed information is called
    overlap: tuple[str, ...] = ()  # words saying the items may overlap (「有交叉」「含」)
    channels: tuple[str, ...] = ()  # publishing channels: one item may be published in several

    @classmethod
    def of(cls, schema: dict) -> "Vocab":
        return cls(tuple(schema["information-kinds"]), tuple(frozenset(g) for g in schema.get("alike-units", [])),
                   str(schema["proactive-kind"]), tuple(schema.get("overlap-markers", ())),
                   tuple(schema.get("channel-words", ())))

    def same_unit(self, a: str, b: str) -> bool:
        return a == b or any(a in g and b in g for g in self.alike)


@functools.lru_cache(maxsize=1)
def default_vocab() -> Vocab:
    """The shipped rule set's vocabulary (for callers without a rule set: tests, tools)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((rules_dir() / "textmath.yaml").read_text(encoding="utf-8"))
    return Vocab.of(data["schemas"]["text-lists"])


def vocab_of(ctx) -> Vocab:
    if ctx is None:
        return default_vocab()
    try:
        return Vocab.of(ctx.schema("text-lists"))
    except KeyError:
        return default_vocab()


@dataclass
class Count:
    start: int  # the number in the stream
    end: int
    value: int
    unit: str
    after: int  # just after the unit
    share: tuple[Decimal, str, int, int] | None = None  # value, as written, start, end
    tail: int = 0  # just after the share / the bracket that follows
    etc: bool = False  # 「54条等」: 等 right after the count (or its share/bracket) leaves the list open

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass
class Part:
    count: Count
    label: str


@dataclass
class Passage:
    mode: str  # other | among | refer
    total: Count
    total_label: str
    parts: list[Part] = field(default_factory=list)
    selective: bool = False  # 其中包括 / 主要有: not meant as the whole
    approx: bool = False
    named: list[str] = field(default_factory=list)  # categories a sentence between total and 其中 names


@dataclass
class Problem:
    topic: str
    span: Span
    values: dict


def _counts(text: str) -> list[Count]:
    out = []
    found = [(m.start(1), m.end(1), m.group(1), m.group(2), m.end()) for m in _COUNT.finditer(text)]
    # 「不予公开信息数1402。」: an item named …数 may leave its unit out (it takes the list's)
    found += [(m.start(1), m.end(1), m.group(1), "", m.end(1)) for m in _BARE.finditer(text)]
    for start, end, num, unit, after in sorted(found):
        c = Count(start, end, int(num), unit, after)
        pos = c.after
        sm = _SHARE.match(text, pos)
        if sm:
            g = next(k for k in "abc" if sm.group(k) is not None)
            c.share = (Decimal(sm.group(g)), sm.group(g), sm.start(g), sm.end(g))
            pos = sm.end()
            if g == "b":  # 「（26.78%，含…）」: skip to the bracket's end
                close = text.find(")", pos)
                pos = close + 1 if close != -1 and close - pos < 40 else pos
        if pos < len(text) and text[pos] == "(":
            close = text.find(")", pos)
            if close != -1 and close - pos < 80 and "(" not in text[pos + 1:close]:
                pos = close + 1
        c.tail = pos
        c.etc = text[c.after:c.after + 1] == "等" or text[pos:pos + 1] == "等"
        out.append(c)
    return out


_LABEL_STOPS = set(",;。:!?()\n、")


def _label_before(text: str, start: int, limit: int = 40) -> str:
    """The words from the clause start to ``start`` (the label of the count there)."""
    return text[scan_back(text, start, _LABEL_STOPS, limit):start]


def _clean_label(label: str) -> str:
    label = re.sub(r"^(?:其中|共计|共|为)", "", label)
    return re.sub(r"(?:共计|共|为|有|达|数为|数量为)$", "", label)


def _short(label: str) -> str:
    s = re.sub(r"^(?:作为|其中|在)", "", _clean_label(label))
    s = re.sub(r"(?:的)?(?:政府信息|信息数|信息|申请数|答复数|数)$", "", s)
    return s or label


# --------------------------------------------------------------------------------------
# Finding the passages


def _is_head_total(label: str) -> bool:
    """「2014年主动公开政府信息」「（一）…的数量2016年全区主动公开政府信息」, not 「各乡镇主动公开政府信息」."""
    lab = _clean_label(label)
    if not lab.endswith(_HEAD):
        return False
    prefix = _SCOPE_TAIL.sub("", lab[: -len(_HEAD)])
    return prefix == "" or prefix.endswith("年")


def _is_residual(label: str) -> bool:
    """「其他应主动公开的政府信息」, 「工作进展动态和其他应主动公开的政府信息」."""
    lab = _clean_label(label)
    return bool(_RESIDUAL.match(lab) or _RESIDUAL_JOINED.search(lab))


def _parts(text: str, counts: list[Count], idx: int, pos: int, total: Count, vocab: Vocab | None = None) -> list[Part]:
    """The items from ``pos`` on; ``idx`` is the first count at or after ``pos``.

    A stronger separator than the one between the items so far (「；」 after 「，」) ends the
    list — unless the list runs on to its residual item (「其他…」): then the items are
    the categories of the total, written in groups, and all of them count."""
    vocab = vocab or default_vocab()
    parts: list[Part] = []
    rank = 0  # the separator between items, once seen
    cut = None  # how many items there were before the first stronger separator
    j = idx
    while j < len(counts):
        c = counts[j]
        if c.start < pos:  # inside the bracket after the previous item
            j += 1
            continue
        if c.start - pos > 45:  # more than a label between two items
            break
        gap = text[pos:c.start]
        cont = False
        if parts:
            if gap[:1] == "。":  # runs on only with another item of the same kind
                cont = True
                gap_label = gap[1:]
                sep_rank = 4
            else:
                sep = gap[:1]
                if sep not in _SEP_RANK:
                    break
                sep_rank = _SEP_RANK[sep]
                gap_label = gap[1:]
        else:
            gap_label = gap
            sep_rank = 0
        label = gap_label
        if not label or _LABEL_BAD.search(label) or len(label) > 40:
            break
        if _NEW_TOTAL.match(label):
            break
        if not vocab.same_unit(c.unit, total.unit) and not (c.unit == "" and parts):
            break
        if re.match(r"[,(]?其中", text[c.tail:c.tail + 3]) or text[c.after:c.after + 3].startswith("(其中"):
            break  # starts a list of its own
        if parts:
            if cont:
                first = parts[0]
                if not (first.count.share and c.share) or len(label) < 4 or not first.label.endswith(label[-4:]):
                    break
            else:
                if rank and sep_rank > rank:
                    if cut is None:
                        cut = len(parts)
                    rank = sep_rank
                rank = rank or sep_rank
            if parts[0].count.share and not c.share:
                break
        parts.append(Part(c, label))
        pos = c.tail
        j += 1
    if cut is not None and not _is_residual(parts[-1].label):
        parts = parts[:cut]
    return parts


def find_passages(text: str, vocab: Vocab | None = None) -> list[Passage]:
    vocab = vocab or default_vocab()
    counts = _counts(text)
    starts = [c.start for c in counts]
    totals = [c for c in counts if c.unit]  # an item without a unit is never a total
    total_afters = [c.after for c in totals]
    out: list[Passage] = []

    def first_at(pos: int) -> int:
        return bisect.bisect_left(starts, pos)

    # 其中
    for m in re.finditer(r"其中(?:包括|主要有|有)?[,:]?", text):
        selective = bool(_NOT_ALL.search(m.group(0)))
        total = None
        named: list[str] = []
        end = m.start()
        while end > 0 and text[end - 1] in "(,":
            end -= 1
        if end == 0 or text[end - 1] in "。\n":
            # at a sentence start: the previous sentence's counts outside brackets, all the same
            s_end = end - 1
            lo = max(0, s_end - _SENTENCE_MAX - 1)
            s_start = max(text.rfind("。", lo, s_end), text.rfind("\n", lo, s_end)) + 1
            if s_end > 0 and (s_start > lo or lo == 0):
                lo_k, hi_k = bisect.bisect_left(total_afters, s_start), bisect.bisect_left(total_afters, s_end)
                prev = [c for c in totals[lo_k:hi_k + 1] if s_start <= c.start < s_end and not _in_brackets(text, s_start, c.start)]
                if prev and len({(c.value, c.unit) for c in prev}) == 1:
                    total = prev[-1]
                elif not prev:
                    total, named = _total_before(text, s_end + 1, totals, total_afters, vocab.proactive)
        else:
            k = bisect.bisect_right(total_afters, end)
            if k:
                c = totals[k - 1]
                gap = text[c.tail if c.tail <= end else c.after:end] if end - c.after <= 60 else "-" * 13
                if len(gap) <= 12 and not re.search(r"[\d。;,:!?()\n]", gap):
                    total = c
        if total is None:
            continue
        label = _label_before(text, total.start)
        parts = _parts(text, counts, first_at(m.end()), m.end(), total, vocab)
        out.append(Passage("other", total, label, parts, selective, bool(_APPROX.search(label)), named))
    # 「…的N条政府信息中，」
    by_start = {c.start: c for c in totals}
    for m in re.finditer(r"(?<![\d.])(\d{1,12})(" + _UNITS + r")[^\d,;。:()\n]{0,10}中[,:]", text):
        total = by_start.get(m.start(1))
        if total is None:
            continue
        label = _label_before(text, total.start)
        parts = _parts(text, counts, first_at(m.end()), m.end(), total, vocab)
        out.append(Passage("among", total, label, parts))
    # 「主动公开政府信息的主要类别有：」「主动公开的政府信息，」: the total stated before
    heads = [c for c in totals if _is_head_total(_label_before(text, c.start))]
    head_ends = [c.end for c in heads]
    for m in re.finditer(r"主动公开(?:的)?政府信息的?主要类别(?P<verb>有|为|包括|主要有)?[:,]|主动公开的政府信息[,:]", text):
        k = bisect.bisect_right(head_ends, m.start())
        if not k:
            continue
        total = heads[k - 1]
        parts = _parts(text, counts, first_at(m.end()), m.end(), total, vocab)
        out.append(Passage("refer", total, _HEAD, parts, selective=(m.group("verb") or "") in ("包括",)))
    out.extend(_led_lists(text, counts, out, vocab))
    for p in out:
        _drop_restatement(p)
    return out


_CUMULATIVE = re.compile(r"累计|历年|以来")
_NAMES_AFTER = re.compile(r"(?:涉及|包括|包含|主要有|主要为|分为|有|为|:)")
_NAME_SEP = re.compile(r"、|以及|和|及")
_WALK_SENTENCES = 3  # sentences a 「。其中」 may look back over for its total


def _total_before(text: str, after: int, totals: list[Count], total_afters: list[int], kind: str) -> tuple[Count | None, list[str]]:
    """「主动公开政府信息475条。历年累计…2979条。…类别主要涉及A、B…。其中A类159条…」: the sentence
    before 「其中」 states no count, so the total is the latest 主动公开 total before it — across
    sentences that state no count or only cumulative ones (累计/历年), never across a part heading.
    Also returns the categories the sentence right before 「其中」 names (「主要涉及A、B…」)."""
    named: list[str] = []
    first = True
    end = after - 1  # the 「。」 ending the sentence right before 「其中」
    for _ in range(_WALK_SENTENCES):
        if end <= 0:
            break
        lo = max(0, end - _SENTENCE_MAX - 1)
        start = max(text.rfind("。", lo, end), text.rfind("\n", lo, end)) + 1
        if start <= lo and lo > 0:
            break
        sentence = text[start:end]
        lo_k, hi_k = bisect.bisect_left(total_afters, start), bisect.bisect_left(total_afters, end)
        here = [c for c in totals[lo_k:hi_k + 1] if start <= c.start < end and not _in_brackets(text, start, c.start)]
        if first:
            m = None
            for m in _NAMES_AFTER.finditer(sentence):
                pass
            if m is not None and not here:
                named = [n for n in _NAME_SEP.split(sentence[m.end():]) if 2 <= len(n) <= 16]
            if not here and not named and kind not in sentence:
                break  # the sentence before 「其中」 is about something else: the list is not the total's
            first = False
        heads = [c for c in here if _is_head_total(_label_before(text, c.start))]
        if _PART_HEADING.search(text[heads[-1].end if heads else start:end]):
            break  # the total must be in the part the list is in
        if heads and len({(c.value, c.unit) for c in heads}) == 1 and all(
            c in heads or _CUMULATIVE.search(_label_before(text, c.start)) for c in here
        ):
            return heads[-1], named
        if any(not _CUMULATIVE.search(_label_before(text, c.start)) for c in here):
            break
        end = start - 1
    return None, []


def _names_match(p: Passage) -> bool:
    """Every item is one of the categories named before the list, one to one (「主要涉及A、B、C。其中A类…，B类…，C类…」)."""
    labels = [_short(x.label) for x in p.parts]
    if len(p.named) < 3 or len(p.named) != len(labels):
        return False
    hits = [[i for i, lab in enumerate(labels) if n in lab] for n in p.named]
    if any(len(h) != 1 for h in hits):
        return False
    return sorted(h[0] for h in hits) == list(range(len(labels)))


_KIND_SCOPE = re.compile(r"^(?:\d{4}年度?|全区|全县|全市|我区|我县|我市|本区|本县|今年|全年|本年度?|共|新增|"
                         r"我局|本局|我委|本委|我办|本办|本机关|我单位|本单位)*")
_KIND_TAIL = re.compile(r"^(?:的)?(?:政府)?(?:信息)?(?:数|总数)?(?:共计|共|为|有|达)?$")


def _is_kind_head(label: str, vocab: Vocab) -> bool:
    """「我局主动公开政府信息」「政府信息主动公开」「主动公开信息数」: the total of the kind,
    not a part of it (「县直各单位主动公开…」) nor a category (「主动公开政策…类」)."""
    lab = _KIND_SCOPE.sub("", _clean_label(label))
    at = lab.find(vocab.proactive)
    if at < 0:
        return False
    before = _KIND_SCOPE.sub("", lab[:at])
    return before in ("", "政府信息") and bool(_KIND_TAIL.match(lab[at + len(vocab.proactive):]))


def _chain(text: str, counts: list[Count], i: int, vocab: Vocab) -> list[tuple[Count, str]]:
    """The items joined to ``counts[i]`` by 、，； and a bare label: (count, its label)."""
    first = counts[i]
    out = [(first, _label_before(text, first.start))]
    pos = first.tail
    j = i + 1
    while j < len(counts) and len(out) < 200:
        c = counts[j]
        if c.start < pos:  # inside the bracket after the previous item
            j += 1
            continue
        gap = text[pos:c.start]
        label = gap[1:]
        if (gap[:1] not in _SEP_RANK or not label or len(label) > 40 or _LABEL_BAD.search(label)
                or _NEW_TOTAL.match(label) or not vocab.same_unit(c.unit, first.unit)):
            break
        out.append((c, label))
        pos = c.tail
        j += 1
    return out


def _led_lists(text: str, counts: list[Count], found: list[Passage], vocab: Vocab) -> list[Passage]:
    """Category lists with no 「其中」 that end in their residual category:

    * 「我局主动公开政府信息96条，公开类别主要涉及A类信息1条、…、其他类信息10条」: the first
      item is the total of the kind and the others are its parts (mode ``lead``);
    * 「…；全年通过网站主动公开政策，A类信息5条，…，其他应主动公开的政府信息2条」: the lead
      clause names the kind; the total is the one stated just before (mode ``refer``).
    A list whose items name the kinds themselves (依申请公开…) is not a list of categories."""
    taken = {x.count.start for p in found for x in p.parts}
    heads = [c for c in counts if _is_kind_head(_label_before(text, c.start), vocab)]
    head_starts = [c.start for c in heads]
    index = {id(c): k for k, c in enumerate(counts)}
    out: list[Passage] = []
    i = 0
    while i < len(counts):
        if not counts[i].unit:
            i += 1
            continue
        chain = _chain(text, counts, i, vocab)
        i = index[id(chain[-1][0])] + 1
        k = next((n for n, (_, lab) in enumerate(chain) if n and _is_residual(lab)), None)
        if k is None or any(c.start in taken for c, _ in chain[:k + 1]):
            continue
        h = next((n for n in range(k - 1, -1, -1) if _is_kind_head(chain[n][1], vocab)), None)
        head, head_label = chain[h if h is not None else 0]
        if h is not None:  # 「制作政务信息1527条，主动公开政府信息23条，A类0条，…」: the last head before the items
            p = Passage("lead", head, head_label, [Part(c, lab) for c, lab in chain[h + 1:k + 1]])
        else:
            lead_end = head.start - len(head_label)
            lead_from = scan_back(text, lead_end, set("。\n;"), 60)
            n = bisect.bisect_left(head_starts, head.start)
            if vocab.proactive not in text[lead_from:lead_end] or not n or head.start - heads[n - 1].start > _SENTENCE_MAX:
                continue
            p = Passage("refer", heads[n - 1], _HEAD, [Part(c, lab) for c, lab in chain[:k + 1]])
        if len(p.parts) < 2 or any(w in _clean_label(x.label) for x in p.parts[:-1] for w in vocab.kinds):
            continue  # 「依申请公开10条，不予公开5条」: the kinds, not categories of one kind
        out.append(p)
    return out


def _drop_restatement(p: Passage) -> None:
    """「在主动公开的90条政府信息中，全文电子化的主动公开信息数共90条，A类1条；…」: a first
    item equal to the total, followed by the real items, says the total again."""
    if len(p.parts) >= 3 and p.parts[0].count.value == p.total.value and sum(x.count.value for x in p.parts[1:]):
        p.parts = p.parts[1:]


def _in_brackets(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") > seg.count(")")


# --------------------------------------------------------------------------------------
# Judging a passage


def _open_by_etc(p: Passage) -> bool:
    """The list ends in 等 (an item's label or right after its count)."""
    return any(x.label.endswith("等") or x.count.etc for x in p.parts)


def _exhaustive(p: Passage, vocab: Vocab | None = None, etc_open: bool = True) -> str | None:
    """Why the list is the whole of its total (None: it may be a selection).

    With ``etc_open=False`` a closing 等 is disregarded: whether the list would be whole
    without it (the list is then whole but for items it leaves out, see :func:`judge`)."""
    vocab = vocab or default_vocab()
    if p.selective or (etc_open and _open_by_etc(p)):
        return None
    labels = [_clean_label(x.label) for x in p.parts]
    if _is_residual(labels[-1]):
        return "residual"
    shares = [x.count.share for x in p.parts]
    if all(shares):
        tol = sum(Decimal(1).scaleb(-_decimals(s[1])) / 2 for s in shares)
        if abs(sum(s[0] for s in shares) - 100) <= tol:
            return "shares"
    # 「主动公开…，依申请公开…，不予公开…」 or 「主动公开380份，依申请公开及不予公开319份」:
    # each kind named by exactly one item, every item naming a kind
    named = [[k for k in vocab.kinds if k in lab] for lab in labels]
    if all(named) and sorted(k for ks in named for k in ks) == sorted(vocab.kinds):
        return "partition"
    if p.named and _names_match(p):
        return "named"
    if all(shares) and p.mode in ("other", "among") and len(labels) >= 3:
        if sum(x.count.value for x in p.parts) * 10 >= p.total.value * 9:
            return "coverage"
    return None


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def _share_base(p: Passage, i: int) -> Count:
    """The total a share of ``p.parts[i]`` is of: the nearest count before it in the list that
    states no share itself and is not smaller (「其中行政许可57项，…45项，占78.9%」: of the
    57), else the passage's total. Items that state shares are siblings, not totals."""
    x = p.parts[i].count
    for y in reversed(p.parts[:i]):
        if y.count.share is None and y.count.value >= x.value:
            return y.count
    return p.total


def _share_ok(part: int, base: int, written: str, stated: Decimal) -> tuple[bool, Decimal, Decimal]:
    q = Decimal(1).scaleb(-_decimals(written))
    exact = Decimal(part) * 100 / Decimal(base)
    ok = {exact.quantize(q, ROUND_HALF_UP), exact.quantize(q, ROUND_HALF_EVEN)}
    return stated in ok, exact, exact.quantize(q, ROUND_HALF_UP)


_OVERLAP_AFTER = 12  # 「……6条（有交叉）」: a remark right after the list still speaks of it


def _may_overlap(text: str, p: Passage, vocab: Vocab) -> bool:
    """Whether the items of a list not known to be whole may count one thing twice, so that
    their sum may exceed the total: the text says so (overlap markers from the total to just
    after the list), two or more items are publishing channels, the excess is exactly one
    item, or an item states its share of an earlier item (a part of it, not a sibling)."""
    last = p.parts[-1].count
    span = text[min(p.total.start, p.parts[0].count.start):last.tail + _OVERLAP_AFTER]
    if any(w in span for w in vocab.overlap):
        return True
    if sum(any(w in x.label for w in vocab.channels) for x in p.parts) >= 2:
        return True
    # the excess is exactly one item (「2139条，其中动态类1744条，政务信息393条，解读类21条，…2条」):
    # that item is most likely counted inside another one as well, not a wrong number
    excess = sum(x.count.value for x in p.parts) - p.total.value
    if any(x.count.value == excess for x in p.parts):
        return True
    return any(_share_base(p, i) is not p.total for i, x in enumerate(p.parts) if x.count.share)


def judge(st: Stream, p: Passage, vocab: Vocab | None = None) -> list[Problem]:
    out: list[Problem] = []
    if not p.parts or p.approx:
        return out
    vocab = vocab or default_vocab()
    t = p.total
    unit = t.unit or p.parts[0].count.unit
    big = [x for x in p.parts if x.count.value > t.value]
    if big:
        for x in big:
            out.append(Problem("exceeds", st.span(x.count.start, x.count.end), {
                "part": _clean_label(x.label), "found": x.count.text, "unit": unit,
                "total_label": _HEAD + "总数" if p.mode == "refer" else _clean_label(p.total_label),
                "total": t.text, "detail": "",
            }))
        return out
    s = sum(x.count.value for x in p.parts)
    whole = len(p.parts) >= 2 and (_exhaustive(p, vocab) or _exhaustive(p, vocab, etc_open=False))
    # a list not known to be whole may leave items out (a sum below the total) but cannot
    # add any: its sum above the total is wrong unless the items may overlap
    above = len(p.parts) >= 2 and not whole and s > t.value and not _may_overlap(st.text, p, vocab)
    if whole or above:
        # a closing 等 may leave items out (a sum below the total), never add any: a list
        # that is whole but for its 等 cannot sum above its total
        if above or (s > t.value if _open_by_etc(p) else s != t.value):
            shown = [f"{_short(x.label)}{x.count.value}" for x in p.parts] if len(p.parts) <= 4 else [x.count.text for x in p.parts]
            where = t if p.mode != "refer" else p.parts[0].count
            out.append(Problem("sum", st.span(where.start, where.end), {
                "what": "其中各项" if p.mode == "other" else "所列各类",
                "sum": str(s), "unit": unit, "parts": _PLUS.join(shown), "total": t.text,
            }))
    for i, x in enumerate(p.parts):
        if not x.count.share or not t.value:
            continue
        stated, written, s0, s1 = x.count.share
        base = _share_base(p, i)
        if not base.value:
            continue
        ok, exact, expected = _share_ok(x.count.value, base.value, written, stated)
        if ok or (base is not t and _share_ok(x.count.value, t.value, written, stated)[0]):
            continue  # a share of the passage's total is right too
        shown = exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
        out.append(Problem("share", st.span(s0, s1), {
            "part": _clean_label(x.label), "found": x.count.text, "unit": unit, "total": base.text,
            "computed": format(shown, "f"), "expected": format(expected, "f"), "stated": written,
        }))
    return out


_HANDLED = re.compile(
    r"受理(?P<what>[^\d,;。:()\n]{0,16}?)(?P<a>\d+)(?P<unit>件|条|项|个),(?:已|共|均已|全部)?办结(?P<b>\d+)(?P=unit)"
)


def handled(st: Stream) -> list[Problem]:
    out = []
    text = st.text
    for m in _HANDLED.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if b <= a:
            continue
        lo = max(0, m.start() - _SENTENCE_MAX)
        s = max(text.rfind("。", lo, m.start()), text.rfind("\n", lo, m.start()), lo - 1) + 1
        hi = min(len(text), m.end() + _SENTENCE_MAX)
        e = min(x for x in (text.find("。", m.end(), hi), text.find("\n", m.end(), hi), hi) if x != -1)
        sentence = text[s:e]
        if re.search(r"结转|上年|以前年度|往年", sentence):
            continue
        out.append(Problem("exceeds", st.span(m.start("b"), m.end("b")), {
            "part": "办结", "found": str(b), "unit": m.group("unit"),
            "total_label": "受理" + m.group("what"), "total": str(a), "detail": "（办结数不能多于受理数）",
        }))
    return out


def analyse(doc, trace: list | None = None, ctx=None) -> list[Problem]:
    """The problems of one document. ``trace`` (a list) receives every passage read:
    ``(line, column of the total, total, [parts], why exhaustive or None, [codes found])``."""
    out: list[Problem] = []
    vocab = vocab_of(ctx)
    for st in text_streams(doc, ctx):
        seen: set[tuple[int, int]] = set()
        for p in find_passages(st.text, vocab):
            key = (p.total.start, p.parts[0].count.start if p.parts else -1)
            if key in seen or not p.parts:
                continue
            seen.add(key)
            got = judge(st, p, vocab)
            out.extend(got)
            if trace is not None:
                sp = st.span(p.total.start, p.total.end)
                why = _exhaustive(p, vocab) if len(p.parts) >= 2 else None
                trace.append((sp.start.line, sp.start.column, p.total.value, [x.count.value for x in p.parts], why,
                              [g.topic for g in got]))
        out.extend(handled(st))
    out.sort(key=lambda x: (x.span.start.line, x.span.start.column, x.topic))
    return out


def check_textmath(doc, rule, ctx):
    topic = rule.params["topic"]
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r} (known: {', '.join(TOPICS)})")
    for p in ctx.cached("textmath", lambda: analyse(doc, ctx=ctx)):
        if p.topic == topic:
            yield Finding(p.span, p.values)


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "text-arithmetic", check_textmath,
            params=(Param("topic", str, required=True, doc=" | ".join(TOPICS), choices=tuple(TOPICS)),),
            placeholders=("what", "sum", "unit", "parts", "total", "part", "found", "computed", "expected",
                          "stated", "total_label", "detail"),
            doc="正文中所述总数与其各项、百分比与其计算值、分项与总数之间的算术关系",
        ),
    ]

"""The report's outline, computed once per document: numbered headings, the six mandated
parts they stand for, the parts the introduction announces.

* **Candidates.** Every top-level number (一、…十、) in a text block is a candidate
  heading, wherever it stands: on its own line, as a markdown heading, inside a page
  flattened onto one line, right after a table's last digit. Tables are their own blocks
  in the document model, so a table's row labels (一、本年新收…) are never candidates;
  a candidate's title is read from the words after its number and nothing after the
  title matters (a note, a sentence, the next table).
* **Assignment.** The candidates, in document order, are aligned with the mandated parts
  (``sections`` schema) by one optimal monotone alignment that scores number and title
  together: the official title or a known variant at the start of the words (exact,
  variant), a title close to one of them (near), or, under the part's own number, a
  reworded title that shares the part's key words (reworded). A part still left out
  whose place (between its found neighbours) holds exactly one heading under its own
  number is that heading, reworded. A present part under another title is therefore a
  title finding, never "missing". A numbered label followed by figures
  (「四、结转下年度继续办理0000000」) is a table row read as running text, never a heading.
* **Structure.** After the alignment, a numbered heading that follows the running
  numbering but stands for no mandated part is an extra part, confirmed when the
  mandated headings after it are renumbered by exactly the parts inserted before them;
  an extra part that shares key words with the part just before it is that part split
  in two.
* **Introduction.** 「本报告由…共六个部分组成」: the announced names are split where
  the split best agrees with the body's headings (so a name containing 与 or 和 stays
  one name), and compared with the top-level headings by key words.

Everything is bounded: a document with more candidates than any report has is cut off
at :data:`MAX_CANDIDATES`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from disclint.analysis.alignment import close
from disclint.analysis.dates import cn_number as _cn_number
from disclint.model import Block, Span, Table
from disclint.normalize import normalize, normalize_with_map

MAX_CANDIDATES = 300  # far more numbered marks than any report has (its tables' labels included)
_NEAR = 0.8  # similarity a misspelt title needs under its own number (005's extra 法 scores 0.97)
_NEAR_OTHER = 0.85  # … and under another number (042's 六、存在的主要问题和改进情况: 0.92)
_REWORDED = 0.5  # similarity a reworded title needs under its own number without a key word
_LATER_REWORDED = 0.8  # score of a reworded title under a later number, before its similarity (< 1.7 - 0.85)


def cn_number(s: str) -> int | None:
    """A heading number: arabic digits (「6个部分」) or a Chinese numeral (一 … 九十九)."""
    return int(s) if s.isdigit() else _cn_number(s)


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _at_least(matcher: SequenceMatcher, a: str, floor: float) -> float:
    """``a``'s similarity with the matcher's second string, or 0.0 when it is surely below ``floor``."""
    matcher.set_seq1(a)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


# -- the text as one stream ---------------------------------------------------------------

TABLE_MARK = "\x00"  # a table in the stream: content, never a heading


@dataclass
class Stream:
    """Every text block joined by newlines (a table is one sentinel character)."""

    text: str
    starts: list[int]  # stream offset where each piece starts
    blocks: list[Block | Table]

    def locate(self, offset: int) -> tuple[Block | Table, int]:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.blocks[lo], offset - self.starts[lo]

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]`` (it may run over several lines)."""
        first, a = self.locate(start)
        last, b = self.locate(max(end - 1, start))
        if isinstance(first, Table):
            return first.textmap.span(0, 1)
        if isinstance(last, Table) or b >= len(last.text):
            last, b = first, min(a + (end - start), len(first.text)) - 1
        return Span(first.textmap.pos(a), last.textmap.pos(max(b, 0)), first.textmap.span(a, a + 1).logical)


def build_stream(doc) -> Stream:
    parts, starts, blocks = [], [], []
    at = 0
    for block in doc.blocks:
        text = TABLE_MARK if isinstance(block, Table) else block.text
        parts.append(text + "\n")
        starts.append(at)
        blocks.append(block)
        at += len(text) + 1
    return Stream("".join(parts), starts, blocks)


# -- the mandated parts (data: rules/sections.yaml) -----------------------------------------


@dataclass
class Part:
    index: int  # 0-based position among the mandated parts
    number: str
    title: str
    forms: list[str]  # normalised: the title first, then the variants
    evidence: list[str]  # normalised words whose sub-heading shows the part's matter is there
    keywords: list[str]  # normalised key words a reworded title of this part keeps
    legacy: list[str] = field(default_factory=list)  # names an introduction may still use (2008-era)

    @property
    def official(self) -> str:
        return f"{self.number}、{self.title}"


def parts_of(schema) -> list[Part]:
    out = []
    for i, item in enumerate(schema or []):
        forms = [normalize(item["title"])] + [normalize(v) for v in item.get("variants") or []]
        evidence = [normalize(w) for w in item.get("evidence") or []]
        keywords = [normalize(w) for w in item.get("keywords") or []]
        legacy = [normalize(w) for w in item.get("legacy") or []]
        out.append(Part(i, item["number"], item["title"], forms, evidence, keywords, legacy))
    return out


# -- candidate headings ---------------------------------------------------------------------

# A top-level number: not part of a longer numeral, not 第一、, not （一、.
_MARK = re.compile(r"(?<![一二三四五六七八九十第(（])([一二三四五六七八九十]{1,2})[、.．]")
# The same number with its 、 left out (「。一总体情况2020年」): a heading only where the words after
# it start with a part's official title or a known variant (see build), never a numeral in prose.
_BARE_MARK = re.compile(r"(?<![一二三四五六七八九十第(（\u4e00-\u9fff])([一二三四五六七八九十]{1,2})(?=[\u4e00-\u9fff])")
_BARE_MAX = 60  # bare numerals looked at per document (「一是…二是…」 are many; headings are six)
# Where a title read from the original text stops: anything but words and 、 (a sentence
# mark, a quotation, a digit, a bracket opening an annotation or a table note, a table,
# leaked markup, a line or word break), or an article reference (第二十条, 表二's header).
_TITLE_STOP = re.compile(r"[^\u4e00-\u9fff、]|第[一二三四五六七八九十百]+条")
# A title ends with its first part word, unless another follows it directly (「情况统计表」)
# or a conjunction joins it (「其他事项与附表」); the first 问题 ends a title only when no
# other part word does (「五、当前存在的突出问题」).
_PART_WORD = re.compile(r"统计表|情况|概况|措施|举措|事项|附表|概述|计划|打算")
_WEAK_END = re.compile(r"问题")
_JOIN = ("与", "和", "及", "、", "以及")
_TITLE_MAX = 40
_RUN_MAX = 20  # a title with no part word is taken whole only when this short
_LISTING_GAP = 3  # titles this close together …
_LISTING_RUN = 3  # … this many in a row are a table of contents, not headings
# A table row read as running text (a flattened page whose table the reader did not take):
# its label is followed by its cells' figures (「四、结转下年度继续办理0000000」), a heading by
# words, a date or a count (「一、总体情况2023年，…」, 「…共制作政务信息1527条」).
_FIGURES = re.compile(r"[ \t\u3000]*\d[\d \t.]*(?![\d 年月日号条件项个份次人家万元%％])")


@dataclass
class Candidate:
    number: str
    n: int
    block_index: int
    start: int  # offset of the number inside its block
    title_start: int  # offset where the words after the number start
    title_end: int  # offset where the title read from the words ends
    title: str  # the title as written (may be empty)
    clean: bool  # the number starts its block or follows no ideograph
    row: bool = False  # the title is followed by a run of figures: a table's row label in running text
    stream_start: int = 0
    bare: bool = False  # written without 、 after the number (「一总体情况」)


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _read_title(text: str, at: int) -> int:
    """Where the title starting at ``text[at]`` ends."""
    window = text[at : at + _TITLE_MAX]
    stop = _TITLE_STOP.search(window)
    run = window[: stop.start()] if stop else window
    words = [(m.start(), m.end()) for m in _PART_WORD.finditer(run)]
    if words:
        end = words[0][1]
        for start, nxt in words[1:]:
            if start != end and not run.startswith(_JOIN, end):  # 「情况统计表」 runs on
                break
            end = nxt
        return at + end
    weak = [m.end() for m in _WEAK_END.finditer(run)]
    if weak:
        return at + weak[0]
    if len(run) <= _RUN_MAX:
        return at + len(run)
    return at + _RUN_MAX


def _candidates(block: Block, block_index: int, room: int, bare: bool = False) -> list[Candidate]:
    text = block.text
    found = []
    for m in (_BARE_MARK if bare else _MARK).finditer(text):
        if len(found) >= room:
            break
        at = m.end()
        while at < len(text) and text[at] in " \t\u3000":
            at += 1
        end = _read_title(text, at)
        n = cn_number(m.group(1))
        if n is None:
            continue
        clean = m.start() == 0 or not _is_ideograph(text[m.start() - 1])
        row = _FIGURES.match(text, end) is not None
        found.append(Candidate(m.group(1), n, block_index, m.start(), at, end, text[at:end], clean, row, bare=bare))
    return found if bare else _drop_listings(found, text)


def _drop_listings(found: list[Candidate], text: str) -> list[Candidate]:
    """A run of three or more titles one right after another is a table of contents or an
    introduction; two (「五、…情况六、其他需要报告的事项」) are a heading with nothing under it."""
    close = [len(text[a.title_end : b.start].strip()) <= _LISTING_GAP for a, b in zip(found, found[1:])]
    keep, i = [], 0
    while i < len(found):
        j = i
        while j < len(close) and close[j]:
            j += 1
        if j - i + 1 < _LISTING_RUN:
            keep.extend(found[i : j + 1])
        i = j + 1
    return keep


def heading_like(c: Candidate) -> bool:
    """A number at a clean place followed by a title of words: could head a part."""
    return c.clean and not c.bare and not c.row and len(c.title) >= 2 and _is_ideograph(c.title[0])


# -- matching a candidate with a part -------------------------------------------------------


@dataclass
class Match:
    part: Part
    quality: str  # exact, variant, near, reworded
    score: float
    end: int  # offset in the block where the matched title ends


@functools.lru_cache(maxsize=16384)
def _closest(norm: str, title_norm: str, forms: tuple[str, ...]) -> tuple[float, int]:
    """The best similarity of the part's forms with the title as read or a prefix of the
    heading's words, and that reading's length. Reports repeat the same headings, so a
    batch asks this again and again: kept (a pure function of its strings)."""
    best, best_len = 0.0, 0
    matcher = SequenceMatcher(None, autojunk=False)
    for form in forms:
        matcher.set_seq2(form)
        if title_norm:
            s = _at_least(matcher, title_norm, min(_REWORDED, best))
            if s > best:
                best, best_len = s, len(title_norm)
        for n in range(max(len(form) - 3, 1), min(len(form) + 4, len(norm)) + 1):
            s = _at_least(matcher, norm[:n], max(_NEAR, best))
            if s > best:
                best, best_len = s, n
    return best, best_len


# Words and marks that join the items of a title (「行政复议、行政诉讼」, 「问题和改进措施」):
# a title that differs from a form only in them is that form written another common way.
_JOINERS = re.compile(r"以及|[与和及、]")


@functools.lru_cache(maxsize=16384)
def _unjoined(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` without its joiners, and for each character kept its offset in ``text``."""
    cut = {i for m in _JOINERS.finditer(text) for i in range(m.start(), m.end())}
    keep = tuple(i for i in range(len(text)) if i not in cut)
    return "".join(text[i] for i in keep), keep


def _match(block_text: str, c: Candidate, part: Part, fuzzy: bool = True) -> Match | None:
    """How well the candidate's words read as the part's title; ``fuzzy=False``: only as
    written (exact or a variant), never a misspelling or rewording (no similarity computed)."""
    norm, where = normalize_with_map(block_text[c.title_start : c.title_start + _TITLE_MAX + 8])
    same_number = c.number == part.number

    def end_of(k: int) -> int:
        return c.title_start + where[min(k, len(where)) - 1] + 1

    bonus = 0.5 if same_number else 0.0
    for k, form in enumerate(part.forms):
        if form and norm.startswith(form):
            quality = "exact" if k == 0 else "variant"
            return Match(part, quality, (3.0 if k == 0 else 2.8) + bonus, end_of(len(form)))
    bare, kept = _unjoined(norm)
    for form in part.forms:
        plain = _unjoined(form)[0]
        if plain and bare.startswith(plain):  # 「行政复议与行政诉讼情况」: a variant, not a misspelling
            return Match(part, "variant", 2.7 + bonus, end_of(kept[len(plain) - 1] + 1))
    if not fuzzy or not c.clean or not norm:
        return None
    # A misspelling: the closest prefix of the words, or the title as read.
    title_norm = normalize(c.title)
    best, best_len = _closest(norm[: max(map(len, part.forms), default=0) + 4], title_norm, tuple(part.forms))
    if best >= (_NEAR if same_number else _NEAR_OTHER):
        return Match(part, "near", 2 * best + bonus, end_of(best_len))
    # Reworded: a heading sharing a key word or much of the title, under the part's own
    # number, or under a later number (parts inserted before it) when it shares both.
    if heading_like(c):
        keyword = any(w in title_norm for w in part.keywords)
        later = c.n > part.index + 1
        if same_number and (keyword or best >= _REWORDED):
            return Match(part, "reworded", 1.0 + best + (0.2 if keyword else 0.0) + bonus, c.title_end)
        if later and keyword and best >= _REWORDED:
            # the weaker reading: its number needs parts inserted before it, so any
            # heading whose title is close to the part's (near, at least 1.7) wins over it
            return Match(part, "reworded", _LATER_REWORDED + best, c.title_end)
    return None


# -- the outline ----------------------------------------------------------------------------


@dataclass
class Heading:
    """A candidate standing for a mandated part."""

    part: Part
    candidate: Candidate
    quality: str
    span: Span  # the number and the matched title
    written: str  # the title as written
    end_offset: int  # where the matched title ends inside its block

    @property
    def number(self) -> str:
        return self.candidate.number

    @property
    def block_index(self) -> int:
        return self.candidate.block_index

    @property
    def start_offset(self) -> int:
        return self.candidate.start

    @property
    def shown(self) -> str:
        return f"{self.number}{'' if self.candidate.bare else '、'}{self.written}"


@dataclass
class Extra:
    """A run of numbered parts the format does not have, between two mandated parts."""

    headings: list[Candidate]
    spans: list[Span]
    after: Heading | None  # the mandated heading just before the run
    split_of: Heading | None = None  # the part the run continues, when it shares its key words


@dataclass
class TopHeading:
    """A top-level heading of the body, as the introduction is compared with it."""

    n: int
    number: str
    title: str | None
    span: Span
    part: Part | None  # the mandated part it stands for, if any
    quality: str | None
    extra: bool = False  # a part the format does not have (reported by the section rules)

    @property
    def shown(self) -> str:
        return f"{self.number}、{self.title or ''}".rstrip("、")


@dataclass
class Intro:
    listing: str | None
    names: list[str] | None  # None when the list did not split
    count: int
    count_written: str
    span: Span  # the whole statement
    count_span: Span
    end: int  # stream offset where the statement ends


@dataclass
class Outline:
    parts: list[Part]
    headings: list[Heading]  # the assigned ones, in document order
    assigned: dict[int, Heading]  # part index -> its heading
    displaced: list[tuple[Heading, Heading]]  # (heading of a part out of order, the later part's heading before it)
    duplicates: list[tuple[Heading, Heading]]  # (repeated heading, the part's heading)
    extras: list[Extra]
    shifted: set[int]  # ids of headings whose number is explained by extra parts before them
    top: list[TopHeading]  # top-level headings after the introduction
    clean: bool  # the top-level headings run 一、二、三… once, no gap, no restart
    intro: Intro | None
    body_key: str  # key words of everything after the introduction
    doc_end: Span
    candidates: list[Candidate] = field(default_factory=list)

    def present(self, index: int) -> bool:
        return index in self.assigned or any(h.part.index == index for h, _ in self.displaced)

    def in_split(self, h: Heading) -> bool:
        return any(e.split_of is h for e in self.extras)


def _align(cands: list[Candidate], parts: list[Part], matches: list[list[Match | None]]) -> dict[int, int]:
    """part index -> candidate index: the monotone assignment with the highest total score."""
    m, k = len(cands), len(parts)
    # best[i][j]: the best total using candidates i.. and parts j..
    best = [[0.0] * (k + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(k - 1, -1, -1):
            skip = max(best[i + 1][j], best[i][j + 1])
            mt = matches[i][j]
            # Earlier candidates win ties: a later repeat is the one out of place.
            take = best[i + 1][j + 1] + mt.score - 1e-6 * i if mt is not None else -1.0
            best[i][j] = max(skip, take)
    out, i, j = {}, 0, 0
    while i < m and j < k:
        mt = matches[i][j]
        if mt is not None and best[i][j] == best[i + 1][j + 1] + mt.score - 1e-6 * i:
            out[j] = i
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _in_slot(cands: list[Candidate], parts: list[Part], chosen: dict[int, int], matches) -> dict[int, int]:
    """Parts left out whose place is held by one heading under their own number.

    When the parts before and after a part are found and, between them, exactly one
    heading carries the part's number (not an item of a list restarting at 一), that
    heading is the part under a title of its own (「四、法律救济情况」): a title finding,
    not a missing part.
    """
    out = {}
    for j, part in enumerate(parts):
        if j in chosen:
            continue
        if (j > 0 and j - 1 not in chosen) or (j + 1 < len(parts) and j + 1 not in chosen):
            continue
        lo = chosen[j - 1] + 1 if j > 0 else 0
        hi = chosen[j + 1] if j + 1 < len(parts) else len(cands)
        found, restarted = [], False
        for i in range(lo, hi):
            c = cands[i]
            if c.n == 1 and j > 0:
                restarted = True
            if c.number == part.number and heading_like(c) and not (restarted and j > 0):
                found.append(i)
        if len(found) == 1:
            i = found[0]
            matches[i][j] = Match(part, "reworded", 1.0, cands[i].title_end)
            out[j] = i
    return out


def _heading(doc, c: Candidate, mt: Match) -> Heading:
    block = doc.blocks[c.block_index]
    return Heading(mt.part, c, mt.quality, block.textmap.span(c.start, mt.end), block.text[c.title_start : mt.end], mt.end)


def _extras(doc, cands: list[Candidate], by_cand: dict[int, Heading]) -> list[Extra]:
    """Numbered parts between the mandated ones that follow the running numbering."""
    runs: list[Extra] = []
    last_n, after, pending, restarted = None, None, [], False
    inserted = 0

    def close(next_heading: Heading | None):
        nonlocal inserted
        if not pending:
            return
        # Confirmed when the next mandated heading is renumbered by exactly these parts.
        if next_heading is None or next_heading.candidate.n == next_heading.part.index + 1 + inserted + len(pending):
            spans = [doc.blocks[c.block_index].textmap.span(c.start, c.title_end) for c in pending]
            runs.append(Extra(list(pending), spans, after))
            inserted += len(pending)

    for i, c in enumerate(cands):
        h = by_cand.get(i)
        if h is not None:
            close(h)
            pending, restarted = [], False
            last_n, after = c.n, h
            continue
        if last_n is None:
            continue
        if c.n == 1:
            restarted = True  # a list restarting under a part: its items are not parts
        expected = last_n + 1
        if not restarted and c.n == expected and heading_like(c):
            pending.append(c)
            last_n = c.n
    close(None)
    for run in runs:
        prev = run.after
        if prev is not None and prev.part.keywords:
            shares = all(any(w in normalize(c.title) for w in prev.part.keywords) for c in run.headings)
            if shares and any(w in normalize(prev.written) for w in prev.part.keywords):
                run.split_of = prev
    return runs


def _shifted(headings: list[Heading], extras: list[Extra]) -> set[int]:
    out = set()
    for h in headings:
        before = sum(len(e.headings) for e in extras if _before(e.headings[0], h.candidate))
        if before and h.candidate.n == h.part.index + 1 + before:
            out.add(id(h))
    return out


def _before(a: Candidate, b: Candidate) -> bool:
    return (a.block_index, a.start) < (b.block_index, b.start)


# -- the introduction ---------------------------------------------------------------------------

_PART_END = ("统计表", "情况", "措施", "事项", "概述", "附表")
_LIST_RE = re.compile(
    r"(?:本报告|报告全文|全文|年报|本年报|报告)(?:主要)?(?:由|包括|包含|分为|共分)(?P<list>[^。;]{4,260}?)"
    r"(?:等|共|计)?(?P<n>[一二三四五六七八九十]|\d{1,2})个?部分"
)
_COUNT_FIRST = re.compile(
    r"(?:本报告|报告全文|全文|年报|本年报|报告)(?:共分|分为|共有|共包括|包括)(?P<n>[一二三四五六七八九十]|\d{1,2})个?部分(?:[:、]?(?P<list>[^。;]{4,260}))?"
)
_SPLIT = re.compile(r"(、|以及|和|及|与)")
# Words dropped before two names are compared.
_FILLER = re.compile(r"政府信息公开|政府信息|工作|办理|的|因|提起|被|申请|以及|和|及|与|或|、|本机关|本单位")
_MIN_CONTAINED = 4
_REORDERED_MIN = 6  # key length from which a reordering of the same characters is the same name
_REORDERED_EXTRA = 2  # characters the longer reordered key may add (a part word: 情况)
_SAME_PART = 0.8  # key-word similarity of two names of one part (「…复议或提起…」 against 「…复议、…」)
_MAX_RUN = 6  # separators a known part name may hold (「…复议、提起…的情况」 holds one)
_MAX_NAMES = 40  # more names than any introduction lists: split as written, not compared


def key(name: str) -> str:
    return _FILLER.sub("", normalize(name))


def part_similarity(a: str, b: str) -> float:
    """How alike two part names are, on their key words (1.0: the same part)."""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return 0.0
    # One containing the other: a title shortened or lengthened (「存在的」 dropped, the organ's
    # name added). Short keys must be equal: 「申请情况」 keys to 「情况」, in every other name.
    if ka == kb or (min(len(ka), len(kb)) >= _MIN_CONTAINED and (ka in kb or kb in ka)):
        return 1.0
    # The same words in another order (「落实政务公开工作主要任务」, heading 「政务公开工作主要任务
    # 落实情况」): every character of the shorter key is in the longer one, which adds at most
    # a part word. Long keys only, so two short names sharing characters stay apart.
    short, long_ = sorted((ka, kb), key=len)
    if len(short) >= _REORDERED_MIN and not Counter(short) - Counter(long_) and len(long_) - len(short) <= _REORDERED_EXTRA:
        return 1.0
    # A misspelt name (「…政府囗息…」) is still its part: compared whole, as the misspelling
    # rules compare it, since a typo inside a filler word would leave that word in one key only.
    if min(len(ka), len(kb)) >= _MIN_CONTAINED and close(normalize(a), normalize(b)) is not None:
        return 1.0
    return similarity(ka, kb)


def same_part(a: str, b: str) -> bool:
    return part_similarity(a, b) >= _SAME_PART


def _known_runs(pieces: list[str], part_names: list[str]) -> dict[int, int]:
    """Where a known part name covers several pieces of the split list: first text piece -> last.

    A name is known when its key words equal those of a part's title, variant or legacy name
    (「需要说明的其他事项与附表」), so its own 与/和/及/、 do not cut it. The longest such run wins,
    read from the left; runs are bounded so this stays linear in the list's length.
    """
    keys = {k for k in (key(n) for n in part_names) if len(k) >= _MIN_CONTAINED}
    runs: dict[int, int] = {}
    if not keys:
        return runs
    i = 0
    while i < len(pieces):
        best = None
        text = pieces[i]
        for j in range(i + 2, min(len(pieces), i + 2 * _MAX_RUN + 1), 2):
            text += pieces[j - 1] + pieces[j]
            if key(text) in keys:
                best = j
        if best is not None:
            runs[i] = best
            i = best + 2
        else:
            i += 2
    return runs


def split_names(listing: str, known: list[str] | None = None, part_names: list[str] | None = None) -> list[str] | None:
    """The part names in an introduction's list, or None when it does not split cleanly.

    First the list is aligned with the known part names ``part_names`` (the schema's titles,
    variants and legacy names): a stretch that is one of them is one name whatever 与/和/及 it
    holds. Elsewhere a separator (、 和 及 与 以及) ends a name only after a part word (情况,
    措施, 事项…). Two names so cut are one name again when, together, they match one of the
    body's headings ``known`` better than either does alone: 「政府信息公开行政复议情况与行政诉讼情况」
    is 「四、政府信息公开行政复议、行政诉讼情况」, while 040's 「…行政诉讼情况、提起行政诉讼的情况」
    stays two names (the first alone is the heading).
    """
    listing = re.sub(r"等$", "", listing.strip("、:"))  # 「…事项等共六个部分」: 等 and 共 both written
    pieces = _SPLIT.split(listing)
    runs = _known_runs(pieces, part_names or [])
    whole_keys = {k for k in (key(n) for n in part_names or []) if len(k) >= _MIN_CONTAINED}
    names, seps, cur = [], [], ""
    fixed: set[int] = set()  # indexes in names of names read as a whole known name
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if i % 2 == 1:  # a separator
            # A known name right after it starts a new name, even when the one before does not
            # end in a part word (「落实政务公开工作主要任务、主动公开政府信息情况」 is two names).
            known_next = i + 1 in runs or (i + 1 < len(pieces) and key(pieces[i + 1]) in whole_keys)
            if cur and (cur.endswith(_PART_END) or known_next):
                names.append(cur)
                seps.append(piece)
                cur = ""
            else:
                cur += piece
            i += 1
            continue
        if i in runs and not cur:
            whole = "".join(pieces[i : runs[i] + 1])
            names.append(whole)
            fixed.add(len(names) - 1)
            i = runs[i] + 1
            if i < len(pieces):  # the separator after it
                seps.append(pieces[i])
                i += 1
            continue
        cur += piece
        i += 1
    if cur:
        if not cur.endswith(_PART_END):
            return None
        names.append(cur)
    if len(seps) >= len(names):
        seps = seps[: max(len(names) - 1, 0)]
    if not known or len(names) > _MAX_NAMES:
        return names
    keys = [key(k) for k in known[:_MAX_NAMES] if k]
    out = [names[0]]
    out_fixed = [0 in fixed]
    for n, (sep, name) in enumerate(zip(seps, names[1:]), start=1):
        merged = out[-1] + sep + name
        if (
            not out_fixed[-1]
            and n not in fixed
            and _best(merged, keys) >= _SAME_PART
            and _best(merged, keys) > max(_best(out[-1], keys), _best(name, keys))
        ):
            out[-1] = merged
        else:
            out.append(name)
            out_fixed.append(n in fixed)
    return out


def _best(name: str, keys: list[str]) -> float:
    k = key(name)
    return max((similarity(k, other) for other in keys if other), default=0.0) if k else 0.0


def _find_intro(stream: Stream) -> tuple[Intro | None, str | None]:
    norm, where = normalize_with_map(stream.text[:20000])
    for regex in (_LIST_RE, _COUNT_FIRST):
        m = regex.search(norm)
        if m is None:
            continue
        listing = m.group("list")
        s0, s1 = where[m.start()], where[m.end() - 1] + 1
        n0, n1 = where[m.start("n")], where[m.end("n") - 1] + 1
        return Intro(listing, None, cn_number(m.group("n")), m.group("n"), stream.span(s0, s1), stream.span(n0, n1), s1), listing
    return None, None


# -- building it ------------------------------------------------------------------------------------


def _title_for(c: Candidate, block_text: str, names: list[str]) -> str | None:
    """A top-level heading's title: an announced name written out, else the title as read."""
    norm, where = normalize_with_map(block_text[c.title_start : c.title_start + 60])
    for name in sorted(names, key=len, reverse=True):
        form = normalize(name)
        if form and norm.startswith(form):
            return block_text[c.title_start : c.title_start + where[len(form) - 1] + 1]
    return c.title or None


def _with_bare(doc, stream: Stream, parts: list[Part], cands: list[Candidate], matches):
    """Add the numbers written without 、 whose words start with a part's official title or a known
    variant (「一总体情况」): the part is there under a wrong heading (a title finding, "near"), not
    missing. Any weaker likeness is prose (「一是加强…」) and no heading."""
    extra: list[tuple[Candidate, list[Match | None]]] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table) or len(extra) >= _BARE_MAX:
            continue
        for c in _candidates(block, i, _BARE_MAX - len(extra), bare=True):
            if not c.clean:
                continue
            row = []
            for p in parts:  # only the part of its number, as written, counts: nothing else is computed
                mt = _match(block.text, c, p, fuzzy=False) if c.number == p.number else None
                strong = mt is not None and mt.quality in ("exact", "variant")
                row.append(Match(p, "near", mt.score - 0.5, mt.end) if strong else None)
            if any(row):
                c.stream_start = stream.starts[i] + c.start
                extra.append((c, row))
    if not extra:
        return cands, matches
    merged = sorted(zip(cands, matches), key=lambda cm: (cm[0].block_index, cm[0].start))
    merged = sorted(merged + extra, key=lambda cm: (cm[0].block_index, cm[0].start))
    return [c for c, _ in merged], [m for _, m in merged]


def build(doc, schema=None, intro_names=None) -> Outline:
    """The outline of ``doc``: the mandated parts of ``schema`` found, and the introduction.

    ``intro_names`` are further part names an introduction may list as one part (a rule set
    with no mandated parts, such as the 2008-era one, still reads 「需要说明的其他事项与附表」
    as one name, not two).
    """
    parts = parts_of(schema)
    stream = build_stream(doc)
    cands: list[Candidate] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            continue
        for c in _candidates(block, i, MAX_CANDIDATES - len(cands)):
            c.stream_start = stream.starts[i] + c.start
            cands.append(c)
        if len(cands) >= MAX_CANDIDATES:
            cands = cands[:MAX_CANDIDATES]
            break
    matches = [[_match(doc.blocks[c.block_index].text, c, p) for p in parts] for c in cands]
    cands, matches = _with_bare(doc, stream, parts, cands, matches)
    chosen = _align(cands, parts, matches)
    chosen.update(_in_slot(cands, parts, chosen, matches))
    by_cand: dict[int, Heading] = {}
    assigned: dict[int, Heading] = {}
    for j, i in chosen.items():
        h = _heading(doc, cands[i], matches[i][j])
        assigned[j] = h
        by_cand[i] = h
    headings = [by_cand[i] for i in sorted(by_cand)]
    displaced, duplicates = [], []
    for i, c in enumerate(cands):
        if i in by_cand:
            continue
        strong = [mt for mt in matches[i] if mt is not None and mt.quality in ("exact", "variant")]
        if not strong:
            continue
        mt = max(strong, key=lambda x: x.score)
        h = _heading(doc, c, mt)
        if mt.part.index in assigned:
            duplicates.append((h, assigned[mt.part.index]))
        else:
            before = [x for x in headings if _before(x.candidate, c) and x.part.index > mt.part.index]
            if before:
                displaced.append((h, max(before, key=lambda x: x.part.index)))
    extras = _extras(doc, cands, by_cand) if parts else []
    shifted = _shifted(headings, extras)

    intro, listing = _find_intro(stream)
    start = intro.end if intro is not None else 0
    top = []
    for i, c in enumerate(cands):
        if c.stream_start < start:
            continue
        h = by_cand.get(i)
        if h is None and not heading_like(c):
            continue
        top.append((c, h))
    known = [(h.written if h is not None else c.title) for c, h in top]
    if intro is not None and listing:
        part_names = [n for p in parts for n in (*p.forms, *p.legacy)] + [normalize(n) for n in intro_names or []]
        intro.names = split_names(listing, known, part_names)
    names = (intro.names or []) if intro is not None else []
    extra_ids = {id(c) for e in extras for c in e.headings}
    tops = []
    for c, h in top:
        text = doc.blocks[c.block_index].text
        title = h.written if h is not None else _title_for(c, text, names)
        end = h.end_offset if h is not None else c.title_start + len(title or "")
        span = doc.blocks[c.block_index].textmap.span(c.start, max(end, c.title_start))
        tops.append(TopHeading(c.n, c.number, title, span, h.part if h else None, h.quality if h else None, id(c) in extra_ids))
    clean = bool(tops) and [t.n for t in tops] == list(range(1, len(tops) + 1))
    body_key = key(stream.text[start:]) if intro is not None else ""
    last = doc.blocks[-1] if doc.blocks else None
    end_span = last.textmap.span(max(len(last.text) - 1, 0), max(len(last.text), 1)) if last is not None else Span.at(1, 1)
    return Outline(parts, headings, assigned, displaced, duplicates, extras, shifted, tops, clean, intro, body_key, end_span, cands)


def outline_of(doc, ctx, schema: str = "sections") -> Outline:
    """The document's outline, computed once per document for every checker.

    ``schema`` names the rule set's mandated-parts schema; a rule set without one (legacy
    reports) gets an outline with no mandated parts.
    """

    def compute() -> Outline:
        try:
            data = ctx.schema(schema)
        except (KeyError, AttributeError):
            data = None
        try:
            names = ctx.schema("intro-part-names")
        except (KeyError, AttributeError):
            names = None
        return build(doc, data, names)

    return ctx.cached(f"outline:{schema}", compute)

"""Prose checks (C codes, "content"): defects in the report's running text.

* ``enumeration-order`` — lists written inside a passage as 「一是…二是…三是…」 or
  「第一，…第二，…」 must count up one by one. The text blocks are read in order as one
  sequence of markers; a list ends at a heading (a heading block, a table, or an inline
  heading such as （二）/ 三、 in a flattened page), and a 「一是」 always starts
  a list: a new one, or a nested one when the item before it is only a short title
  (「一是推进行政权力清单公开。一是按照…」). A later marker closes nested lists when it
  continues an outer one. Arabic or circled numbers (「1.」「（2）」「③」) number the items
  under one item and do not end the list (「一是…。1.…2.…二是…」). After a wrong marker the
  list may go on from the number before it (「一是…五是…二是」: only 五是 is wrong) or, after
  a repeated or lower number, from the number it should have had (「四是…四是…六是」). A marker that continues no open list is reported at the
  innermost list: 「一是…三是」 (二是 missing), 「三是…三是」 (repeated). Markers that
  no 「一是」 opened are never judged (the start of the list may be in a lost heading).
* ``leaked-text`` — text that belongs to the tools or the template, not to the report:
  markup (HTML comments, Word's ``<!--[if !supportLists]-->``, tags, entities) in the
  text of a non-HTML reading, template notes (「编写说明：」) and unfilled placeholders
  (「XX局」「××」「（填写…）」). The patterns are data: the rule set's schema.
* ``document-title`` — a title inside 《》 that is a near miss of a document the
  report must name exactly (the 条例, the two format documents), and doubled book-title
  marks 「《《」/「》》」. Known titles, accepted short forms and the similarity
  threshold are in the rule set's schema.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from disclint.checking import CheckerKind, Finding, Param
from disclint.analysis.dates import cn_number, NUMERAL, cn_numeral
from disclint.hookspecs import hookimpl
from disclint import safe_regex
from disclint.model import Block, Document, Table
from disclint.normalize import normalize

# -- enumerations -------------------------------------------------------------------------

_NUM = NUMERAL
# A character before 一是 that makes the numeral part of a word (唯一是, 统一是, 第一是, 再三是).
_WORD_BEFORE = set("唯统同第万逐单之划专均归合不再两几某每其这那此哪任十零一二三四五六七八九")
_MARKER = re.compile(rf"(?P<n>{_NUM})是|第(?P<d>{_NUM})(?=[，,、：:])")
# Inline headings: （二） / 三、 / 2. / 2、 / （2） / ② at the start of a clause.
_INLINE_HEADING = re.compile(
    rf"(?:^|(?<=[\s。；;！!？?：:”\"》>）)]))"
    rf"(?:(?P<cn>[（(]{_NUM}[）)]|{_NUM}、)|\d{{1,2}}(?:[、．.](?!\d))|[（(]\d{{1,2}}[）)]|[\u2460-\u2473])"
)
# A clause boundary just before a marker (「：一是」, 「。二是」, 「；三是」, start of a block).
_CLAUSE_PUNCT = set("。；;！!？?：:，,、 \t\u3000”\"》>）)")
# How long an item may be and still be only a title for a nested list.
_TITLE_ITEM = 40


@dataclass
class Marker:
    kind: str  # "是" (一是) or "第" (第一，)
    n: int
    text: str
    block: Block
    start: int
    end: int


@dataclass
class Level:
    kind: str
    last: int
    marker: Marker
    items: list[Marker] = field(default_factory=list)
    after_slip: set[int] = field(default_factory=set)  # numbers that also go on after a wrong marker

    def __post_init__(self):
        if not self.items:
            self.items = [self.marker]


@dataclass
class Disorder:
    marker: Marker
    after: Marker
    expected: int


def _label(kind: str, n: int) -> str:
    return f"{cn_numeral(n)}是" if kind == "是" else f"第{cn_numeral(n)}"


def _markers(block: Block) -> list[tuple[int, str, Marker | None]]:
    """Markers and inline headings of one block, in order: (offset, "marker"|"heading", marker)."""
    text = block.text
    out: list[tuple[int, str, Marker | None]] = []
    for m in _INLINE_HEADING.finditer(text):
        # （二）/ 三、 head a part of the text; 1. / （1） / ① number the items under one
        # item of a list (「一是…。1.…2.…3.…二是…」), which goes on after them
        out.append((m.start(), "heading" if m.group("cn") else "subitem", None))
    for m in _MARKER.finditer(text):
        before = text[m.start() - 1] if m.start() > 0 else ""
        if m.group("n") is not None:
            if before in _WORD_BEFORE:
                continue
            n = cn_number(m.group("n"))
            kind = "是"
        else:
            if before and before not in _CLAUSE_PUNCT:
                continue  # 「服务第一，质量第一」: not at the start of a clause
            n = cn_number(m.group("d"))
            kind = "第"
        if n is None:
            continue
        out.append((m.start(), "marker", Marker(kind, n, m.group(0), block, m.start(), m.end())))
    out.sort(key=lambda x: (x[0], x[1] != "heading"))
    return out


def _title_only(block_text: str, after: Marker, here: Marker) -> bool:
    """Whether the item between ``after`` and ``here`` is a short title: 「推进行政权力清单公开。」."""
    if after.block is not here.block:
        return False
    item = block_text[after.end:here.start]
    core = item.rstrip()
    if not core or len(core) > _TITLE_ITEM or core[-1] not in "。：:":
        return False
    return not re.search(r"[。；;：:！？]", core[:-1])


def _titled(text: str, m: Marker) -> bool:
    """Whether the item at ``m`` opens with a short title sentence: 「四是推进政府采购信息公开。」."""
    head = re.match(r"[^。；;：:，,！？]{1,%d}[。：:]" % (_TITLE_ITEM // 2), text[m.end:])
    if head is None:
        return False
    # A title has a body after it; a short sentence followed at once by the next marker
    # (or nothing) is a whole item, e.g. the last item of a 「；」 list: 「三是公开三公经费。」
    rest = text[m.end + head.end():]
    return not re.match(rf"\s*(?:{_NUM}是|第{_NUM}[，,、：:]|$)", rest)


class _Run:
    """Paragraph blocks that a line or page break cut mid-sentence (a PDF line may end in
    「一」 and the next begin with 「是」), read as one text; spans map back to the blocks."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.text = "".join(b.text for b in blocks)
        self.starts: list[int] = []
        at = 0
        for b in blocks:
            self.starts.append(at)
            at += len(b.text)
        self.textmap = self

    def span(self, start: int, end: int):
        i = max(k for k, s in enumerate(self.starts) if s <= start)
        b, s = self.blocks[i], self.starts[i]
        return b.textmap.span(start - s, min(end - s, len(b.text)))


_SENTENCE_END = set("。；;！!？?：:")


def _runs(doc: Document):
    """The document's blocks, with paragraphs that end mid-sentence joined to the next one
    (unless that one opens with a numbering: a new part or item)."""
    run: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table) or getattr(block, "kind", "") != "paragraph":
            if run:
                yield run[0] if len(run) == 1 else _Run(run)
                run = []
            yield block
            continue
        if run and (run[-1].text.rstrip()[-1:] in _SENTENCE_END or _INLINE_HEADING.match(block.text.lstrip())):
            yield run[0] if len(run) == 1 else _Run(run)
            run = []
        run.append(block)
    if run:
        yield run[0] if len(run) == 1 else _Run(run)


def enumeration_disorders(doc: Document) -> list[Disorder]:
    found: list[Disorder] = []
    stack: list[Level] = []
    for block in _runs(doc):
        if isinstance(block, Table) or getattr(block, "kind", "paragraph") != "paragraph":
            stack = []
            continue
        for _, what, m in _markers(block):
            if what == "heading":
                stack = []
                continue
            if what == "subitem":
                continue
            assert m is not None
            # Lists of another kind (第一，… beside 一是…) are separate.
            levels = [lv for lv in stack if lv.kind == m.kind]
            if m.n == 1:
                top = levels[-1] if levels else None
                if top is not None and _title_only(block.text, top.marker, m):
                    stack.append(Level(m.kind, 1, m))
                else:
                    stack = [lv for lv in stack if lv.kind != m.kind] + [Level(m.kind, 1, m)]
                continue
            if not levels:
                continue  # no 一是 opened this list: not judged
            fits = [lv for lv in reversed(levels) if m.n == lv.last + 1]
            if not fits:
                # after a wrong marker the list may go on from where it was: 「一是…五是…二是」
                # (五是 is one slip, not the start of a new count); after a repeated or
                # lower number also from the number it should have had: 「四是…四是…六是」
                fits = [lv for lv in reversed(levels) if m.n in lv.after_slip]
            hit = fits[0] if fits else None
            if len(fits) > 1 and len(fits[0].items) > 1 and _titled(block.text, m) and not any(
                    _titled(x.block.text, x) for x in fits[0].items):
                # 「三是推进…公开。一是…二是…三是…四是推进政府采购信息公开。」: an item
                # shaped like the outer list's titles (and unlike the items of the inner
                # list, which has more than one) continues the outer list.
                hit = fits[1]
            if hit is not None:
                while stack and stack[-1] is not hit:
                    stack.pop()
                hit.last, hit.marker, hit.after_slip = m.n, m, set()
                hit.items.append(m)
                continue
            top = levels[-1]
            found.append(Disorder(m, top.marker, top.last + 1))
            expected = top.last + 1
            top.after_slip = {expected} if m.n > expected else {expected, expected + 1}
            top.last, top.marker = m.n, m
            top.items.append(m)
    return found


def check_enumeration(doc, rule, ctx):
    for d in ctx.cached("prose-enumeration", lambda: enumeration_disorders(doc)):
        m = d.marker
        yield Finding(m.block.textmap.span(m.start, m.end), {
            "after": _label(d.after.kind, d.after.n),
            "expected": _label(m.kind, d.expected),
            "found": _label(m.kind, m.n),
        })


# -- leaked markup, template notes, placeholders -----------------------------------------


@dataclass
class Pattern:
    kind: str  # markup / template / placeholder
    regex: safe_regex.SafePattern  # the schema's pattern: RE2 (a regulator's) or budgeted regex (shipped)
    what: str
    expected: str


# Schema patterns compiled once per run (re's own cache of 512 overflows once a
# regulator's rule set adds its patterns, and then every report recompiles them).
_COMPILED: dict[str, safe_regex.SafePattern] = {}


def _compiled(pattern: str) -> safe_regex.SafePattern:
    rx = _COMPILED.get(pattern)
    if rx is None:
        rx = _COMPILED[pattern] = safe_regex.compile(pattern)
    return rx


def _patterns(schema: list) -> list[Pattern]:
    return [Pattern(str(i["kind"]), _compiled(str(i["pattern"])), str(i["what"]), str(i["expected"]))
            for i in schema]


def _text_nodes(doc: Document):
    """Every text a reader produced: blocks, and the cells of tables."""
    for b in doc.blocks:
        if isinstance(b, Table):
            for c in b.cells:
                yield c.text, c.textmap
        else:
            yield b.text, b.textmap


def check_leaked(doc, rule, ctx):
    kinds = set(rule.params.get("kinds") or [])
    patterns = [p for p in _patterns(ctx.schema(rule.params["schema"])) if not kinds or p.kind in kinds]
    budgets: dict[str, safe_regex.Budget] = {}  # one time budget per pattern per document
    nodes = list(_text_nodes(doc))
    texts = [text for text, _tmap in nodes]
    # A pattern found nowhere in the whole document need not be tried on each text.
    patterns = [p for p in patterns if p.regex.may_match_in(texts, budgets.setdefault(p.regex.pattern, safe_regex.Budget()))]
    for text, tmap in nodes if patterns else ():
        hits = []
        for p in patterns:
            for m in p.regex.finditer(text, budgets.setdefault(p.regex.pattern, safe_regex.Budget())):
                hits.append((m.start(), m.end(), p))
        hits.sort(key=lambda h: (h[0], -h[1]))
        last_end = -1
        for start, end, p in hits:
            if start < last_end:
                continue  # inside an earlier hit (「<!--[if …]-->」 is one leak, not two)
            last_end = end
            yield Finding(tmap.span(start, end), {"found": text[start:end], "what": p.what,
                                                  "expected": p.expected})


# -- names of documents ------------------------------------------------------------------

_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_DOUBLED = re.compile(r"《{2,}|》{2,}")


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _near_title(name: str, titles: list[dict], accepted: set[str], threshold: float):
    """The known title this name nearly (but not exactly) quotes, else None."""
    key = normalize(name)
    if key in accepted or any(a in key for a in accepted if len(a) > 4):
        return None  # exact, a short form, or another document naming it (《〈条例〉释义》)
    best, best_score = None, 0.0
    for t in titles:
        score = _similarity(key, normalize(t["title"]))
        if score > best_score:
            best, best_score = t, score
    if best is None or best_score < threshold:
        return None
    if not all(normalize(r) in key for r in best.get("requires") or []):
        return None
    return best


_INNER = re.compile(r"[〈<]([^〈〉<>]{2,60})[〉>]")


def _quoted_names(text: str):
    """(name, start, end) of every 《name》, and of every 〈name〉 nested inside one."""
    for m in _TITLE.finditer(text):
        yield m.group(1), m.start(), m.end()
        for k in _INNER.finditer(m.group(1)):
            yield k.group(1), m.start(1) + k.start(), m.start(1) + k.end()


def check_document_title(doc, rule, ctx):
    problem = rule.params["problem"]
    if problem == "doubled-marks":
        for text, tmap in _text_nodes(doc):
            for m in _DOUBLED.finditer(text):
                yield Finding(tmap.span(m.start(), m.end()), {"found": m.group(0), "expected": m.group(0)[0]})
        return
    schema = ctx.schema(rule.params["schema"])
    titles = list(schema["titles"])
    accepted = {normalize(t["title"]) for t in titles}
    for t in titles:
        accepted.update(normalize(a) for a in t.get("accepted") or [])
    threshold = float(schema.get("threshold", 0.85))
    for b in doc.text_blocks:
        for name, start, end in _quoted_names(b.text):
            near = _near_title(name, titles, accepted, threshold)
            if near is not None:
                yield Finding(b.textmap.span(start, end), {"found": b.text[start:end], "expected": f"《{near['title']}》"})


@hookimpl
def disclint_checker_kinds():
    schema = Param("schema", str, required=True, doc="the schema holding the patterns or the titles")
    return [
        CheckerKind("enumeration-order", check_enumeration, placeholders=("after", "expected", "found"),
                    doc="一是…二是… / 第一，…第二，… lists inside a passage count up one by one"),
        CheckerKind("leaked-text", check_leaked,
                    params=(schema, Param("kinds", list, doc="which kinds of the schema (markup, template, placeholder)")),
                    placeholders=("found", "what", "expected"),
                    doc="markup, template notes or unfilled placeholders left in the report"),
        CheckerKind("document-title", check_document_title,
                    params=(Param("problem", str, required=True, doc="near-miss | doubled-marks", choices=("near-miss", "doubled-marks")),
                            Param("schema", str, doc="the schema holding known titles (near-miss)")),
                    placeholders=("found", "expected"),
                    doc="a misquoted name of a governing document, or doubled 《《 》》 marks"),
    ]

"""The six mandated sections (一、总体情况 … 六、其他需要报告的事项): present, in order, titled right.

Headings are found anywhere in the text: on their own line, as markdown headings, or
inside a page flattened onto one line. A numbered heading (一、…六、) is taken as a
section heading only when its words match a section title (exactly, as a known
variant, or closely enough to be a misspelling of it), so table row labels such as
一、本年新收政府信息公开申请数量 and numbered points such as （一）… or 一是… never count.
All section rules share one analysis, computed once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from disclint.checking import CheckerKind, Finding, Param
from disclint.facts import find_title
from disclint.hookspecs import hookimpl
from disclint.model import Block, Span, Table
from disclint.normalize import normalize, normalize_with_map

_NUMERALS = "一二三四五六七八九十"
# A section number. In a flattened page it may follow anything (a table's last digit,
# 元), so a number is taken wherever the title words after it match; a misspelt title
# (near miss) also needs a clean boundary before the number.
_MARK = re.compile(r"(?<![一二三四五六七八九十第])([一二三四五六七八九十]{1,2})[、.]")
_TRAILING = re.compile(r"[。.:;、]+$")
_NEAR_MISS = 0.8  # similarity a misspelt title needs (005's extra 法 scores 0.97)
_SHORT_BLOCK = 60  # a block this short that starts with a number is a heading line


@dataclass
class SectionSpec:
    index: int  # 0-based position among the six
    number: str
    title: str
    forms: list[tuple[str, str]]  # (normalised form, as written): the title first, then variants
    evidence: list[str]  # normalised words whose sub-heading shows the section's content is there


@dataclass
class Heading:
    spec: SectionSpec
    number: str  # the number the report wrote
    written: str  # the title as the report wrote it
    quality: str  # "exact", "variant" or "near"
    span: Span  # the number and title
    block_index: int
    start_offset: int  # where the number starts inside its block
    end_offset: int  # where the title ends inside its block


@dataclass
class Analysis:
    specs: list[SectionSpec]
    headings: list[Heading]  # in document order: every recognised section heading
    first: dict[int, Heading]  # the first heading of each section found
    doc_end: Span


def _specs(schema: list) -> list[SectionSpec]:
    out = []
    for i, item in enumerate(schema):
        forms = [(normalize(item["title"]), item["title"])]
        forms += [(normalize(v), v) for v in item.get("variants") or []]
        out.append(SectionSpec(i, item["number"], item["title"], forms, [normalize(w) for w in item.get("evidence") or []]))
    return out


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _clean_boundary(text: str, at: int) -> bool:
    """True when the number at ``text[at]`` starts a block or follows a non-ideograph."""
    if at == 0:
        return True
    ch = text[at - 1]
    return not ("\u4e00" <= ch <= "\u9fff")


def _match(rest: str, whole_line: bool, specs: list[SectionSpec], number: str, allow_near: bool = True):
    """Best (spec, quality, length in normalised chars) for the words after a number."""
    best = None
    for spec in specs:
        for k, (form, _written) in enumerate(spec.forms):
            if (whole_line and rest == form) or (not whole_line and rest.startswith(form)):
                quality = "exact" if k == 0 else "variant"
                cand = (2 if k == 0 else 1, len(form), spec, quality, len(form))
                if best is None or cand[:2] > best[:2]:
                    best = cand
    if best is not None:
        return best[2], best[3], best[4]
    # A misspelling must keep the section's own number: that and a high similarity
    # together keep other numbered headings (工作机制保障, 政府信息管理…) out.
    if not allow_near:
        return None
    near = None
    for spec in specs:
        if spec.number != number:
            continue
        for form, _written in spec.forms:
            if whole_line:
                score, length = _similarity(rest, form), len(rest)
            else:
                score, length = max((_similarity(rest[:n], form), n) for n in range(max(len(form) - 3, 1), len(form) + 4))
            if score >= _NEAR_MISS and (near is None or score > near[0]):
                near = (score, spec, length)
    if near is not None:
        return near[1], "near", near[2]
    return None


def _candidates(block: Block, block_index: int, specs: list[SectionSpec]) -> list[Heading]:
    norm, where = normalize_with_map(block.text)
    found = []
    for m in _MARK.finditer(norm):
        number = m.group(1)
        start = m.end()
        rest = norm[start:]
        whole_line = m.start() == 0 and len(norm) <= _SHORT_BLOCK
        if whole_line:
            rest = _TRAILING.sub("", rest)
        hit = _match(rest, whole_line, specs, number, _clean_boundary(block.text, where[m.start()]))
        if hit is None:
            continue
        spec, quality, length = hit
        end_norm = start + length
        o_start = where[m.start()]
        o_end = where[min(end_norm, len(where)) - 1] + 1
        found.append(Heading(spec, number, block.text[where[start]:o_end] if start < len(where) else "", quality, block.textmap.span(o_start, o_end), block_index, o_start, o_end))
    return _drop_listings(found, block)


def _drop_listings(found: list[Heading], block: Block) -> list[Heading]:
    """A run of titles one right after another is a table of contents or an introduction."""
    if len(found) < 2:
        return found
    keep = []
    for i, h in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        prev = found[i - 1] if i > 0 else None
        gap_next = nxt is not None and _gap(block, h, nxt) <= 3
        gap_prev = prev is not None and _gap(block, prev, h) <= 3
        if not (gap_next or gap_prev):
            keep.append(h)
    return keep


def _gap(block: Block, a: Heading, b: Heading) -> int:
    return len(block.text[a.end_offset : b.start_offset].strip())


def analyse(doc, schema: list) -> Analysis:
    specs = _specs(schema)
    headings: list[Heading] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            continue
        headings.extend(_candidates(block, i, specs))
    first: dict[int, Heading] = {}
    for h in headings:
        first.setdefault(h.spec.index, h)
    last = doc.blocks[-1] if doc.blocks else None
    end = last.textmap.span(max(len(last.text) - 1, 0), max(len(last.text), 1)) if last is not None else Span.at(1, 1)
    return Analysis(specs, headings, first, end)


def _analysis(doc, rule, ctx) -> Analysis:
    name = rule.params["schema"]
    return ctx.cached(f"sections:{name}", lambda: analyse(doc, ctx.schema(name)))


def _official(spec: SectionSpec) -> str:
    return f"{spec.number}、{spec.title}"


# -- the checks ------------------------------------------------------------------


# A numbered point (（一）…, 一是…, 1.…) at the start of a block: a sub-heading.
_SUBHEAD = re.compile(r"^(?:\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]是|\d{1,2}[.、])")


def _content_without_heading(doc, a: Analysis, spec: SectionSpec) -> Block | None:
    """A sub-heading naming the section's matter between its neighbours' headings, if any.

    011 and 012 drop 「五、存在的主要问题及改进情况」 but keep 「（一）主要问题」 in its place:
    the heading is missing, the content is not.
    """
    if not spec.evidence:
        return None
    before = [a.first[k] for k in sorted(a.first) if k < spec.index]
    after = [a.first[k] for k in sorted(a.first) if k > spec.index]
    lo = before[-1].block_index + 1 if before else 0
    hi = after[0].block_index if after else len(doc.blocks)
    for block in doc.blocks[lo:hi]:
        if isinstance(block, Table):
            continue
        text = normalize(block.text[:60])
        if _SUBHEAD.match(text) and any(w in text for w in spec.evidence):
            return block
    return None


def check_missing(doc, rule, ctx):
    """Missing sections; ``content: present`` reports those whose matter is there under sub-headings."""
    a = _analysis(doc, rule, ctx)
    want_present = rule.params.get("content", "absent") == "present"
    for spec in a.specs:
        if spec.index in a.first:
            continue
        evidence = _content_without_heading(doc, a, spec)
        if (evidence is not None) != want_present:
            continue
        later = [a.first[k] for k in sorted(a.first) if k > spec.index]
        span = later[0].span if later else a.doc_end
        where = f"应位于「{later[0].number}、{later[0].written}」之前" if later else "应位于报告末尾"
        found = evidence.text[:30] if evidence is not None else ""
        yield Finding(span, {"number": spec.number, "title": spec.title, "expected": _official(spec), "where": where, "found": found})


def check_order(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    ordered = sorted(a.first.values(), key=lambda h: (h.span.start.line, h.span.start.column))
    highest = None
    for h in ordered:
        if highest is not None and h.spec.index < highest.spec.index:
            yield Finding(h.span, {"number": h.spec.number, "title": h.spec.title, "expected": _official(h.spec), "after": _official(highest.spec)})
        elif highest is None or h.spec.index > highest.spec.index:
            highest = h


def check_title_variant(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.quality == "variant":
            yield Finding(h.span, {"found": f"{h.number}、{h.written}", "expected": _official(h.spec)})


def check_title_wrong(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.quality == "near":
            yield Finding(h.span, {"found": f"{h.number}、{h.written}", "expected": _official(h.spec)})


def check_number(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.number != h.spec.number:
            yield Finding(h.span, {"found": f"{h.number}、{h.written}", "expected": _official(h.spec), "number": h.number})


def check_duplicate(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        first = a.first[h.spec.index]
        if h is not first and h.quality != "near":
            yield Finding(h.span, {"expected": _official(h.spec), "line": first.span.start.line})


def check_empty(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    ordered = sorted(a.first.values(), key=lambda h: (h.block_index, h.end_offset))
    for i, h in enumerate(ordered):
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if not _has_content(doc, h, nxt):
            yield Finding(h.span, {"expected": _official(h.spec)})


def _has_content(doc, h: Heading, nxt: Heading | None) -> bool:
    stop_block = nxt.block_index if nxt else len(doc.blocks)
    block = doc.blocks[h.block_index]
    same_block = nxt is not None and nxt.block_index == h.block_index
    tail = block.text[h.end_offset : nxt.start_offset if same_block else None]
    if _TRAILING.sub("", normalize(tail)):
        return True
    for b in doc.blocks[h.block_index + 1 : stop_block]:
        if isinstance(b, Table) or normalize(b.text):
            return True
    if nxt is not None and nxt.block_index > h.block_index:
        return bool(normalize(doc.blocks[nxt.block_index].text[: nxt.start_offset]))
    return False


def check_title(doc, rule, ctx):
    """The report's own title names the report as the format does."""
    title = find_title(doc)
    if title is None:
        return
    wanted = rule.params["must-contain"]
    if normalize(wanted) not in normalize(title.text):
        yield Finding(title.span, {"found": title.text, "expected": wanted})


_SCHEMA = (Param("schema", str, required=True, doc="name of the sections schema"),)


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "section-missing",
            check_missing,
            _SCHEMA + (Param("content", str, choices=("absent", "present"), doc="absent (default): nothing of the section is there; present: its matter is there without the heading"),),
            ("number", "title", "expected", "where", "found"),
            "A mandated section has no heading.",
        ),
        CheckerKind("section-order", check_order, _SCHEMA, ("number", "title", "expected", "after"), "A section heading comes after a later section's."),
        CheckerKind("section-title-variant", check_title_variant, _SCHEMA, ("found", "expected"), "A heading uses a known variant of the official title."),
        CheckerKind("section-title-wrong", check_title_wrong, _SCHEMA, ("found", "expected"), "A heading is close to, but not, the official title."),
        CheckerKind("section-number-wrong", check_number, _SCHEMA, ("found", "expected", "number"), "A section heading carries another section's number."),
        CheckerKind("section-duplicate", check_duplicate, _SCHEMA, ("expected", "line"), "A section heading appears twice."),
        CheckerKind("section-empty", check_empty, _SCHEMA, ("expected",), "A section heading is followed directly by the next one."),
        CheckerKind(
            "report-title",
            check_title,
            (Param("must-contain", str, required=True, doc="words the title must contain"),),
            ("found", "expected"),
            "The report's title names it as the format does.",
        ),
    ]

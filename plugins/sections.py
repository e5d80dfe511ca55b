"""The six mandated sections (一、总体情况 … 六、其他需要报告的事项): present, in order, titled right.

Which heading stands for which section is decided once per document by the outline
analysis (:mod:`disclint.analysis.outline`): every numbered heading, wherever it stands,
is aligned with the six sections by number and title together. These checks read its
verdicts: a section present under another title gets a title finding (S103/S104), never
"missing"; a section is missing (S101) only when neither a heading nor its matter is
there (S109: the matter is there without the heading); parts the format does not have
(S110) and a section split in two (S111) are one finding each, and the renumbering they
cause is not reported again as a wrong number (S105).
"""

from __future__ import annotations

import re

from disclint.analysis.outline import Heading, Outline, outline_of
from disclint.checking import CheckerKind, Finding, Param
from disclint.analysis.dates import cn_numeral
from disclint.facts import find_title
from disclint.hookspecs import hookimpl
from disclint.model import Block, Table
from disclint.normalize import normalize

_TRAILING = re.compile(r"[。.:;、]+$")


def _analysis(doc, rule, ctx) -> Outline:
    return outline_of(doc, ctx, rule.params["schema"])


# -- the checks ------------------------------------------------------------------


# A numbered point (（一）…, 一是…, 1.…) at the start of a block: a sub-heading.
_SUBHEAD = re.compile(r"^(?:\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]是|\d{1,2}[.、])")


def _content_without_heading(doc, a: Outline, index: int) -> Block | None:
    """A sub-heading naming the section's matter between its neighbours' headings, if any.

    011 and 012 drop 「五、存在的主要问题及改进情况」 but keep 「（一）主要问题」 in its place:
    the heading is missing, the content is not.
    """
    part = a.parts[index]
    if not part.evidence:
        return None
    before = [a.assigned[k] for k in sorted(a.assigned) if k < index]
    after = [a.assigned[k] for k in sorted(a.assigned) if k > index]
    lo = before[-1].block_index + 1 if before else 0
    hi = after[0].block_index if after else len(doc.blocks)
    for block in doc.blocks[lo:hi]:
        if isinstance(block, Table):
            continue
        text = normalize(block.text[:60])
        if _SUBHEAD.match(text) and any(w in text for w in part.evidence):
            return block
    return None


def check_missing(doc, rule, ctx):
    """Missing sections; ``content: present`` reports those whose matter is there under sub-headings."""
    a = _analysis(doc, rule, ctx)
    want_present = rule.params.get("content", "absent") == "present"
    for part in a.parts:
        if a.present(part.index):
            continue
        evidence = _content_without_heading(doc, a, part.index)
        if (evidence is not None) != want_present:
            continue
        later = [a.assigned[k] for k in sorted(a.assigned) if k > part.index]
        span = later[0].span if later else a.doc_end
        where = f"应位于「{later[0].shown}」之前" if later else "应位于报告末尾"
        found = evidence.text[:30] if evidence is not None else ""
        yield Finding(span, {"number": part.number, "title": part.title, "expected": part.official, "where": where, "found": found})


def check_order(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h, later in a.displaced:
        yield Finding(h.span, {"number": h.part.number, "title": h.part.title, "expected": h.part.official, "after": later.part.official})


def check_title_variant(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.quality == "variant" and not a.in_split(h):
            yield Finding(h.span, {"found": h.shown, "expected": h.part.official})


def check_title_wrong(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.quality in ("near", "reworded") and not a.in_split(h):
            yield Finding(h.span, {"found": h.shown, "expected": h.part.official})


def check_number(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h in a.headings:
        if h.number != h.part.number and id(h) not in a.shifted:
            yield Finding(h.span, {"found": h.shown, "expected": h.part.official, "number": h.number})


def check_duplicate(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    for h, first in a.duplicates:
        yield Finding(h.span, {"expected": h.part.official, "line": first.span.start.line})


def _count(n: int) -> str:
    """A count as written before 个: 两个, not 二个."""
    return "两" if n == 2 else cn_numeral(n)


def _quoted(items) -> str:
    return "".join(f"「{x}」" for x in items)


def check_extra(doc, rule, ctx):
    """Parts the format does not have, inserted between mandated ones (the later ones renumbered)."""
    a = _analysis(doc, rule, ctx)
    for run in a.extras:
        if run.split_of is not None:
            continue
        found = _quoted(f"{c.number}、{c.title}" for c in run.headings)
        after = f"「{run.after.shown}」之后" if run.after is not None else "正文中"
        values = {"found": found, "after": after, "count": _count(len(run.headings)), "parts": _count(len(a.parts)), "shifted": _shifted(a, run)}
        yield Finding(run.spans[0], values)


def _shifted(a: Outline, run) -> str:
    """「，其后部分的编号随之顺延」 when mandated parts follow the run."""
    last = run.headings[-1]
    later = any((h.block_index, h.start_offset) > (last.block_index, last.start) for h in a.headings)
    return "，其后部分的编号随之顺延" if later else ""


def check_split(doc, rule, ctx):
    """One mandated part written as two or more numbered parts."""
    a = _analysis(doc, rule, ctx)
    for run in a.extras:
        h = run.split_of
        if h is None:
            continue
        found = _quoted([h.shown] + [f"{c.number}、{c.title}" for c in run.headings])
        values = {"found": found, "expected": h.part.official, "number": h.part.number, "count": _count(len(run.headings) + 1), "shifted": _shifted(a, run)}
        yield Finding(h.span, values)


def check_empty(doc, rule, ctx):
    a = _analysis(doc, rule, ctx)
    ordered = a.headings
    for i, h in enumerate(ordered):
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if not _has_content(doc, h, nxt):
            yield Finding(h.span, {"expected": h.part.official})


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
    if any(h.block_index < at <= stop_block for at, _span in doc.images):
        return True  # a picture (a table printed as an image) is content
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
        CheckerKind("section-extra", check_extra, _SCHEMA, ("found", "after", "count", "parts", "shifted"), "Numbered parts the format does not have are inserted between the sections."),
        CheckerKind("section-split", check_split, _SCHEMA, ("found", "expected", "number", "count", "shifted"), "One section is written as two or more numbered parts."),
        CheckerKind(
            "report-title",
            check_title,
            (Param("must-contain", str, required=True, doc="words the title must contain"),),
            ("found", "expected"),
            "The report's title names it as the format does.",
        ),
    ]

"""``section-text``: text a part of the report must or must not contain (a regulator's YAML).

The part is a section of the ``sections`` schema by its number (``section: 六``) or
the text after the numbered heading whose title ``heading-pattern`` finds, up to
the next numbered heading; without either, the whole report. ``require`` and ``forbid`` list literals
(matched as written) or ``{pattern: REGEX, what: 说明}``; a regulator's patterns are
checked when the rule set loads and run on the project's safe engine
(``disclint.safe_regex``: RE2, linear time, for a regulator's; ``regex`` for a shipped
one; a time budget per document for both). Section boundaries
come from the outline analysis the section rules use.
"""

from __future__ import annotations

import re

from disclint import safe_regex
from disclint.analysis.outline import outline_of
from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.model import Table

MAX_FINDINGS = 20  # forbidden text quoted at most this often per rule and report


def _compile(pattern: str):
    return safe_regex.compile(pattern)  # validated at load by its file (a `pattern` key): RE2 unless shipped; budgeted


def _matches(rx, text: str, lo: int, hi: int, budget):
    """(start, end, text) of each match inside text[lo:hi]."""
    if isinstance(rx, re.Pattern):  # a literal, escaped: linear
        for m in rx.finditer(text, lo, hi):
            yield m.start(), m.end(), m.group(0)
        return
    for m in rx.finditer(text[lo:hi], budget):
        yield lo + m.start(), lo + m.end(), m.group(0)


def _matcher(entry):
    """(what to call it, a compiled pattern) for one ``require``/``forbid`` entry."""
    if isinstance(entry, dict):
        if "pattern" in entry:
            return str(entry.get("what") or entry["pattern"]), _compile(str(entry["pattern"]))
        entry = entry.get("text", "")
    return str(entry), re.compile(re.escape(str(entry)))


def _part(doc, rule, ctx):
    """(name, heading span or None, [(block index, start, end)]) of the part, or None."""
    p = rule.params
    whole = [(i, 0, len(b.text)) for i, b in enumerate(doc.blocks) if not isinstance(b, Table)]
    if "section" not in p and "heading-pattern" not in p:
        return "全文", None, whole
    schema = p.get("schema", "sections")
    # The outline every section rule uses (disclint.analysis.outline), computed once.
    a = outline_of(doc, ctx, schema)
    marks = sorted(((h.block_index, h.start_offset, h.end_offset, h) for h in a.headings), key=lambda m: m[:3])
    if "section" in p:
        start = next(((b, e, h) for b, _s, e, h in marks if h.part.number == str(p["section"])), None)
        if start is None:
            return None
        b0, e0, head = start
        name, span = f"{head.part.number}、{head.part.title}", head.span
    else:
        # A numbered heading (一、… 十、, wherever the outline found one) whose title matches.
        rx = _compile(str(p["heading-pattern"]))
        budget = safe_regex.Budget()
        head = next((c for c in a.candidates if not c.row and next(_matches(rx, c.title, 0, len(c.title), budget), None)), None)
        if head is None:
            return None
        b0, e0 = head.block_index, head.title_end
        name, span = f"{head.number}、{head.title}", doc.blocks[b0].textmap.span(head.start, head.title_end)
        marks = sorted(marks + [(c.block_index, c.start, c.title_end, None) for c in a.candidates if not c.row], key=lambda m: m[:3])
    nxt = next(((b, s) for b, s, _e, _h in marks if b > b0 or (b == b0 and s >= e0)), None)
    out = []
    for i, lo, hi in whole:
        if i < b0 or (nxt and i > nxt[0]):
            continue
        lo = e0 if i == b0 else 0
        hi = nxt[1] if nxt and i == nxt[0] else hi
        if lo < hi:
            out.append((i, lo, hi))
    return name, span, out


def check_text(doc, rule, ctx):
    try:
        part = _part(doc, rule, ctx)
    except safe_regex.PatternTimeout:
        return
    if part is None:
        return  # the part itself is missing: the section rules say so
    name, span, ranges = part
    at = span or (doc.blocks[ranges[0][0]].span if ranges else None)
    for entry in rule.params.get("require") or []:
        what, rx = _matcher(entry)
        budget = safe_regex.Budget()
        try:
            found = any(next(_matches(rx, doc.blocks[i].text, lo, hi, budget), None) for i, lo, hi in ranges)
        except safe_regex.PatternTimeout:
            continue  # undecided: no finding on a guess
        if not found and at is not None:
            yield Finding(at, {"section": name, "expected": what, "found": ""})
    shown = 0
    for entry in rule.params.get("forbid") or []:
        what, rx = _matcher(entry)
        budget = safe_regex.Budget()
        try:
            for i, lo, hi in ranges:
                for start, end, text in _matches(rx, doc.blocks[i].text, lo, hi, budget):
                    if shown >= MAX_FINDINGS:
                        return
                    shown += 1
                    yield Finding(doc.blocks[i].textmap.span(start, end), {"section": name, "expected": what, "found": text})
        except safe_regex.PatternTimeout:
            continue


def refers(params, schemas):
    """A part named by number is one of the sections schema's."""
    if "section" not in params:
        return
    name = params.get("schema", "sections")
    numbers = [str(e.get("number")) for e in schemas.get(name) or [] if isinstance(e, dict)]
    if str(params["section"]) not in numbers:
        yield "section", f"schema `{name}` has no section `{params['section']}` (it has: {', '.join(numbers) or 'none'})"


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "section-text", check_text,
            params=(
                Param("section", str, doc="the section's number in schema `schema` (e.g. 六)"),
                Param("heading-pattern", str, doc="or: a regular expression for the title of the numbered heading (一、…) the part follows"),
                Param("schema", str, doc="the sections schema (default: sections)"),
                Param("require", list, doc="text that must appear: literals or {pattern: REGEX, what: 说明}"),
                Param("forbid", list, doc="text that must not appear: literals or {pattern: REGEX, what: 说明}"),
            ),
            placeholders=("section", "expected", "found"),
            doc="某一部分（按编号或标题）中必须出现或不得出现的文字",
            refers=refers,
        ),
    ]

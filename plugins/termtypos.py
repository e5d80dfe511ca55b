"""Misspelt terms of the format in the running text (C303).

The format's own vocabulary — the section titles, the table headings and labels, the names of
the documents a report must cite — is read from the rule set's schemas (the ``term-typos``
schema says which schemas and which fields), cut at punctuation into terms, numbering and
bracketed notes left out. A stretch of running text that is exactly one edit (one character inserted,
deleted or substituted) from a term, and is itself none of the terms nor part of one, is a
misspelling of that term (「政府信息公开条列」, 「本机关不掌控相关政府信息」).

Precision first, so a stretch is taken only when:

* the term is long (``min-length`` characters): a short term is one edit from many words;
* its first and last characters are the term's (an edit at an end is another word boundary or
  another word: 「政府信息公开条目」 is no misspelt 条例), and every character of it is an ideograph (a comma or a quotation mark put in a term is
  punctuation, not a misspelling);
* it is not one of the schema's ``words`` (words of their own one edit from a term), and the
  edit is not only a particle of the schema's ``particles`` put in, taken out or swapped
  (「主动公开政府信息的情况」「存在的主要问题和改进情况」 reword a title, they do not misspell it),
  nor only a kind mark of the schema's ``kind-marks`` put in between two words of the term
  (「政府信息公开类行政复议申请」: a review of the disclosure kind, prose, not a misspelt term);
* it is not inside a heading of the outline (a misspelt heading is a section finding) nor
  inside 《》 (a misquoted document name is C301's).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rapidfuzz.distance import Levenshtein

from disclint.analysis.outline import outline_of
from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl
from disclint.normalize import normalize, normalize_with_map

_NUMBERING = re.compile(r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])")
_NOTE = re.compile(r"[(（][^()（）]*[)）]")  # 「（区分处理的，只计这一情形…）」「（单位：万元）」: notes, not terms
_CUT = re.compile(r"[、，,：:；;。“”\"‘’'《》〈〉()（）\[\]【】/\s]+")
_IDEOGRAPH = re.compile(r"^[\u4e00-\u9fff]+$")
_TITLED = re.compile(r"《[^《》]{0,80}》")  # a name in book-title marks is C301's (document-title)


def _strings(node, fields: set[str]):
    """Every string held under one of ``fields`` anywhere in a schema (lists of strings too)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in fields:
                if isinstance(v, str):
                    yield v
                elif isinstance(v, list):
                    yield from (x for x in v if isinstance(x, str))
            if isinstance(v, (dict, list)):
                yield from _strings(v, fields)
    elif isinstance(node, list):
        for x in node:
            yield from _strings(x, fields)


def vocabulary(ctx, schema: dict) -> tuple[frozenset[str], int]:
    """(the terms, the minimum length) from the schemas the ``term-typos`` schema names."""
    terms: set[str] = set()
    for src in schema.get("sources") or []:
        try:
            node = ctx.schema(src["schema"])
        except KeyError:  # a rule set without that schema (legacy-2008 has no table2)
            continue
        for s in _strings(node, set(src.get("fields") or [])):
            for piece in _CUT.split(_NOTE.sub("", normalize(s))):
                piece = _NUMBERING.sub("", piece)
                if piece:
                    terms.add(piece)
    return frozenset(terms), int(schema.get("min-length", 5))


def _occurrences(text: str, part: str):
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _candidate_starts(text: str, term: str) -> list[int]:
    """Where a stretch one edit from ``term`` can start. One edit leaves one half of the term
    whole (pigeonhole): the first half stands at the start, or the second half stands
    after a first half one character longer, as long or shorter. Exact searches of two
    halves (C-level ``str.find``) instead of a fuzzy pattern per term: linear in the text
    and sound — every stretch the fuzzy pattern could give is among these."""
    half = len(term) // 2
    head, tail = term[:half], term[half:]
    starts = set(_occurrences(text, head))
    for q in _occurrences(text, tail):
        starts.update(k for k in (q - half - 1, q - half, q - half + 1) if k >= 0)
    return sorted(starts)


def _one_edit(term: str, w: str):
    """The one edit from ``term`` to ``w`` (an editop), or None when there is not exactly one."""
    ops = Levenshtein.editops(term, w)
    return ops[0] if len(ops) == 1 else None


def _misspelling(term: str, w: str, terms: frozenset[str], words: frozenset[str], particles: frozenset[str],
                 short_forms: tuple[tuple[str, str], ...] = (), kind_marks: frozenset[str] = frozenset()) -> bool:
    op = _one_edit(term, w)
    if op is None or not _IDEOGRAPH.match(w) or w in words or any(w in t for t in terms):
        return False
    if op.tag == "insert" and w[op.dest_pos] in kind_marks:  # 「…公开类行政复议…」: X类Y is prose
        return False
    # one word for its own short form (需要报告 / 需报告) is a rewording
    if any(term.replace(long_, short) == w or w.replace(long_, short) == term for long_, short in short_forms):
        return False
    # an edit at either end is another word boundary or another word (「政府信息公开条目」), not a
    # misspelt term: the term's first and last characters must stand
    if w[0] != term[0] or w[-1] != term[-1]:
        return False
    changed = ({term[op.src_pos]} if op.tag != "insert" else set()) | ({w[op.dest_pos]} if op.tag != "delete" else set())
    return not changed <= particles


def typos(text: str, terms: frozenset[str], min_len: int, words: frozenset[str], particles: frozenset[str] = frozenset(),
          short_forms: tuple[tuple[str, str], ...] = (), kind_marks: frozenset[str] = frozenset()):
    """(start, end, term) of each stretch of ``text`` one edit from a term; an edit that only
    puts in, takes out or swaps particles (的, 及/和) is a rewording, not a misspelling."""
    taken = bytearray(len(text))  # 1 where a stretch already given stands: a longer term's wins
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        if len(term) < min_len or not _IDEOGRAPH.match(term):
            continue
        starts = _candidate_starts(text, term)
        n = len(term)
        for at in starts:
            for end in (at + n, at + n + 1, at + n - 1):
                if end <= len(text) and _misspelling(term, text[at:end], terms, words, particles, short_forms, kind_marks):
                    break
            else:
                continue
            if any(taken[at:end]) or text.startswith(term, at):
                continue
            taken[at:end] = b"\x01" * (end - at)
            yield at, end, term


def _heading_spans(doc, ctx) -> list:
    ol = outline_of(doc, ctx)
    return [h.span for h in ol.headings] + [t.span for t in ol.top]


def _inside(span, spans) -> bool:
    a = (span.start.line, span.start.column)
    return any((s.start.line, s.start.column) <= a <= (s.end.line, s.end.column) for s in spans)


def check_term_typos(doc, rule, ctx):
    schema = ctx.schema(rule.params["schema"])
    terms, min_len = vocabulary(ctx, schema)
    words = frozenset(normalize(str(w)) for w in schema.get("words") or [])
    particles = frozenset(normalize(str(w)) for w in schema.get("particles") or [])
    short_forms = tuple((normalize(str(a)), normalize(str(b))) for a, b in schema.get("short-forms") or [])
    kind_marks = frozenset(normalize(str(w)) for w in schema.get("kind-marks") or [])
    headings = _heading_spans(doc, ctx)
    # All running text searched at once, a line end between blocks (no stretch crosses it: a
    # stretch is all ideographs): a few C-level searches per term for the whole report instead
    # of per block, which cost seconds on a page of tens of thousands of short paragraphs.
    blocks, pieces, offsets, at = [], [], [], 0
    for b in doc.text_blocks:
        if b.kind == "heading":
            continue
        text, where = normalize_with_map(b.text)
        blocks.append((b, where, [m.span() for m in _TITLED.finditer(text)]))
        pieces.append(text)
        offsets.append(at)
        at += len(text) + 1
    for s, e, term in typos("\n".join(pieces), terms, min_len, words, particles, short_forms, kind_marks):
        i = bisect_right(offsets, s) - 1
        b, where, titled = blocks[i]
        s, e = s - offsets[i], e - offsets[i]
        if any(a <= s < z for a, z in titled):
            continue
        span = b.textmap.span(where[s], where[e - 1] + 1)
        if _inside(span, headings):
            continue
        yield Finding(span, {"found": b.text[where[s]:where[e - 1] + 1], "expected": term})


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "term-typo", check_term_typos,
            params=(Param("schema", str, required=True, doc="the term-typos schema: sources of the vocabulary, words"),),
            placeholders=("found", "expected"),
            doc="正文中与格式规定用语（部分标题、表格栏目、法规名称）只差一个字、本身又不成词的写法",
        ),
    ]

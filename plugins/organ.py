"""Organ checks (C4xx): text that belongs to another organ than the one the title names.

All four kinds read :mod:`disclint.analysis.organ` (the title's organ, the self-references,
the organ names written with the full locality, the signature), computed once per document.

* ``organ-self-reference`` — 我委 in a 局's report, 我县 in a zone's: the self-reference's
  kind character against the organ's ending, its level character against the locality's;
  and 「市本级」 (the writer's own level) at a level the locality does not have;
* ``organ-whole-area`` — 「全市」 where neither the locality nor the report names any area
  of that level (a zone that is in no city writing of the whole city);
* ``organ-name`` — a slip in the organ's own name (one character replaced or moved in the
  body, a character of the locality dropped from its tail), and a minority spelling of a
  name that the report writes otherwise more often (党委会管委会 beside 党工委管委会);
* ``organ-signature`` — the signing organ is neither the title's organ, nor a shortening,
  office or parent of it, nor a slip (which ``organ-name`` reports);
* ``organ-respondent`` — the respondent of the organ's own cases (针对X申请行政复议) is an
  organ of the same name at a level the locality does not have (市公安局 for a zone's 公安局).
"""

from __future__ import annotations

import re
from collections import Counter

from disclint.analysis.organ import Analysis, Mention, analysis, locality_slip, one_slip, related
from disclint.checking import CheckerKind, Finding, Param
from disclint.hookspecs import hookimpl


# How many names of one length a name is compared with (hostile input has thousands).
_MAX_COMPARED = 50


def _an(doc, rule, ctx) -> Analysis:
    return analysis(doc, ctx, rule.params.get("schema") or "organ-names")


def check_self_reference(doc, rule, ctx):
    an = _an(doc, rule, ctx)
    organ, vocab = an.organ, an.vocabulary
    if organ is None:
        return
    for m in an.self_refs:
        prefix, c = m.text[0], m.text[1]
        if c in vocab.self_chars and prefix in vocab.self_prefixes:
            if organ.self_chars and c not in organ.self_chars:
                yield Finding(m.span, {"found": m.text, "organ": organ.name, "expected": prefix + organ.self_chars[0]})
        elif _other_level(vocab, organ, c):
            own = organ.locality[-1]
            yield Finding(m.span, {"found": m.text, "organ": organ.name, "expected": prefix + own})
    # 「市本级」 speaks of the writer's own level, whatever its tier (unlike 我市 in a county's).
    own = _own_level(vocab, organ)
    for p in an.level_phrases:
        if p.form == "own" and own and not _has_level(organ.levels, p.level):
            found = p.mention.text
            yield Finding(p.mention.span, {"found": found, "organ": organ.name, "expected": own + found[len(p.level):]})


def _has_level(levels, lv: str) -> bool:
    """Whether ``levels`` (the locality's, or those a report names) include ``lv`` (自治区 has 区)."""
    return any(x.endswith(lv) for x in levels)


def _everyones_parent(vocab, organ, lv: str) -> bool:
    """A top-tier level (省, 自治区) above every level of the locality: it lies in one."""
    tiers = [vocab.tiers[x] for x in organ.levels if x in vocab.tiers]
    return vocab.tier_of(lv) == 0 and bool(tiers) and min(tiers) > 0


def _own_level(vocab, organ) -> str:
    """The level word that ends the locality (区 for 平潭综合实验区, 自治区 for 广西壮族自治区)."""
    return next((lv for lv in vocab.levels if organ.locality.endswith(lv)), "") if organ.locality else ""


def _other_level(vocab, organ, c: str) -> bool:
    """我县 in a zone's report: a level of the locality's tier or below that is not its own
    (我省, 我市 in a county's report name its province or city)."""
    if not organ.levels or any(lv.endswith(c) for lv in organ.levels):
        return False
    tier = vocab.tier_of(c)
    own = [vocab.tiers[lv] for lv in organ.levels if lv in vocab.tiers]
    return tier is not None and bool(own) and tier >= max(own)


def check_whole_area(doc, rule, ctx):
    """全市 in a report whose organ has no 市 in its name and which names no 市 otherwise: the
    whole of an area the organ is not in, copied from another area's report. A 全市 of a
    parent the report names (市政府, 福州市, 我市) is its own city's, and not reported; so is
    a 全省 below the top tier (every city and county lies in a province or region)."""
    an = _an(doc, rule, ctx)
    organ, vocab = an.organ, an.vocabulary
    own = _own_level(vocab, organ) if organ is not None else ""
    if not own:
        return
    for p in an.level_phrases:
        if p.form == "whole" and not _has_level(organ.levels, p.level) and not _has_level(an.named_levels, p.level) \
                and not _everyones_parent(vocab, organ, p.level):
            found = p.mention.text
            yield Finding(p.mention.span, {"found": found, "organ": organ.name, "level": p.level,
                                           "expected": found[:-len(p.level)] + own})


def _same_kind(vocab, a: str, b: str) -> bool:
    """The slip is not in the last character (财政金融厅 for 财政金融局 is another kind of organ)
    nor in a place named inside the body (城南镇人民政府 beside 城关镇人民政府, 海坛片区 beside
    another 片区: two places, two organs)."""
    if a[-1:] != b[-1:] or vocab.kind_of(b) is None:
        return False
    first = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    places = {lv[-1] for lv in vocab.levels}
    return not any(c in places for c in b[first + 1:-1])


def name_slips(an: Analysis) -> list[tuple[Mention, str]]:
    """(the misspelt name, the name it should be) in the text, computed once per document."""
    if "slips" not in an.derived:
        an.derived["slips"] = _name_slips(an)
    return an.derived["slips"]


def _name_slips(an: Analysis) -> list[tuple[Mention, str]]:
    organ, vocab = an.organ, an.vocabulary
    if organ is None or not organ.locality:
        return []
    loc = organ.locality
    out: list[tuple[Mention, str]] = []
    seen: set[tuple] = set()
    # Bodies after the full locality: the title's is right; otherwise the more frequent is
    # (written twice or more). Only in a department's report: a government's names all its
    # departments, and two of them may differ by one character (社会事业局, 社会事务局).
    # Only names of one length can be one slip apart; a bounded number of them is compared.
    counts = Counter(m.text[len(loc):] for m in an.names)
    by_length: dict[int, list[str]] = {}
    if organ.self_chars:
        for b, n in counts.most_common():
            if n >= 2:
                by_length.setdefault(len(b), []).append(b)
    own = organ.body if len(organ.body) >= vocab.min_body else ""
    fix: dict[str, str] = {}
    for body in counts:
        refs = ([own] if own else []) + [r for r in by_length.get(len(body), [])[:_MAX_COMPARED] if counts[r] > counts[body]]
        for ref in refs:
            if len(ref) >= vocab.min_body and one_slip(body, ref) and _same_kind(vocab, body, ref):
                fix[body] = ref
                break
    for m in an.names:
        ref = fix.get(m.text[len(loc):])
        if ref is not None:
            out.append((m, loc + ref))
            seen.add((m.span.start, m.span.end))
    # The locality with a slip before the organ's own body: 平潭综合区行政审批局.
    body = organ.body
    if body:
        for st in an.streams:
            text = st.text
            at = text.find(body)
            while at >= 0:
                for k in range(len(loc), max(len(loc) - 3, 2), -1):
                    written = text[at - k:at] if at - k >= 0 else ""
                    if written and locality_slip(written, loc, vocab):
                        span = st.span(at - k, at + len(body))
                        if (span.start, span.end) not in seen:
                            out.append((Mention(written + body, span), organ.name))
                            seen.add((span.start, span.end))
                        break
                at = text.find(body, at + len(body))
    out.sort(key=lambda x: (x[0].span.start.line, x[0].span.start.column))
    return out


def check_name(doc, rule, ctx):
    for m, expected in name_slips(_an(doc, rule, ctx)):
        yield Finding(m.span, {"found": m.text, "expected": expected})


def signature_differs(an: Analysis) -> bool:
    organ, vocab, sig = an.organ, an.vocabulary, an.signature
    if organ is None or sig is None:
        return False
    s, name = sig.text, organ.name
    if s == name or related(s, name):
        return False  # the organ, a shortening, its office, its parent
    loc = organ.locality
    kind = vocab.kind_of(s)
    if loc and s.startswith(loc) and kind is not None and not kind[1]:
        return False  # the locality's government (…管委会, …人民政府) signing for its department
    # A slip in the name is organ-name's finding (at the same place), not a second one here.
    return not any(m.span.start == sig.span.start for m, _ in name_slips(an))


def check_signature(doc, rule, ctx):
    an = _an(doc, rule, ctx)
    if signature_differs(an):
        yield Finding(an.signature.span, {"found": an.signature.text, "organ": an.organ.name})


def _respondent_pattern(schema: dict) -> re.Pattern | None:
    spec = schema.get("respondent") or {}
    before = sorted((re.escape(str(x)) for x in spec.get("before") or []), key=len, reverse=True)
    after = sorted((re.escape(str(x)) for x in spec.get("after") or []), key=len, reverse=True)
    if not before or not after:
        return None
    return re.compile(rf"(?:{'|'.join(before)})(?P<x>[\u4e00-\u9fff]{{2,30}}?)(?:{'|'.join(after)})")


def check_respondent(doc, rule, ctx):
    an = _an(doc, rule, ctx)
    organ, vocab = an.organ, an.vocabulary
    if organ is None or not organ.body or not organ.levels:
        return
    pattern = _respondent_pattern(ctx.schema(rule.params.get("schema") or "organ-names"))
    if pattern is None:
        return
    for st in an.streams:
        for m in pattern.finditer(st.text):
            x = m.group("x")
            if not x.endswith(organ.body) or x == organ.body:
                continue
            prefix = x[:-len(organ.body)]
            # Only level words, none of which the locality has: 市 before a zone's 公安局.
            if not all(c in vocab.levels for c in prefix) or any(c in organ.levels for c in prefix):
                continue
            yield Finding(st.span(m.start("x"), m.end("x")), {"found": x, "organ": organ.name})


@hookimpl
def disclint_checker_kinds():
    schema = Param("schema", str, doc="the schema holding the organ vocabulary (default organ-names)")
    values = ("found", "organ", "expected")
    return [
        CheckerKind("organ-self-reference", check_self_reference, params=(schema,), placeholders=values,
                    doc="我局/我委/我区 that does not fit the title's organ or its locality"),
        CheckerKind("organ-name", check_name, params=(schema,), placeholders=("found", "expected"),
                    doc="a slip in the organ's own name, its locality, or a name the report writes otherwise"),
        CheckerKind("organ-signature", check_signature, params=(schema,), placeholders=("found", "organ"),
                    doc="the signing organ is another organ than the title's"),
        CheckerKind("organ-whole-area", check_whole_area, params=(schema,),
                    placeholders=("found", "organ", "level", "expected"),
                    doc="全市/全县 of a level neither the organ's locality nor the report names"),
        CheckerKind("organ-respondent", check_respondent, params=(schema,), placeholders=("found", "organ"),
                    doc="the respondent of the organ's own cases is a same-named organ of another level"),
    ]

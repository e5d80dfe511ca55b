"""The narrative's split of applications by kind of applicant against 表三's columns (B508).

Part 一 often says who the applicants were: 「共收到政府信息公开申请3份，其中法人申请1件、
自然人申请2件」, 「申请75件，涉及自然人72件、商业企业3件」. 表三 counts the same applications
by applicant column, so each kind's number must equal its column (a group such as 法人或其他组织
is the sum of the columns under it, per the table3 schema's ``header-groups``).

Which 表三 row the sentence speaks of follows its verb, as for B501: 收到/接收/新收 is 本年新收;
受理/办理/答复 may also include 上年结转; 办结 is （七）总计 (the verbs are ``applicant-split``
data in the narrative-terms schema). The split is compared only under a reading whose total
agrees with the number the sentence states first: a sentence whose total already disagrees is
B501's finding, and one that speaks of another quantity is not this table's. The words for the
kinds are data too (``applicant-kinds``: a table3 column or header-group key → its words).
Other years, cumulative counts and comparisons are skipped, as in B501.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from disclint.checking import CheckerKind, Finding
from disclint.hookspecs import hookimpl
from disclint.analysis.tables import fmt_num, view_for
from disclint.analysis.text import scan_back, scan_forward, text_streams

_SENTENCE = set("。;!?\n")
_YEAR = re.compile(r"(\d{4})年")
_N = r"(?<![\d.])(?P<num>\d+)(?![\d.,%])"
_LINK = r"(?:共计|共|总计|合计|为|有)?"


@dataclass(frozen=True)
class _Terms:
    kinds: dict  # kind key -> column keys it sums
    words: dict  # word -> kind key
    verbs: dict  # verb -> list of row sets (each a tuple of table3 row keys)
    units: tuple
    off_scope: tuple


def _terms(ctx) -> _Terms | None:
    try:
        nt = ctx.schema("narrative-terms") or {}
        t3 = ctx.schema("table3") or {}
    except (KeyError, AttributeError):
        return None
    spec = nt.get("applicant-split") or {}
    kinds_words = nt.get("applicant-kinds") or {}
    columns = [c["key"] for c in t3.get("columns") or [] if isinstance(c, dict) and "key" in c]
    groups = {h["key"]: list(h.get("columns") or []) for h in t3.get("header-groups") or []
              if isinstance(h, dict) and "key" in h}
    kinds, words = {}, {}
    for key, ws in kinds_words.items():
        cols = [key] if key in columns else groups.get(key)
        if not cols or any(c not in columns for c in cols):
            continue  # a kind this table has no column for
        kinds[key] = tuple(cols)
        words.update({str(w): key for w in ws or []})
    verbs = {str(v): [tuple(rs) for rs in sets] for v, sets in (spec.get("verbs") or {}).items()}
    if not words or not verbs:
        return None
    return _Terms(kinds, words, verbs, tuple(spec.get("units") or ["件"]), tuple(spec.get("off-scope") or ()))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cell(row, col) -> Decimal | None:
    v = row.values.get(col)
    if v is None:
        return None
    if v.status == "ok":
        return v.number
    return Decimal(0) if v.status == "blank" else None


def _column_sum(t3, rows: tuple, cols: tuple) -> Decimal | None:
    total = Decimal(0)
    for r in rows:
        row = t3.rows.get(r)
        if row is None or row.excluded or not row.values:
            return None
        for c in cols:
            v = _cell(row, c)
            if v is None:
                return None
            total += v
    return total


def _totals(t3, rows: tuple) -> set[Decimal]:
    """The readings of the rows' total: the 总计 cells, and the applicant columns' sum."""
    value_cols = tuple(c for c in t3.columns if c != "总计")
    out = set()
    for cols in (("总计",), value_cols):
        v = _column_sum(t3, rows, cols)
        if v is not None:
            out.add(v)
    return out


def _source(t3, rows: tuple) -> str:
    names = [t3.labels[r].canonical if r in t3.labels else r for r in rows]
    return "表三" + "与".join(f"「{n}」" for n in names) + ("之和" if len(names) > 1 else "")


@dataclass
class Claim:
    span: object
    values: dict


def analyse(doc, ctx, trace: list | None = None) -> list[Claim]:
    """The mismatches of one document; ``trace`` (a list) receives ``(line, column, outcome)``
    for every split read, outcome agree | mismatch | skipped."""
    if ctx.year is not None and ctx.year < 2019:
        return []
    view = view_for(doc, ctx)
    t3 = view.table3 if view.table3 and view.table3.rows else None
    terms = _terms(ctx)
    if view.legacy or t3 is None or terms is None:
        return []
    units = _alt(terms.units)
    verb = f"(?P<verb>{_alt(terms.verbs)})"
    gap = r"[^\d,;:。!?()\n]{0,24}?"
    total_rx = re.compile(verb + gap + r"申请" + _LINK + _N + f"(?:{units})")
    kind_rx = re.compile(f"(?P<kind>{_alt(terms.words)})" + r"(?:提出的|提出|的)?(?:申请人)?(?:申请)?"
                         + _LINK + _N + f"(?P<unit>{units})")
    out: list[Claim] = []
    for st in text_streams(doc, ctx):
        text = st.text
        found = list(total_rx.finditer(text))
        for i, m in enumerate(found):
            start = scan_back(text, m.start(), _SENTENCE)
            end = scan_forward(text, m.end(), _SENTENCE)
            if i + 1 < len(found):  # the kinds after a total belong to it, up to the next total
                end = min(end, found[i + 1].start())
            sentence = text[start:end]
            if any(ctx.year is None or int(y) != ctx.year for y in _YEAR.findall(sentence)):
                continue
            if any(w in sentence for w in terms.off_scope):
                continue
            kinds = list(kind_rx.finditer(text, m.end(), end))
            if not kinds:
                continue
            claim = _judge(t3, terms, m, kinds)
            if isinstance(claim, tuple):
                out.append(Claim(st.span(*claim[0]), claim[1]))
            if trace is not None:
                sp = st.span(*kinds[0].span("num"))
                trace.append((sp.start.line, sp.start.column, "mismatch" if isinstance(claim, tuple) else claim or "skipped"))
    return out


def _judge(t3, terms: _Terms, total, kinds):
    stated = Decimal(total.group("num"))
    said: dict[str, Decimal] = {}
    for k in kinds:
        key = terms.words[k.group("kind")]
        if key in said:  # one kind named twice: not a plain split
            return None
        said[key] = Decimal(k.group("num"))
    # the row sets the verb may mean, kept where the stated total agrees with the table
    readings = [rs for rs in terms.verbs[total.group("verb")] if stated in _totals(t3, rs)]
    shown = None
    for rs in readings:
        got = {key: _column_sum(t3, rs, terms.kinds[key]) for key in said}
        if any(v is None for v in got.values()):
            continue
        if got == said:
            return "agree"
        shown = shown or (rs, got)
    if shown is None:
        return None
    rs, got = shown
    first = next(k for k in kinds if got[terms.words[k.group("kind")]] != said[terms.words[k.group("kind")]])
    table_text = "、".join(f"{t3.column_labels.get(key, key)}{fmt_num(got[key])}件"
                           for key in said)
    claim_text = "、".join(k.group(0) for k in kinds)
    return first.span("num"), {
        "claim": claim_text, "source": _source(t3, rs), "expected": table_text,
        "total": f"{fmt_num(stated)}{total.group(0)[-1]}",
    }


def check_applicants(doc, rule, ctx):
    for c in ctx.cached("narrative-applicants", lambda: analyse(doc, ctx)):
        yield Finding(c.span, c.values)


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "narrative-applicants", check_applicants,
            placeholders=("claim", "source", "expected", "total"),
            doc="正文按申请人类型分列的申请数与表三申请人各列不一致",
        ),
    ]

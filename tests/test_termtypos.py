"""C303 (format-term-misspelt) on the real reports.

No report of the corpus misspells a term of the format in its running text (its marked typos
are in tables, headings or words that are not the format's), so C303 finds nothing on any of
them — the precision bar. Then every real report is changed by one character in a term of the
format it writes in its running text: substituted, inserted, deleted. Each change is exactly
one C303 at the changed term, naming the official term, and no other new warning or error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REAL, SEED
from disclint.checking import Context
from disclint.engine import Linter
from disclint.analysis.outline import outline_of
from disclint.normalize import normalize

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "plugins"))
import termtypos  # noqa: E402  (the plugin module, for its vocabulary)

REPORTS = sorted(p for p in REAL.iterdir() if p.name != "MANIFEST.tsv") + [SEED]
TXT = sorted(REAL.glob("*.txt"))
ODD = "囗"  # a character no term has and no word is made of


@pytest.fixture(scope="module")
def lint():
    return Linter()


def diagnostics(lint, path) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.message) for d in lint.check_file(str(path)).diagnostics
            if d.severity in ("warning", "error")]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_no_misspelt_term_in_the_corpus(lint, path):
    assert [d for d in diagnostics(lint, path) if d[0] == "C303"] == []


def _context(lint, path):
    doc = lint.read(str(path))
    rs, found = lint.choose(doc)
    return doc, Context(doc, rs, lint.options, found.year if found else None, found.span if found else None)


def first_term(lint, path) -> tuple[int, int, str] | None:
    """(line, column, term) of the first long term of the format in a paragraph of ``path``,
    outside 《》, the headings and the introduction's list of parts, written without spaces (so the file's characters are the term's)."""
    doc, ctx = _context(lint, path)
    try:
        schema = ctx.schema("term-typos")
    except KeyError:
        return None
    terms, min_len = termtypos.vocabulary(ctx, schema)
    headings = termtypos._heading_spans(doc, ctx)
    intro = outline_of(doc, ctx).intro  # the parts it lists are the outline's (S2xx) as well
    if intro is not None:
        headings.append(intro.span)
    lines = path.read_text(encoding="utf-8").split("\n")
    for b in doc.text_blocks:
        if b.kind == "heading":
            continue
        for term in sorted((t for t in terms if len(t) >= min_len and termtypos._IDEOGRAPH.match(t)),
                           key=lambda t: (-len(t), t)):
            at = b.text.find(term)
            if at < 0 or b.text.rfind("《", 0, at) > b.text.rfind("》", 0, at):
                continue
            span = b.textmap.span(at, at + len(term))
            if termtypos._inside(span, headings):
                continue
            line, col = span.start.line, span.start.column
            if lines[line - 1][col - 1:col - 1 + len(term)] == term:
                return line, col, term
    return None


def edits(term: str, particles: str):
    """A substitution, an insertion and a deletion at the first inner character that is no particle."""
    i = next((k for k in range(len(term) // 2, len(term) - 1) if term[k] not in particles), None)
    if i is None:
        return []
    return [term[:i] + ODD + term[i + 1:], term[:i] + ODD + term[i:], term[:i] + term[i + 1:]]


def test_one_character_changed_in_every_real_report(lint, tmp_path):
    tried = []
    for path in TXT:
        got = first_term(lint, path)
        if got is None:
            continue
        line, col, term = got
        _, ctx = _context(lint, path)
        schema = ctx.schema("term-typos")
        terms, _ = termtypos.vocabulary(ctx, schema)
        before = set(diagnostics(lint, path))
        lines = path.read_text(encoding="utf-8").split("\n")
        for changed in edits(term, "".join(schema.get("particles") or [])):
            if any(normalize(changed) in t for t in terms):
                continue  # another term of the format (or part of one): no misspelling
            out = tmp_path / path.name
            edited = list(lines)
            edited[line - 1] = edited[line - 1][:col - 1] + changed + edited[line - 1][col - 1 + len(term):]
            out.write_text("\n".join(edited), encoding="utf-8")
            shift = len(changed) - len(term)
            moved = {(c, ln, k + shift if ln == line and k > col else k, m) for c, ln, k, m in before}
            new = [d for d in diagnostics(lint, out) if d not in moved]
            assert new == [("C303", line, col, f"「{changed}」疑为「{term}」之误（与格式规定的用语只差一个字）")], \
                (path.name, term, changed, new)
            tried.append((path.name, changed))
    assert len({name for name, _ in tried}) >= 25 and len(tried) >= 75, tried


def test_rewordings_and_other_terms_are_no_misspelling():
    terms = frozenset({"主动公开政府信息情况", "存在的主要问题及改进情况", "予以公开", "不予公开"})
    particles = frozenset("的及和")
    found = lambda text: list(termtypos.typos(text, terms, 5, frozenset(), particles))
    assert found("二是主动公开政府信息的情况") == []  # a particle put in
    assert found("四是存在的主要问题和改进情况") == []  # a particle swapped
    assert found("二是主动公开政府信息清况") == [(2, 12, "主动公开政府信息情况")]
    assert found("二是主动公开政府信息情况，") == []  # the term itself
    assert found("三是主动公开“政府信息情况") == []  # punctuation put in a term
    assert found("二是主动公开政府信息情况况") == []  # a character put in at an end: another word boundary
    # a word of its own one edit from a term is listed in the schema's words
    assert list(termtypos.typos("二是主动公开政府信息清况", terms, 5, frozenset({"主动公开政府信息清况"}), particles)) == []


# reports under the national formats (a fragment has no report year; legacy rule sets have no C303)
@pytest.mark.parametrize("path", [p for p in TXT if "fragment" not in p.name and "legacy" not in p.name][:12], ids=lambda p: p.name)
def test_a_word_for_its_short_form_is_a_rewording(lint, tmp_path, path):
    # held-out 221/222: 「我局无其他需报告的事项」 is 「其他需要报告的事项」 with 需 for 需要, as
    # people write it, not a misspelling; a character lost elsewhere in the term still is one
    text = path.read_text(encoding="utf-8")
    before = diagnostics(lint, path)
    for n, (sentence, expected) in enumerate((("我局无其他需报告的事项。", []),
                                              ("我局无其他需要报的事项。", ["「其他需要报的事项」疑为「其他需要报告的事项」之误（与格式规定的用语只差一个字）"]))):
        (tmp_path / str(n)).mkdir()
        changed = tmp_path / str(n) / path.name
        changed.write_text(text + "\n" + sentence + "\n", encoding="utf-8")
        after = diagnostics(lint, changed)
        assert [m for c, _, _, m in after if c == "C303"] == expected, path.name
        # (a finding placed at the report's end moves with the added line: compared by message)
        assert [(d[0], d[3]) for d in after if d[0] != "C303"] == [(d[0], d[3]) for d in before], path.name


def test_029_a_part_misspelt_in_the_introduction(lint, tmp_path):
    # the introduction's list of parts is running text too; the part it names with a typo is
    # still the part of the body heading (classes 1/4): one C303, no S204 "part absent" besides
    src = REAL / "029-pingtan-lwtj-2019.txt"
    text = src.read_text(encoding="utf-8")
    assert text.count("收到和处理政府信息公开申请情况") >= 1
    out = tmp_path / src.name
    out.write_text(text.replace("收到和处理政府信息公开申请情况", "收到和处理政府囗息公开申请情况", 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(out.read_text(encoding="utf-8").split("\n"), 1) if "政府囗息" in ln)
    col = out.read_text(encoding="utf-8").split("\n")[line - 1].index("收到和处理政府囗息") + 1
    before, after = diagnostics(lint, src), diagnostics(lint, out)  # one character replaced: places stay
    assert [d for d in after if d not in before] == [
        ("C303", line, col, "「收到和处理政府囗息公开申请情况」疑为「收到和处理政府信息公开申请情况」之误（与格式规定的用语只差一个字）")]
    assert [d for d in before if d not in after] == []

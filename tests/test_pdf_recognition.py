"""PDF and page-layout text recognition on real reports (issue 8, classes 16–18).

* pdftotext-style layout text sets a 表三 label wrapped in its narrow cell over several
  lines, the numbers beside its first, middle or last line. A label that lost its
  numbering (「部分公开（区分处理的」 for 「（二）部分公开（区分处理的」) under a row that
  already has its numbers is the next row, not the tail of the row above: one T214 at
  the row, and nothing else changes (013/014/016 read the whole label otherwise as
  「（一）予以公开部分公开…」 and lost the row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint import tablematch
from test_tables_classes import edited, env, findings, new_and_gone, view  # noqa: F401  (env is a fixture)
from test_tables_real import REAL, lint

LAYOUT_TEXT = ["013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt",
               "016-huaian-city-2024-sec3-fragment.txt"]


def numbered_rows(env, src: Path):
    """(schema label, line, column, numbering as printed) of each 表三 row read exactly
    whose label cell begins, in the source, with its numbering."""
    lines = src.read_text(encoding="utf-8").split("\n")
    t3 = view(env, src).table3
    out = []
    for key in t3.order:
        m = t3.rows.get(key)
        if m is None or m.row is None or m.how != "exact" or not m.row.values:
            continue
        cell = m.row.labels[-1]
        num = tablematch.numbering(m.label.normed)
        line, col = cell.span.start.line, cell.span.start.column
        printed = lines[line - 1][col - 1:]
        n = tablematch._NUMBERING.match(tablematch.norm(printed))
        if num and n and tablematch.numbering(n.group(0)) == num and tablematch.norm(printed[: n.end()]) == n.group(0):
            out.append((m.label.canonical, line, col, printed[: n.end()]))
    return out


@pytest.mark.parametrize("name", LAYOUT_TEXT)
def test_a_wrapped_layout_row_without_its_numbering_is_the_next_row(env, tmp_path, name):
    src = REAL / name
    lines = src.read_text(encoding="utf-8").split("\n")
    base = findings(env, src)
    tried = []
    for label, line, col, num in numbered_rows(env, src):
        changed = list(lines)
        changed[line - 1] = lines[line - 1][: col - 1] + lines[line - 1][col - 1 + len(num):]
        out = edited(tmp_path, src, changed)
        new, gone = new_and_gone(base, findings(env, out))
        plain = tablematch.core(tablematch.norm(label))
        assert [c for c, _ in new] == ["T214"] and gone == [], (label, new, gone)
        t214 = [f for f in lint(env, out, "warning") if f[0] == "T214"]
        assert len(t214) == 1 and t214[0][1] == line, (label, t214)
        assert t214[0][3].endswith(f"应为「{label}」") and plain in tablematch.norm(t214[0][3]), t214
        tried.append(label)
    # the wrapped （二） row (its numbers on a later line, or beside its second line) is among them
    assert any(lab.startswith("（二）部分公开") for lab in tried), tried
    assert len(tried) >= 10


# ---------------------------------------------------------------------------------------
# PDF renderings of real reports (tests/metamorphic/render.py), read back by the PDF reader

from metamorphic import render  # noqa: E402
from metamorphic.findings import check, judge, Expect  # noqa: E402
from metamorphic.outline import OCell, OTable, outline  # noqa: E402
from metamorphic.run import apply  # noqa: E402
from metamorphic.transforms import Env  # noqa: E402


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    from metamorphic.findings import make_linter

    return Env(make_linter(), str(tmp_path_factory.mktemp("pdf-recognition")))


def _pdf(harness, name: str, data: bytes) -> Path:
    return Path(harness.write(name, data, folder=f"pdf-{abs(hash(data)) % 10**8}"))


def test_two_cells_set_one_space_apart_are_two_pieces(harness):
    """035's labels wrapped in their cells: pypdf's layout text sets the group label and
    the item beside it one space apart (「（三）不予公开 5.属于三类内部」); the page shows
    the cell gap, so they are two pieces again and every 表三 row is read as unwrapped."""
    from disclint.readers.pdfgeometry import fragments, line_positions, separate_cells
    from pypdf import PdfReader
    import io

    rep = harness.report(str(REAL / "035-pingtan-czj-2022.txt"))
    data = render.pdf_bytes(outline(rep), wrap=True)
    glued = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = page.extract_text(extraction_mode="layout").split("\n")
        for line, at in zip(lines, line_positions(lines, fragments(page))):
            if "不予公开 5.属于三类内部" in line:
                wider, moved = separate_cells(line, at)
                glued.append((wider, moved))
    assert len(glued) == 1
    wider, moved = glued[0]
    assert "（三）不予公开  5.属于三类内部" in wider
    assert moved[wider.index("5.属于三类内部")][3] == len("5.属于三类内部")  # the piece kept its place
    outcome = apply(harness, "wrap-labels-pdf", str(REAL / "035-pingtan-czj-2022.txt"))
    assert outcome.status == "ok", outcome.diff()


@pytest.mark.parametrize("name", ["013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt"])
def test_a_header_line_of_several_headings_wrapped_mid_word_is_no_misspelling(harness, name):
    """The layout text's 表三 header line 「自然人 社会 法律 总计」 is one cell; wrapped in the
    PDF it prints 「自然人 社会 法」 / 「律 总计」: its words are headings, 「律 总计」 is no
    misspelt 「总计」 (a false T205), and the findings are those of the unwrapped PDF."""
    outcome = apply(harness, "wrap-labels-pdf", str(REAL / name))
    assert outcome.status == "ok", outcome.diff()


def test_a_misspelt_heading_inside_a_line_of_headings_is_still_named(harness):
    """The same header line with 「自然人」 misspelt 「自燃人」: that word is the one T205,
    wrapped or not (the wrapped line 「自燃人 社会 法」 holds no heading written right)."""
    rep = harness.report(str(REAL / "013-huaian-hongze-district-2023.txt"))
    items = outline(rep)
    t3 = next(t for t in items if isinstance(t, OTable) and any(c.text == "自然人 社会 法律 总计" for c in t.cells))
    t3.cells[:] = [OCell(c.text.replace("自然人 社会", "自燃人 社会"), c.row, c.col, c.rowspan, c.colspan) for c in t3.cells]
    base = check(harness.linter, str(_pdf(harness, "013.pdf", render.pdf_bytes(items, wrap=False))))
    wrapped = check(harness.linter, str(_pdf(harness, "013.pdf", render.pdf_bytes(items, wrap=True))))
    t205 = [d for d in wrapped.diagnostics if d.code == "T205"]
    assert [d.message for d in t205] == ["表三列标题「自燃人」有误，应为「自然人」"]
    assert judge(base, wrapped, Expect()).ok


@pytest.mark.skipif(not Path(render.CHROMIUM).exists(), reason="no Chromium to print the page")
def test_a_label_set_on_the_line_below_its_numbers_is_their_row(harness):
    """015 printed by Chromium: pypdf sets 「3.补正后申请内容仍不明确」 (and 「4.无正当理由大量
    反复申请」) a point below its numbers, on the next text line, its numbers beside the
    tail of the group label (「供」). The label stands level with the numbers on the page,
    so it is their row: the 表三 section is placed by x, no T202/T206, the same findings."""
    src = str(REAL / "015-huaian-city-2024.txt")
    data = render.browser_pdf_bytes(outline(harness.report(src)))
    path = _pdf(harness, "015.pdf", data)
    doc = harness.linter.read(str(path))
    t3 = next(t for t in doc.tables if any("补正后申请内容仍不明确" in c.text for c in t.cells))
    rows = {}
    for row in t3.grid:
        cells = [c for c in row if c is not None]
        label = next((c.text for c in cells if "补正后申请内容仍不明确" in c.text or "无正当理由大量反复申请" in c.text), None)
        if label:
            once = list({id(c): c for c in cells}.values())  # a merged cell stands in several columns
            rows[label] = [c.text for c in once if c.text.isdigit()]
    assert rows == {"3.补正后申请内容仍不明确": ["1", "0", "0", "0", "0", "0", "1"],
                    "4.无正当理由大量反复申请": ["0", "0", "0", "0", "0", "0", "0"]}
    outcome = apply(harness, "render-pdf-browser", src)
    assert outcome.status == "ok", outcome.diff()

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

from disclint.analysis import tables as table_analysis
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
        num = table_analysis.numbering(m.label.normed)
        line, col = cell.span.start.line, cell.span.start.column
        printed = lines[line - 1][col - 1:]
        n = table_analysis._NUMBERING.match(table_analysis.norm(printed))
        if num and n and table_analysis.numbering(n.group(0)) == num and table_analysis.norm(printed[: n.end()]) == n.group(0):
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
        plain = table_analysis.core(table_analysis.norm(label))
        assert [c for c, _ in new] == ["T214"] and gone == [], (label, new, gone)
        t214 = [f for f in lint(env, out, "warning") if f[0] == "T214"]
        assert len(t214) == 1 and t214[0][1] == line, (label, t214)
        assert t214[0][3].endswith(f"应为「{label}」") and plain in table_analysis.norm(t214[0][3]), t214
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


# ---------------------------------------------------------------------------------------
# Values in narrow cells under a header that does not stand over its columns (Chromium
# printing the harness's HTML: 表三's header is one wide cell, its value cells are a few
# points wide). pypdf's layout text runs the numbers together (「950000 095」 for 95 0 0 0
# 0 0 95); the page keeps each number a piece of its own at its column's x.

from disclint.readers.pdfgeometry import separate_cells  # noqa: E402
from disclint.readers.texttables import geocolumns  # noqa: E402


def _piece(x0, chars, em=12.0, y=229.9):
    return (x0, x0 + chars * 0.55 * em, em, chars, y)


def test_digits_run_together_are_set_apart_where_the_page_shows_paper():
    line = "一、本年  950000 095"
    at = {0: (9.7, 201.7, 12.0, 4, 229.2), 6: _piece(480.75, 2), 8: _piece(497.25, 1), 9: _piece(507.75, 1),
          10: _piece(518.25, 1), 11: _piece(528.75, 1), 13: _piece(539.25, 1), 14: _piece(549.75, 2)}
    wider, moved = separate_cells(line, at)
    assert wider == "一、本年  95 0 0 0 0 0 95"
    assert [(wider[c:].split()[0], round(p[0], 2)) for c, p in sorted(moved.items())][1:] == [
        ("95", 480.75), ("0", 497.25), ("0", 507.75), ("0", 518.25), ("0", 528.75), ("0", 539.25), ("95", 549.75)]


def test_one_number_in_two_pieces_stays_one_number():
    # the second piece starts where the first ends (「31」「19」 of 3119), or at the same x
    # (a piece printed twice): no paper between them, no cell boundary
    line = "合计  3119"
    assert separate_cells(line, {0: (9.7, 33.7, 12.0, 2, 10.0), 4: _piece(480.0, 2), 6: _piece(480.0 + 13.2, 2)})[0] == line
    assert separate_cells(line, {0: (9.7, 33.7, 12.0, 2, 10.0), 4: _piece(480.0, 2), 6: _piece(480.0, 2)})[0] == line
    # a letter piece beside a digit piece is no run of digits
    assert separate_cells("合计  31a9", {4: _piece(480.0, 2), 6: _piece(500.0, 2)})[0] == "合计  31a9"


def _rows(spec):
    """Data lines (line, numbers with their columns) and their positions from
    {line: [(text, x0), ...]}, each number one piece of the page."""
    rows, pos = [], {}
    for k, nums in spec.items():
        col, got, at = 20, [], {}
        for t, x0 in nums:
            got.append((t, col))
            at[col] = _piece(x0, len(t))
            col += len(t) + 1
        rows.append((k, got))
        pos[k] = at
    return rows, pos


def test_values_are_placed_by_their_x_clusters_when_as_many_as_the_columns():
    rows, pos = _rows({1: [("21", 480.75), ("0", 497.25), ("0", 507.75), ("21", 518.25)],
                       2: [("4", 480.75), ("4", 518.25)],  # blank cells print nothing
                       3: [("1", 480.75), ("1", 497.25), ("2", 507.75), ("4", 518.25)]})
    assert geocolumns.place_by_clusters(rows, 4, pos) == {1: [0, 1, 2, 3], 2: [0, 3], 3: [0, 1, 2, 3]}
    assert geocolumns.place_by_clusters(rows, 5, pos) is None  # four x positions are not five columns
    assert geocolumns.place_by_clusters(rows[1:2], 4, pos) is None  # two positions seen: no certainty


def test_values_not_in_clear_clusters_are_not_placed():
    # a value between two columns' x (spread wider than a cluster) or two values of one
    # row in one cluster: the page says nothing certain
    rows, pos = _rows({1: [("1", 480.0), ("2", 500.0), ("3", 520.0)], 2: [("4", 484.0), ("5", 500.0), ("6", 520.0)]})
    assert geocolumns.place_by_clusters(rows, 3, pos) is None
    rows, pos = _rows({1: [("1", 480.0), ("2", 500.0), ("3", 520.0)], 2: [("4", 500.0), ("5", 500.5)]})
    assert geocolumns.place_by_clusters(rows, 3, pos) is None
    # a token that is not one whole piece of the page has no x of its own
    rows, pos = _rows({1: [("1", 480.0), ("2", 500.0), ("3", 520.0)]})
    rows[0][1][0] = ("12", rows[0][1][0][1])
    assert geocolumns.place_by_clusters(rows, 3, pos) is None


def test_the_header_names_its_table_and_so_its_column_count():
    lines = ["申请人情况", "法人或其他组织", "自然人 社会 法律 总计", "商业 科研", "公益 服务 其他", "企业 机构", "组织 机构",
             "行政复议                 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计", "这一段不是表头"]
    assert geocolumns.leaf_count(lines, [0, 1, 2, 3, 4, 5, 6]) == 7  # 表三
    assert geocolumns.leaf_count(lines, [7, 8]) == 15  # 表四
    assert geocolumns.leaf_count(lines, [2, 3]) is None  # 自然人 alone (总计, 其他 are also 表四's words)
    assert geocolumns.leaf_count(lines, [9]) is None
    assert geocolumns.leaf_count(lines, [0, 1, 7, 8]) is None  # both tables named: no one count


_BROWSER = pytest.mark.skipif(not Path(render.CHROMIUM).exists(), reason="no Chromium to print the page")


@_BROWSER
@pytest.mark.parametrize("name", ["013-huaian-hongze-district-2023.txt", "013-huaian-hongze-district-2023.pdf",
                                  "014-huaian-hongze-district-2024.txt", "014-huaian-hongze-district-2024.pdf",
                                  "016-huaian-city-2024-sec3-fragment.txt"])
def test_narrow_cells_printed_by_chromium_give_the_same_findings(harness, name):
    outcome = apply(harness, "render-pdf-browser", str(REAL / name))
    assert outcome.status == "ok", outcome.diff()


def _t3_rows(doc, labels):
    t3 = next(t for t in doc.tables if any(c.text.startswith("一、本年新收") for c in t.cells))
    out = {}
    for row in t3.grid:
        once = list({id(c): c for c in row if c is not None}.values())
        label = next((c.text for c in once if c.text in labels), None)
        if label:
            out[label] = [c.text for c in once if c.text.isdigit() or c.text == ""]
    return out


@_BROWSER
def test_numbers_run_together_in_narrow_cells_are_read_one_per_column(harness):
    # 014's 「一、本年新收…  950000 095」 and 「（七）总计  950000 095」: 95 0 0 0 0 0 95
    doc = harness.linter.read(str(_pdf(harness, "014.pdf", render.browser_pdf_bytes(outline(harness.report(str(REAL / "014-huaian-hongze-district-2024.txt")))))))
    lines = doc.source_text.split("\n")
    assert any(ln.rstrip().endswith("一、本年新收政府信息公开申请数量                                         95 0 0 0 0 0 95") for ln in lines)
    got = _t3_rows(doc, {"一、本年新收政府信息公开申请数量", "（七）总计", "1.本机关不掌握相关政府信息"})
    assert got == {"一、本年新收政府信息公开申请数量": ["95", "0", "0", "0", "0", "0", "95"],
                   "（七）总计": ["95", "0", "0", "0", "0", "0", "95"],
                   "1.本机关不掌握相关政府信息": ["31", "0", "0", "0", "0", "0", "31"]}
    assert not [t for t in doc.tables if t.uncertain]


@_BROWSER
def test_a_page_table_not_placed_with_confidence_is_said_once_and_kept_out(harness):
    """016 printed by Chromium with one value cell padded a few points off its column: the
    values no longer stand at 7 x positions, so nothing places them by x and the rows are
    read from the layout text. 「（一）予以公开  128821005031362」 keeps 「1288」「21」 run
    together (too little paper between them to be sure), so that row reads 6 numbers for 7
    columns: one X010 (info) for the table, the row kept out of the arithmetic, no T206."""
    items = outline(harness.report(str(REAL / "016-huaian-city-2024-sec3-fragment.txt")))
    html = render.to_html(items).replace("<td>53</td>", '<td style="padding-left:5px">53</td>', 1)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=render.CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(html)
            data = page.pdf(format="A4", landscape=True)
        finally:
            browser.close()
    path = str(_pdf(harness, "016.pdf", data))
    run = harness.linter.check_file(path)
    codes = [(d.code, d.severity) for d in run.diagnostics if d.code[0] in "TBX" and d.code not in ("T201", "X011", "T211")]
    assert codes == [("X010", "info")], codes
    x010 = next(d for d in run.diagnostics if d.code == "X010")
    assert (x010.logical, x010.message) == ("page[1]/line[32]", "表格内容无法确定，已排除在数值核对之外：PDF页面上该行读出6个数字，少于7列，无法根据位置确定各数字所属的列")
    doc = harness.linter.read(path)
    got = _t3_rows(doc, {"一、本年新收政府信息公开申请数量"})
    assert got["一、本年新收政府信息公开申请数量"] == ["3001", "53", "0", "0", "61", "4", "3119"]
    t3 = next(t for t in doc.tables if any(c.text.startswith("一、本年新收") for c in t.cells))
    assert not t3.ragged  # a doubt of the reader's, not a row of the report's with too few cells
    assert [u.reason for u in t3.uncertain] == ["PDF页面上该行读出6个数字，少于7列，无法根据位置确定各数字所属的列"]

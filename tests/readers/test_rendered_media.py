"""Real corpus reports rendered into other media at test time (tests/metamorphic/render.py)
and read back: the findings name the same places as the original's, at the real
line and column of the rendering."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import REAL
from metamorphic import render
from metamorphic.findings import check, key_of, make_linter
from metamorphic.outline import outline, read_report


@pytest.fixture(scope="module")
def linter():
    return make_linter()


def _rendered(linter, tmp_path: Path, report: str, suffix: str, make) -> tuple[Path, bytes]:
    rep = read_report(linter, str(REAL / report))
    data = make(outline(rep))
    path = tmp_path / (Path(report).stem + suffix)
    path.write_bytes(data)
    return path, data


def _counted(run) -> list:
    return sorted(str(key_of(d)) for d in run.diagnostics if d.severity in ("warning", "error"))


def test_markdown_pipe_table_keeps_blank_cells_and_merged_headings(linter, tmp_path):
    # 001's 表三 leaves 105 cells blank and whole rows without a number; in markdown each
    # merged label is repeated over the columns it covers (three label columns).
    path, data = _rendered(linter, tmp_path, "001-shanghai-szfbgt-2019.html", ".md",
                           lambda items: render.to_markdown(items).encode("utf-8"))
    lines = data.decode("utf-8").split("\n")
    run = check(linter, str(path))
    assert _counted(run) == _counted(check(linter, str(REAL / "001-shanghai-szfbgt-2019.html")))
    assert not [d for d in run.diagnostics if d.code == "T213"]  # the all-blank rows are rows, not bare labels
    row = next(i for i, ln in enumerate(lines, 1) if ln.startswith("| 一、本年新收"))
    b406 = next(d for d in run.diagnostics if d.code == "B406" and "「一、本年新收政府信息公开申请数量」行「科研机构」列" in d.message)
    assert b406.line == row
    # the column is the blank cell's own: the sixth pipe-cell after the three label cells and 自然人, 商业企业
    cells = lines[row - 1].split("|")
    start = len("|".join(cells[:6])) + 1
    assert start < b406.column <= start + len(cells[6]) + 1
    assert "该表共105个应填数字的单元格为空" in b406.message


def _pdf(items) -> bytes:
    return render.pdf_bytes(items)


@pytest.mark.parametrize("report", ["019-pingtan-county-2012-legacy.txt", "023-pingtan-zhqgwh-2012-legacy.txt",
                                    "024-pingtan-zhqgwh-2013-legacy.txt", "027-pingtan-zhqgwh-2016-legacy.txt"])
def test_pdf_paragraph_broken_by_the_page_width_is_read_whole(linter, tmp_path, report):
    # A legacy report is one flattened paragraph; in the PDF the frame breaks it into
    # lines, cutting headings (「三、政府信息依申请」 / 「公开工作情况」) and numbered items.
    path, _ = _rendered(linter, tmp_path, report, ".pdf", _pdf)
    assert _counted(check(linter, str(path))) == _counted(check(linter, str(REAL / report)))


def test_pdf_rejoined_paragraph_points_at_each_line(linter, tmp_path):
    from disclint.readers.pdf import read_pdf

    path, data = _rendered(linter, tmp_path, "019-pingtan-county-2012-legacy.txt", ".pdf", _pdf)
    doc = read_pdf(str(path), data)
    lines = doc.source_text.split("\n")
    block = next(b for b in doc.text_blocks if "三、政府信息依申请公开工作情况" in b.text)
    at = block.text.index("三、政府信息依申请公开工作情况")
    head = block.textmap.span(at, at + 15)
    # the heading starts at the end of one page line and ends on the next
    assert lines[head.start.line - 1][head.start.column - 1:] == "三、政府信息依申请"
    assert lines[head.end.line - 1].startswith("公开工作情况")
    assert head.end.line == head.start.line + 1
    assert head.logical == f"page[1]/line[{head.start.line}]"
    assert block.span.logical != head.logical  # the paragraph began lines above
    run = check(linter, str(path))
    b703 = next(d for d in run.diagnostics if d.code == "B703")
    assert (b703.line, b703.logical) == (23, "page[1]/line[23]")
    assert lines[22][b703.column - 1:].startswith("2475条")


def test_pdf_block_header_wrapped_in_its_cell(linter, tmp_path):
    # Class 17: with labels wrapped in their cells, 「第二十条第（一）项」 stands on two
    # lines (「第二十条第（一）」 / 「项」); the block before it kept losing its last row
    # (T202 行政规范性文件) and the next block went missing (T201 第（五）项).
    from disclint.readers.pdf import read_pdf

    report = "010-shuyang-fgj-2023.html"
    path, data = _rendered(linter, tmp_path, report, ".pdf", lambda items: render.pdf_bytes(items, wrap=True))
    (tmp_path / "plain").mkdir()
    plain, _ = _rendered(linter, tmp_path / "plain", report, ".pdf", _pdf)
    assert _counted(check(linter, str(path))) == _counted(check(linter, str(plain)))
    doc = read_pdf(str(path), data)
    lines = doc.source_text.split("\n")
    headers = [c for t in doc.tables for c in t.cells if c.text.startswith("第二十条第（")]
    # (第（八）项 too, since cells set one space apart are set apart again: pdfgeometry.separate_cells)
    assert [c.text for c in headers] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    for c in headers:
        first, last = c.textmap.pos(0), c.textmap.pos(len(c.text) - 1)
        assert lines[first.line - 1][first.column - 1:].startswith(c.text[:-1])
        assert (last.line, lines[last.line - 1].strip()) == (first.line + 1, "项")


def test_pdf_table3_blank_cells_placed_by_x(linter, tmp_path):
    # Class 17: 001's 表三 prints only its filled cells (105 are blank), so no layout
    # line is a full row; each value is placed under the leaf heading it stands below
    # on the page, and an item with no numbers (2.其他法律行政法规禁止公开) is a row of
    # blank cells, not a missing row.
    from disclint.readers.pdf import read_pdf

    report = "001-shanghai-szfbgt-2019.html"
    path, data = _rendered(linter, tmp_path, report, ".pdf", _pdf)
    run = check(linter, str(path))
    assert _counted(run) == _counted(check(linter, str(REAL / report)))
    assert not [d for d in run.diagnostics if d.code in ("T202", "T206")]
    b502 = next(d for d in run.diagnostics if d.code == "B502" and "两行合计为275件（272＋3）" in d.message)
    assert b502.logical.startswith("page[2]/")  # （二）'s one value (3) is read: its long label is a schema row
    doc = read_pdf(str(path), data)
    lines = doc.source_text.split("\n")
    t3 = next(t for t in doc.tables if any("科研机构" in c.text for c in t.cells))
    rows: dict[int, list] = {}
    for c in t3.cells:
        rows.setdefault(c.row, []).append(c)
    first = next(r for r, cs in rows.items() if any(c.text.startswith("一、本年新收") for c in cs))
    values = [c.text for c in sorted(rows[first], key=lambda c: c.col) if c.col >= 3]
    assert values == ["821", "35", "", "", "2", "1", "859"]
    blank = next(r for r, cs in rows.items() if any(c.text == "2.其他法律行政法规禁止公开" for c in cs))
    assert [c.text for c in rows[blank] if c.col >= 3] == [""] * 7
    b406 = next(d for d in run.diagnostics if d.code == "B406" and "「一、本年新收政府信息公开申请数量」行「科研机构」列" in d.message)
    assert (b406.line, b406.logical) == (119, "page[3]/line[52]")
    assert lines[118].lstrip().startswith("一、本年新收政府信息公开申请数量")
    assert lines[118][b406.column - 1:].startswith("821")  # a blank cell points at its line's first number
    assert "该表共105个应填数字的单元格为空" in b406.message
    # 表二's 「251000元」: a number with its unit is still the row's cell, and not a number (B407)
    b407 = next(d for d in run.diagnostics if d.code == "B407")
    assert "「政府集中采购」行「采购总金额」列应为数字，实为「251000元」" in b407.message
    assert lines[b407.line - 1].lstrip().startswith("政府集中采购")
    assert lines[b407.line - 1][b407.column - 1:] == "251000元"


def test_pdf_values_not_under_one_heading_are_read_from_the_text(tmp_path):
    # Precision first: where a value lines up with no leaf heading, or with two equally,
    # the section is not placed by position at all.
    from disclint.readers.texttables import geocolumns

    cols = [(100.0, 118.0, 6.0, 3), (140.0, 164.0, 6.0, 4)]
    pos = {5: {10: (100.0, 104.0, 6.0, 1), 20: (141.0, 147.0, 6.0, 2)}, 6: {10: (120.0, 124.0, 6.0, 1)},
           8: {10: (100.0, 110.0, 6.0, 4)}}
    assert geocolumns.place([(5, [("3", 10), ("12", 20)])], cols, pos) == {5: [0, 1]}
    assert geocolumns.place([(5, [("3", 10), ("12", 20)]), (6, [("4", 10)])], cols, pos) is None  # between two
    assert geocolumns.place([(7, [("4", 10)])], cols, pos) is None  # no position: not placed
    assert geocolumns.place([(8, [("300153", 10)])], cols, pos) is None  # two pieces of the page in one token


def test_pdf_line_positions_name_each_piece(linter, tmp_path):
    # Each layout column where a page piece begins gets that piece's x: the values of
    # 表三's first row stand where their headings stand (the cells are left-aligned).
    from pypdf import PdfReader

    from disclint.readers.pdfgeometry import fragments, line_positions

    _, data = _rendered(linter, tmp_path, "001-shanghai-szfbgt-2019.html", ".pdf", _pdf)
    page = PdfReader(io.BytesIO(data)).pages[2]
    lines = page.extract_text(extraction_mode="layout").split("\n")
    pos = line_positions(lines, fragments(page))
    row = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("一、本年新收"))
    head = next(i for i, ln in enumerate(lines) if "商业企业" in ln)
    xs = {lines[row][c:].split()[0]: round(p[0]) for c, p in pos[row].items()}
    heads = {lines[head][c:].split()[0]: round(p[0]) for c, p in pos[head].items()}
    assert xs["35"] == heads["商业企业"] and xs["2"] == heads["法律服务机构"] and xs["1"] == heads["其他"]
    assert all(p[3] == len(lines[row][c:].split()[0]) for c, p in pos[row].items())

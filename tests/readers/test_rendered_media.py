"""Real corpus reports rendered into other media at test time (tests/metamorphic/render.py)
and read back: the findings name the same places as the original's, at the real
line and column of the rendering."""

from __future__ import annotations

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
    assert [c.text for c in headers] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项"]
    for c in headers:
        first, last = c.textmap.pos(0), c.textmap.pos(len(c.text) - 1)
        assert lines[first.line - 1][first.column - 1:].startswith(c.text[:-1])
        assert (last.line, lines[last.line - 1].strip()) == (first.line + 1, "项")

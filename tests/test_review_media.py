"""The review page of DOCX and PDF reports: the extracted text with its places, and the page of
each PDF finding.

PDF: the real 013 and 014 (and 015, clean). DOCX: no real report comes as DOCX, so 013's
text report is written as one by the metamorphic harness (tests/metamorphic/render.py: Word
tables with merged cells, headings in Word's styles), as a reviewer would receive it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from disclint import review
from disclint.checking import Options
from disclint.engine import Linter
from disclint.reporters import review_html

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def linter():
    return Linter(Options(today=date(2026, 12, 2)))


def _tags_in_order(page: str):
    """The page dividers (第N页, between blocks or between the rows of a table running onto the
    next page) and the finding badges, in page order: ('page', N) / ('badge', fid)."""
    for m in re.finditer(r'(?:<div class="page">|<tr class="page"><td colspan="\d+">)第(\d+)页</|<sup class="fb [^"]*" id="(f\d+)"', page):
        yield ("page", int(m.group(1))) if m.group(1) else ("badge", m.group(2))


@pytest.mark.parametrize("name", ["013-huaian-hongze-district-2023.pdf", "014-huaian-hongze-district-2024.pdf"])
def test_each_pdf_finding_shows_its_page_and_sits_on_that_page_of_the_text(linter, name):
    [result] = linter.check_paths([str(REAL / name)])
    assert result.diagnostics
    page = review_html.render([result], linter)
    pages = [int(re.match(r"page\[(\d+)\]", d.logical).group(1)) for d in result.diagnostics]
    # the findings list and each badge's tip name the page in words
    items = re.findall(r'<li class="finding[^"]*" data-fid="(f\d+)"[^>]*><a class="place" href="#f\d+">([^<]*)</a>', page)
    assert [(place.split("（")[-1]) for _fid, place in items] == [f"第{n}页）" for n in pages]
    assert [place for _fid, place in items] == [f"{d.line}:{d.column} {d.logical}（第{n}页）" for d, n in zip(result.diagnostics, pages)]
    # in the text, each badge comes after the divider of its own page
    on_page, where = None, {}
    for kind, x in _tags_in_order(page):
        if kind == "page":
            on_page = x
        else:
            where[x] = on_page
    assert [where[fid] for fid, _ in items] == pages


def test_pdf_raw_tables_say_where_they_start_and_each_cell_its_line(linter):
    [result] = linter.check_paths([str(REAL / "013-huaian-hongze-district-2023.pdf")])
    page = review_html.render([result], linter)
    assert re.findall(r'<caption class="place">([^<]*)</caption>', page) == [
        "表格 page[2]/line[16]（第2页起）", "表格 page[3]/line[22]（第3页起）", "表格 page[4]/line[19]（第4页起）"]
    # the 表四 cell of 行政复议's total (B404) names its page line
    assert re.search(r'<td title="page\[4\]/line\[28\]"><sup class="fb sev-error" id="f3"[^>]*data-code="B404"', page)


@pytest.fixture(scope="module")
def docx_013(linter, tmp_path_factory):
    from metamorphic import render
    from metamorphic.outline import outline, read_report

    path = tmp_path_factory.mktemp("docx") / "013-huaian-hongze-district-2023.docx"
    path.write_bytes(render.docx_bytes(outline(read_report(linter, str(REAL / "013-huaian-hongze-district-2023.txt"))), "styles"))
    [result] = linter.check_paths([str(path)])
    return result


def test_docx_report_findings_sit_on_their_cells_with_table_row_cell_places(linter, docx_013):
    result = docx_013
    assert [(d.code, d.logical) for d in result.diagnostics] == [
        ("T203", "table[2]/row[15]/cell[3]"), ("T209", "table[2]/row[30]/cell[2]"),
        ("B404", "table[3]/row[4]/cell[15]"), ("B404", "table[3]/row[4]/cell[5]")]
    rv = review.build(linter, result)
    assert all(p.exact for p in rv.placed)
    assert [rv.nodes[p.node].text[p.start:p.end] for p in rv.placed] == ["2.其他法律行政止公开", "（六）其他处理", "0", "0"]
    assert [rv.nodes[p.node].textmap.span(0, 1).logical for p in rv.placed] == [d.logical for d in result.diagnostics]
    page = review_html.render([result], linter)
    assert re.findall(r'<caption class="place">([^<]*)</caption>', page) == ["表格 table[1]", "表格 table[2]", "表格 table[3]"]
    for d in result.diagnostics:  # each finding's cell carries its place, and the badge is in it
        assert re.search(rf'<td[^>]* title="{re.escape(d.logical)}"><sup class="fb [^"]*" id="f\d+"[^>]*data-code="{d.code}"', page), d
    assert re.search(r'<p class="h" title="paragraph\[\d+\]">四、政府信息公开行政复议、行政诉讼情况</p>', page)


def test_docx_table4_failures_are_each_on_its_own_row(linter, docx_013):
    """Every cell of a DOCX table shares one line and column: the failing identities are told
    apart by the logical place, so 复议后起诉's total is not put on 行政复议's row."""
    rv = review.build(linter, docx_013)
    t4 = next(g for g in rv.tables if g.title == "表四")
    assert [[c.value for c in r.cells] for r in t4.rows] == [["10", "1", "0", "0", "0"], ["0"] * 5, ["5", "0", "0", "0", "0"]]
    assert sorted((f.where, f.left, f.right) for f in t4.failures) == [("「复议后起诉」行", "0", "5"), ("「行政复议」行", "0", "11")]
    by_row = {r.label: {i for c in r.cells for i in c.failing} for r in t4.rows}
    assert by_row["未经复议直接起诉"] == set() and len(by_row["行政复议"]) == len(by_row["复议后起诉"]) == 1
    assert by_row["行政复议"] != by_row["复议后起诉"]


def test_show_prints_the_docx_report_with_its_cell_places(linter, docx_013):
    from disclint import show

    out = show.text(review.build(linter, docx_013))
    t4 = out.split("\n\n表四\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert t4[1:] == [
        "  行政复议               10*        1*        0*        0*    0*",
        "  未经复议直接起诉         0         0         0         0     0",
        "  复议后起诉              5*        0*        0*        0*    0*",
        "  * B404 「复议后起诉」行：两边：0 ≠ 5",
        "  * B404 「行政复议」行：两边：0 ≠ 11",
    ]
    assert "  44:1 table[3]/row[4]/cell[15]: B404 [错误] 表四「复议后起诉」总计为0" in out

"""The PDF reader on the real published PDFs, and on broken ones."""

import io
import json
from pathlib import Path

from pypdf import PdfWriter

from conftest import DATA, run_cli
from disclint.facts import find_report_year, find_title
from disclint.readers.pdf import read_pdf

PDF = DATA / "real"


def read(name: str):
    path = PDF / name
    return read_pdf(str(path), path.read_bytes())


def test_real_pdf_reads_with_pages_named():
    doc = read("015-huaian-city-2024.pdf")
    assert doc.problems == []
    title = find_title(doc)
    assert title.text == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert find_report_year(doc).year == 2024
    first = doc.blocks[0]
    assert first.span.logical == "page[1]/line[1]"
    heading = next(b for b in doc.text_blocks if b.text == "六、其他需要报告的事项")
    assert heading.span.logical.startswith("page[6]/")


def test_pdf_findings_name_the_page(tmp_path):
    # The misspelt 四 heading of a copy made from real text: the finding names page and line.
    src = read("013-huaian-hongze-district-2023.pdf")
    assert any(b.text.startswith("四、政府信息公开行政复议、行政诉讼情况") for b in src.text_blocks)
    code, out, _ = run_cli("check", "--today", "2026-11-27", str(PDF / "013-huaian-hongze-district-2023.pdf"))
    for line in out.splitlines()[:-1]:
        assert ":page[" in line


def _blank_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_broken_pdfs_get_x_codes(tmp_path):
    real = (PDF / "015-huaian-city-2024.pdf").read_bytes()
    (tmp_path / "a-truncated.pdf").write_bytes(real[:3000])
    (tmp_path / "b-not-a-pdf.pdf").write_bytes("这不是PDF".encode("utf-8"))
    (tmp_path / "c-scanned.pdf").write_bytes(_blank_pdf())
    (tmp_path / "d-empty.pdf").write_bytes(b"")
    code, out, err = run_cli("check", "--format", "json", str(tmp_path))
    assert "Traceback" not in err
    got = [(Path(d["path"]).name, d["code"], d["severity"]) for d in json.loads(out)]
    assert got == [
        ("a-truncated.pdf", "X002", "error"),
        ("b-not-a-pdf.pdf", "X002", "error"),
        ("c-scanned.pdf", "X004", "error"),
        ("d-empty.pdf", "X004", "error"),
    ]


# -- text that is the fonts' codes, not Chinese ----------------------------------------------

GIBBERISH = "ÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"


def _latin_page(lines: int = 12) -> bytes:
    """A page as a PDF without Unicode maps extracts: letters, but not the report's."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(lines):
        c.drawString(40, 800 - 20 * i, GIBBERISH[i:] + " 12 0 3")
    c.save()
    return buf.getvalue()


def test_garbled_text_is_not_checked_as_the_report(tmp_path):
    """A whole PDF of such text is unreadable (X002 error), not a report with every part and
    table missing; one such page among readable ones is left out with a warning (X016)."""
    from metamorphic.findings import make_linter
    from metamorphic.outline import outline, read_report
    from metamorphic import render

    only = tmp_path / "garbled.pdf"
    only.write_bytes(_latin_page())
    _code, out, _err = run_cli("check", "--format", "json", "--today", "2026-11-27", str(only))
    assert [(d["code"], d["message"]) for d in json.loads(out)] == [
        ("X002", "无法读取文件：PDF 提取出的文字是乱码（字体没有 Unicode 映射），无法检查；请提供带文字层的 PDF 或原文档")]

    # 033 printed to PDF, then one garbled page added at the end: the same findings, plus X016
    from pypdf import PdfReader

    rep = read_report(make_linter(), str(DATA / "real" / "033-pingtan-jtj-2021.txt"))
    report = tmp_path / "report.pdf"
    report.write_bytes(render.pdf_bytes(outline(rep)))
    writer = PdfWriter()
    for data in (report.read_bytes(), _latin_page()):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    last = len(PdfReader(str(mixed)).pages)

    def found(path):
        _c, text, _e = run_cli("check", "--format", "json", "--today", "2026-11-27", str(path))
        return sorted((d["code"], d["message"]) for d in json.loads(text))

    assert found(mixed) == sorted(found(report) + [
        ("X016", f"部分内容无法还原为文字：第{last}页提取出的文字是乱码（字体没有 Unicode 映射），这些页未检查")])


def test_a_short_latin_page_is_no_garbled_text():
    from disclint.readers.garbled import garbled

    assert not garbled("http://www.pingtan.gov.cn 2023-01-20")  # too short to judge
    assert garbled(GIBBERISH)
    assert not garbled("一、总体情况 " * 3 + GIBBERISH[:20])  # mostly ideographs


# -- each page's content stream is parsed once -----------------------------------------------

REAL_PDFS = ["013-huaian-hongze-district-2023.pdf", "014-huaian-hongze-district-2024.pdf", "015-huaian-city-2024.pdf"]


def test_one_parse_gives_pypdfs_layout_text_and_pieces():
    """The layout text and the pieces read from one parse of a page's content stream are
    what pypdf's own two calls give, page by page, and the page keeps its /Contents."""
    from pypdf import PdfReader

    from disclint.readers.pdf import _layout_text
    from disclint.readers.pdfgeometry import fragments, parsed_contents

    pages = 0
    for name in REAL_PDFS:
        for page in PdfReader(str(PDF / name)).pages:
            own = page.get("/Contents")
            layout = page.extract_text(extraction_mode="layout")
            alone = [(f.text, f.x, f.y, f.size) for f in fragments(page)]
            contents = parsed_contents(page)
            assert _layout_text(page, contents) == layout
            assert [(f.text, f.x, f.y, f.size) for f in fragments(page, contents)] == alone
            assert page.get("/Contents") is own
            assert layout.strip() and alone
            pages += 1
    assert pages == 16


def test_a_pdf_page_is_parsed_once(monkeypatch):
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    parse = ContentStream._parse_content_stream
    calls = []

    def counted(self, stream):
        calls.append(1)
        return parse(self, stream)

    monkeypatch.setattr(ContentStream, "_parse_content_stream", counted)
    doc = read("015-huaian-city-2024.pdf")
    assert doc.problems == [] and doc.blocks
    assert len(calls) == len(PdfReader(str(PDF / "015-huaian-city-2024.pdf")).pages) == 6

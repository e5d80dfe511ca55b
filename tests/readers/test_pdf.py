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

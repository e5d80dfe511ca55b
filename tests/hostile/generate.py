"""Builders for the hostile battery: each writes one hostile input, rule set or
configuration into a folder at test time (nothing binary is stored in the repository)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

TITLE = "某市某局2021年政府信息公开工作年度报告\n"


def text(folder: Path, name: str, body: str, encoding: str = "utf-8") -> Path:
    p = folder / name
    p.write_bytes(body.encode(encoding))
    return p


def fifo(folder: Path, name: str = "pipe.txt") -> Path:
    p = folder / name
    os.mkfifo(p)
    return p


def device_link(folder: Path, name: str = "zero.txt", device: str = "/dev/zero") -> Path:
    p = folder / name
    p.symlink_to(device)
    return p


def ruleset(folder: Path, body: str, name: str = "regulator.yaml") -> Path:
    return text(folder, name, body)


def pattern_ruleset(folder: Path, pattern: str) -> Path:
    """A regulator's set whose schema pattern is ``pattern`` (single-quoted YAML)."""
    return ruleset(folder, f"""\
name: reg
extends: [input, prose]
applies-to: {{from: 2000}}
schemas:
  leaked-text2:
    - kind: markup
      what: x
      pattern: '{pattern}'
      expected: y
rules:
  - id: R901
    name: user-pattern
    check: leaked-text
    severity: error
    message: "残留{{what}}「{{found}}」"
    params: {{schema: leaked-text2}}
""")


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines)


def docx(folder: Path, name: str, body_xml: str, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal DOCX whose document body is ``body_xml``."""
    p = folder / name
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body_xml}</w:body></w:document>')
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    return p


def many_pages_pdf(folder: Path, pages: int, name: str = "many.pdf") -> Path:
    """A PDF of ``pages`` pages, one line of Chinese text each (reportlab's CID font: no font file)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(pages):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, TITLE.strip() if i == 0 else f"第{i + 1}页 本机关主动公开政府信息。")
        c.showPage()
    c.save()
    p = folder / name
    p.write_bytes(buf.getvalue())
    return p


def para(t: str) -> str:
    return f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"


# -- large inputs under the size cap (one per reader) --------------------------------------

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
MB = 2**20


def _repeat(unit: bytes, size: int) -> bytes:
    return unit * max(1, size // len(unit))


def large_text(folder: Path, size: int = 10 * MB) -> Path:
    p = folder / "large.txt"
    p.write_bytes(_repeat((REAL / "004-pingtan-zhqgwh-2021.txt").read_bytes(), size))
    return p


def one_line(folder: Path, size: int = 10 * MB) -> Path:
    p = folder / "one-line.txt"
    p.write_bytes(TITLE.encode() + _repeat("政府信息公开".encode(), size))
    return p


def one_letter(folder: Path, size: int = 10 * MB) -> Path:
    p = folder / "letter.txt"
    p.write_bytes(b"a" * size)
    return p


def empty_lines(folder: Path, size: int = 10 * MB) -> Path:
    """A title and then nothing but line ends: no characters of text, millions of lines."""
    p = folder / "empty-lines.txt"
    p.write_bytes(TITLE.encode() + b"\n" * size)
    return p


def markdown_table(folder: Path, size: int = 10 * MB) -> Path:
    p = folder / "table.md"
    head = f"# {TITLE}\n| 项目 | 本年新增 | 本年撤销 | 现行有效 |\n| --- | --- | --- | --- |\n".encode()
    p.write_bytes(head + _repeat("| 规章 | 1 | 2 | 3 |\n".encode(), size))
    return p


def large_html(folder: Path, size: int = 10 * MB) -> Path:
    p = folder / "large.html"
    unit = ("<p>一、总体情况</p><p>本机关主动公开政府信息100条。</p><table><tr><td>规章</td><td>1</td><td>2</td></tr>"
            "<tr><td>规范性文件</td><td>3</td><td>4</td></tr></table>\n").encode()
    p.write_bytes(f"<html><body><h1>{TITLE}</h1>".encode() + _repeat(unit, size) + b"</body></html>")
    return p


def markup_heavy_html(folder: Path, size: int = 10 * MB) -> Path:
    """A page that is nearly all markup (long attributes, little text): its source bound is met before its text bound."""
    p = folder / "markup.html"
    unit = ('<div class="' + "x" * 200 + '"><span style="' + "y" * 200 + '">公开</span></div>\n').encode()
    p.write_bytes(f"<html><body><h1>{TITLE}</h1>".encode() + _repeat(unit, size) + b"</body></html>")
    return p


def large_docx(folder: Path, size: int = 10 * MB) -> Path:
    row = "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in ("规章", "1", "2", "3")) + "</w:tr>"
    unit = para("本机关主动公开政府信息100条。") + f"<w:tbl>{row * 5}</w:tbl>"
    body = para(TITLE.strip()) + unit * max(1, size // len(unit.encode()))
    return docx(folder, "large.docx", body)

"""Writing an outline (see :mod:`.outline`) as a file of another medium.

* HTML: headings as <h2>, paragraphs as <p>, tables with rowspan/colspan;
* DOCX (python-docx): real Word tables with merged cells; headings either in Word's
  Heading styles or as bold paragraphs in the Normal style;
* markdown: # headings and pipe tables, one per block of a table that has full-width
  block headers; grid columns that exist only because cells span them are dropped, and a merged label is repeated in every position it covers (left
  empty, a covered position could not be told from a blank value, and the table would
  no longer say what the report says); a merged number is written once;
* PDF (reportlab): the CID font STSong-Light with the UniGB-UCS2-H encoding, which every
  PDF reader knows without an embedded font file, and tables with SPAN merges;
* PDF printed from the HTML rendering by headless Chromium (as a reviewer's browser
  prints a page: embedded subset fonts, the browser's own table layout).

Every renderer takes ``wrap``: a long label is broken into lines inside its cell (<br>,
a line break in Word, <br> in markdown, a new line in PDF).
"""

from __future__ import annotations

import html
import io

from disclint.tablematch import value_like

from .outline import Heading, Item, OCell, OTable, Para

WRAP_AT = 8  # a label longer than this many characters is broken after that many


def _is_label(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def wrap_parts(text: str, wrap: bool) -> list[str]:
    """The lines a cell's text is written on."""
    if not wrap or len(text) <= WRAP_AT or not _is_label(text):
        return [text]
    return [text[i : i + WRAP_AT] for i in range(0, len(text), WRAP_AT)]


# ---------------------------------------------------------------------------------------
# HTML


def to_html(items: list[Item], charset: str = "utf-8", wrap: bool = False) -> str:
    out = ["<!DOCTYPE html>", "<html>", "<head>", f'<meta charset="{charset}">', "<title>report</title>", "</head>", "<body>"]
    for it in items:
        if isinstance(it, Heading):
            lv = min(max(it.level, 1), 6)
            out.append(f"<h{lv}>{html.escape(it.text)}</h{lv}>")
        elif isinstance(it, Para):
            out.append(f"<p>{html.escape(it.text)}</p>")
        else:
            out.append(_html_table(it, wrap))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _html_table(t: OTable, wrap: bool) -> str:
    rows: dict[int, list] = {}
    for c in t.cells:
        rows.setdefault(c.row, []).append(c)
    out = ['<table border="1">']
    for r in range(t.n_rows):
        tds = []
        for c in sorted(rows.get(r, []), key=lambda c: c.col):
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            body = "<br>".join(html.escape(p) for p in wrap_parts(c.text, wrap)) or "&nbsp;"
            tds.append(f"<td{attrs}>{body}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_bytes(items: list[Item], encoding: str = "utf-8", wrap: bool = False) -> bytes:
    charset = {"gbk": "gbk", "gb18030": "gb18030"}.get(encoding, "utf-8")
    # characters GBK lacks are written as character references, as a GBK page would
    return to_html(items, charset, wrap).encode(encoding, errors="xmlcharrefreplace")


# ---------------------------------------------------------------------------------------
# DOCX


def docx_bytes(items: list[Item], headings: str = "styles", wrap: bool = False) -> bytes:
    """``headings``: "styles" (Heading 1..3) or "bold" (a Normal paragraph in bold)."""
    from docx import Document as Docx

    d = Docx()
    for it in items:
        if isinstance(it, Heading):
            if headings == "styles":
                d.add_heading(it.text, level=min(max(it.level, 1), 3))
            else:
                d.add_paragraph().add_run(it.text).bold = True
        elif isinstance(it, Para):
            d.add_paragraph(it.text)
        else:
            _docx_table(d, it, wrap)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _docx_table(d, t: OTable, wrap: bool) -> None:
    if not t.n_rows or not t.n_cols:
        return
    table = d.add_table(rows=t.n_rows, cols=t.n_cols)
    table.style = "Table Grid"
    for c in t.cells:
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        parts = wrap_parts(c.text, wrap)
        run = cell.paragraphs[0].add_run(parts[0])
        for p in parts[1:]:
            run.add_break()
            run.add_text(p)


# ---------------------------------------------------------------------------------------
# Markdown


def compact(t: OTable) -> OTable:
    """The same table without grid columns and rows in which no cell starts (a column
    that only exists because cells span it): a table without merges needs none."""
    cols = sorted({c.col for c in t.cells})
    rows = sorted({c.row for c in t.cells})
    ci = {k: i for i, k in enumerate(cols)}
    ri = {k: i for i, k in enumerate(rows)}

    def span(start: int, n: int, starts: list[int], index: dict) -> int:
        return sum(1 for k in starts if start <= k < start + n)

    cells = [OCell(c.text, ri[c.row], ci[c.col], span(c.row, c.rowspan, rows, ri), span(c.col, c.colspan, cols, ci)) for c in t.cells]
    return OTable(cells, t.header_rows, t.kind)


def to_markdown(items: list[Item], wrap: bool = False) -> str:
    out: list[str] = []
    for it in items:
        if isinstance(it, Heading):
            out += ["#" * min(max(it.level, 1), 6) + " " + it.text, ""]
        elif isinstance(it, Para):
            out += [it.text, ""]
        else:
            out += _md_table(it, wrap) + [""]
    return "\n".join(out)


def _md_cell(text: str, wrap: bool) -> str:
    return "<br>".join(p.replace("|", "\\|") for p in wrap_parts(text.replace("\n", " "), wrap))


def segments(t: OTable) -> list[OTable]:
    """The table cut before each row that is one cell across the whole width (表二's
    第二十条第（一）项 headers): each block then has only the columns it uses."""
    n = t.n_cols
    starts = [r for r in range(t.n_rows)
              if [(c.col, c.colspan) for c in t.cells if c.row == r] == [(0, n)]]
    cuts = sorted({0, *starts}) + [t.n_rows]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        cells = [OCell(c.text, c.row - a, c.col, min(c.row + c.rowspan, b) - c.row, c.colspan)
                 for c in t.cells if a <= c.row < b]
        out.append(OTable(cells, t.header_rows if a == 0 else 1, t.kind))
    return out


def _md_table(t: OTable, wrap: bool) -> list[str]:
    lines: list[str] = []
    for part in segments(t):
        if lines:
            lines.append("")
        lines += _md_block(compact(part), wrap)
    return lines


def _md_block(t: OTable, wrap: bool) -> list[str]:
    n = t.n_cols
    if not n:
        return []
    rows = [[""] * n for _ in range(t.n_rows)]
    for c in t.cells:
        repeat = not value_like(c.text)  # a label is repeated; a number is written once
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if repeat or (r, k) == (c.row, c.col):
                    rows[r][k] = _md_cell(c.text, wrap)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * n) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return lines


# ---------------------------------------------------------------------------------------
# PDF

_FONT = "STSong-Light"
_CELL_SIZE = 6.5
_PAD = 6  # reportlab's default cell padding, each side


def pdf_bytes(items: list[Item], wrap: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body = ParagraphStyle("body", fontName=_FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=13, leading=19, spaceBefore=6, spaceAfter=3)
    cellst = ParagraphStyle("cell", parent=body, fontSize=_CELL_SIZE, leading=_CELL_SIZE + 2)
    page = landscape(A4)
    width = page[0] - 48
    flow = []
    for it in items:
        if isinstance(it, (Heading, Para)):
            flow.append(Paragraph(html.escape(it.text), head if isinstance(it, Heading) else body))
            continue
        if not it.n_rows or not it.n_cols:
            continue
        data = [["" for _ in range(it.n_cols)] for _ in range(it.n_rows)]
        style = [("FONTNAME", (0, 0), (-1, -1), _FONT), ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for c in it.cells:
            data[c.row][c.col] = Paragraph("<br/>".join(html.escape(p) for p in wrap_parts(c.text, wrap)), cellst)
            if c.rowspan > 1 or c.colspan > 1:
                style.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
        flow.append(Table(data, colWidths=_widths(it, width), style=TableStyle(style), repeatRows=0))
        flow.append(Spacer(1, 6))
    from reportlab.platypus.doctemplate import LayoutError

    for tall in (1, 2, 4):
        # a cell spanning many rows cannot break across pages: a page tall enough holds it
        buf = io.BytesIO()
        try:
            SimpleDocTemplate(buf, pagesize=(page[0], page[1] * tall), leftMargin=24, rightMargin=24,
                              topMargin=30, bottomMargin=30).build(list(flow))
        except LayoutError:
            continue
        return buf.getvalue()
    raise ValueError("表格过高，无法排入页面")


def _widths(t: OTable, width: float, size: float = _CELL_SIZE) -> list[float]:
    """Column widths that fit each one-column text on one line where the page allows
    (wrapping is a transformation of its own), scaled down together when it does not."""
    need = [2 * size + 2 * _PAD + 4] * t.n_cols
    for c in t.cells:
        if c.colspan == 1:
            need[c.col] = max(need[c.col], min(len(c.text), 40) * size + 2 * _PAD + 4)
    scale = min(1.0, width / sum(need))
    return [w * scale for w in need]


# ---------------------------------------------------------------------------------------
# PDF printed by a browser

CHROMIUM = "/usr/bin/chromium"


def browser_pdf_bytes(items: list[Item], wrap: bool = False) -> bytes:
    """The HTML rendering printed to PDF by headless Chromium (playwright)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(to_html(items, wrap=wrap))
            return page.pdf(format="A4", landscape=True)
        finally:
            browser.close()

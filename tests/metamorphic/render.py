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
import re

from disclint.analysis.tables import value_like

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


def docx_bytes(items: list[Item], headings: str = "styles", wrap: bool = False, numbered: bool = False) -> bytes:
    """``headings``: "styles" (Heading 1..3) or "bold" (a Normal paragraph in bold).

    ``numbered``: the typed numbers 「一、」「（一）」「1.」 that Word's automatic numbering
    would show in the same place are taken out of the text and made Word numbering instead
    (see :func:`auto_numbers`): with Heading styles through the style (numbering linked to
    the style, as Word's multilevel lists are), else on the paragraph itself."""
    from docx import Document as Docx

    d = Docx()
    numbers = auto_numbers(items) if numbered else {}
    word = _WordList(d, items, numbers, headings == "styles") if numbers else None
    for i, it in enumerate(items):
        if isinstance(it, (Heading, Para)):
            text = it.text
            if i in numbers:
                text = text[numbers[i][1]:]
            if isinstance(it, Heading) and headings == "styles":
                para = d.add_heading(text, level=_heading_level(it))
            elif isinstance(it, Heading):
                para = d.add_paragraph()
                para.add_run(text).bold = True
            else:
                para = d.add_paragraph(text)
            if word is not None:
                word.number(para, i, it)
        else:
            _docx_table(d, it, wrap)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _heading_level(it: Heading) -> int:
    return min(max(it.level, 1), 3)


# Word's usual Chinese multilevel list: level 0 「一、」, level 1 「（一）」, level 2 「1.」 —
# (numFmt, lvlText, the typed number it replaces, what the number is in the typed text).
_CN_DIGITS = "一二三四五六七八九"
_LIST_LEVELS = (
    ("chineseCounting", "%1、", re.compile(r"([一二三四五六七八九十]{1,3})、")),
    ("chineseCountingThousand", "（%2）", re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("decimal", "%3.", re.compile(r"(\d{1,2})\.(?![\d.])")),
)


def _chinese(n: int) -> str:
    """1..99 as Chinese numerals (十一, 二十), written out independently of disclint's reader."""
    tens, ones = divmod(n, 10)
    return ("" if tens < 2 else _CN_DIGITS[tens - 1]) + ("十" if tens else "") + (_CN_DIGITS[ones - 1] if ones else "")


def auto_numbers(items: list[Item]) -> dict[int, tuple[int, int]]:
    """Item index -> (list level, length of the typed number) for the headings and
    paragraphs whose typed number is the one Word would show there: a level's counter
    goes up by one at each numbered item of that level and starts again after an item of
    a shallower level, so an item is numbered only where the typed number is that next
    value (a skipped or repeated number stays typed)."""
    counters = [0] * len(_LIST_LEVELS)
    out: dict[int, tuple[int, int]] = {}
    for i, it in enumerate(items):
        if not isinstance(it, (Heading, Para)):
            continue
        for level, (fmt, _, pat) in enumerate(_LIST_LEVELS):
            m = pat.match(it.text)
            if m is None:
                continue
            want = counters[level] + 1
            shown = str(want) if fmt == "decimal" else _chinese(want)
            if m.group(1) != shown or not it.text[m.end():].strip() or it.text[m.end()] in " \t":
                break  # not the next number, or nothing after it (a number alone is no paragraph)
            out[i] = (level, m.end())
            counters[level] = want
            counters[level + 1:] = [0] * (len(counters) - level - 1)
            break
    return out


class _WordList:
    """One multilevel list in numbering.xml; the headings' styles linked to it."""

    def __init__(self, d, items: list[Item], numbers: dict[int, tuple[int, int]], via_styles: bool):
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        self.qn = qn
        root = d.part.numbering_part.element
        abstract_id = 1 + max((int(e.get(qn("w:abstractNumId"))) for e in root.iterfind(qn("w:abstractNum"))), default=0)
        self.num_id = 1 + max((int(e.get(qn("w:numId"))) for e in root.iterfind(qn("w:num"))), default=0)
        # headings numbered through their style: every style that has a numbered heading
        self.linked = sorted({_heading_level(items[i]) for i, (lv, _) in numbers.items()
                              if via_styles and isinstance(items[i], Heading) and lv == 0})
        link = f'<w:pStyle w:val="Heading{self.linked[0]}"/>' if self.linked else ""
        levels = "".join(
            f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link if k == 0 else ""}'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
            for k, (fmt, text, _) in enumerate(_LIST_LEVELS))
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        first_num = root.find(qn("w:num"))
        if first_num is not None:  # the schema's order: every abstractNum before the nums
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{self.num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
        for k, lv in enumerate(self.linked):  # the first linked style names its level through lvl/pStyle
            ilvl = "" if k == 0 else '<w:ilvl w:val="0"/>'
            style = d.styles[f"Heading {lv}"].element
            ppr = style.get_or_add_pPr()
            before = [c for c in ppr if c.tag in {qn(f"w:{t}") for t in ("keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}]
            numpr = parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="{self.num_id}"/></w:numPr>')
            before[-1].addnext(numpr) if before else ppr.insert(0, numpr)  # where the schema puts it
        self.numbers = numbers
        self.items = items

    def number(self, para, i: int, it) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        linked = isinstance(it, Heading) and _heading_level(it) in self.linked and para.style.name.startswith("Heading")
        if i in self.numbers:
            level = self.numbers[i][0]
            if linked and level == 0:
                return  # the style numbers it
            xml = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.num_id}"/></w:numPr>'
        elif linked:
            xml = f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'  # its style would number it: not this one
        else:
            return
        ppr = para._p.get_or_add_pPr()
        ppr.insert(1 if ppr.find(self.qn("w:pStyle")) is not None else 0, parse_xml(xml))


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

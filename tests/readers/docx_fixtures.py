"""Builds DOCX files with python-docx from the seed report's own content (牡丹江市住建局 2020).

The seed is a tab-separated text report; its headings, paragraphs, 表二 （一） block and
表三 are written into a real Word document with merged cells the way Word merges them
(gridSpan across, vMerge restart/continue down), so the reader is tested on what an
office exports, not on hand-written XML.
"""

from __future__ import annotations

import io
import re

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")

# 表三 of the 2019 format: (row, label col 0, label col 1, label col 2) for rows 3..25.
T3_LABELS = [
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("三、本年度办理结果", "（一）予以公开", None),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    (None, "（三）不予公开", "1.属于国家秘密"),
    *[(None, None, s) for s in ("2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                                "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")],
    (None, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    (None, None, "2.没有现成信息需要另行制作"),
    (None, None, "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理", "1.信访举报投诉类申请"),
    *[(None, None, s) for s in ("2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                                "5.要求行政机关确认或重新出具已获取信息")],
    (None, "（六）其他处理", None),
    (None, "（七）总计", None),
    ("四、结转下年度继续办理", None, None),
]


def seed_t3_values() -> list[list[str]]:
    """The 7 numbers of each 表三 data row, read from the seed's tab-separated lines 53-76."""
    rows = []
    for line in SEED_LINES[52:76]:
        if not line.strip():
            continue
        rows.append([tok.strip() for tok in line.split("\t") if re.fullmatch(r"\d+", tok.strip())][:7])
    return rows


def seed_paragraphs(first: int, last: int) -> list[str]:
    """Non-blank seed lines first..last (1-based, inclusive)."""
    return [ln.strip() for ln in SEED_LINES[first - 1:last] if ln.strip()]


def _outline(paragraph, level0: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level0))
    ppr.append(el)


def _heading(doc, text: str, how: str) -> None:
    if how == "builtin":
        doc.add_heading(text, level=1)  # style id Heading1, name "Heading 1"
    elif how == "chinese":
        doc.add_paragraph(text).style = doc.styles["标题 2"]  # Chinese Word: style id "2", w:name "heading 2"
    else:
        _outline(doc.add_paragraph(text), 0)  # a plain paragraph with outline level 1


def _table2(doc):
    """表二 from seed lines 27-45: block headers (第二十条第（x）项) merged across the four columns."""
    rows = [ln.split("\t") for ln in SEED_LINES[26:45] if ln.strip()]
    t = doc.add_table(rows=len(rows), cols=4)
    for r, fields in enumerate(rows):
        for c, value in enumerate(fields[:4]):
            t.cell(r, c).text = value.strip()
        if fields[0].startswith("第二十条"):
            t.cell(r, 0).merge(t.cell(r, 3))
            t.cell(r, 0).text = fields[0].strip()  # merge() joins the cells' paragraphs
    return t


def _table4(doc):
    """表四 from seed lines 80-83."""
    t = doc.add_table(rows=4, cols=15)
    t.cell(0, 0).text, t.cell(0, 5).text = "行政复议", "行政诉讼"
    for c, label in enumerate(SEED_LINES[80].split("\t")[:5]):
        t.cell(1, c).text = label
    t.cell(1, 5).text, t.cell(1, 10).text = "未经复议直接起诉", "复议后起诉"
    for c, label in enumerate(SEED_LINES[81].split("\t")[5:15], start=5):
        t.cell(2, c).text = label
    # The seed's data line is 5 empty fields, then 4 1 0 0 5 (复议) and six 0s: one field too many,
    # which a Word table cannot have. Here: the 复议 five, then 0 for the ten 诉讼 cells.
    values = [v.strip() for v in SEED_LINES[82].split("\t")[5:10]] + ["0"] * 10
    for c, value in enumerate(values):
        t.cell(3, c).text = value
    t.cell(0, 0).merge(t.cell(0, 4))
    t.cell(0, 5).merge(t.cell(0, 14))
    for c in range(5):
        t.cell(1, c).merge(t.cell(2, c))
    t.cell(1, 5).merge(t.cell(1, 9))
    t.cell(1, 10).merge(t.cell(1, 14))
    return t


def _table3(doc):
    values = seed_t3_values()
    t = doc.add_table(rows=26, cols=10)
    t.cell(0, 0).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t.cell(0, 3).text = "申请人情况"
    t.cell(1, 3).text = "自然人"
    t.cell(1, 4).text = "法人或其他组织"
    t.cell(1, 9).text = "总计"
    for c, label in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), start=4):
        t.cell(2, c).text = label
    for r, (labels, numbers) in enumerate(zip(T3_LABELS, values), start=3):
        for c, label in enumerate(labels):
            if label:
                t.cell(r, c).text = label
        for c, n in enumerate(numbers, start=3):
            t.cell(r, c).text = n
    # Merges as Word records them; merge() keeps the top-left cell's text.
    t.cell(0, 0).merge(t.cell(2, 2))
    t.cell(0, 3).merge(t.cell(0, 9))
    t.cell(1, 3).merge(t.cell(2, 3))
    t.cell(1, 4).merge(t.cell(1, 8))
    t.cell(1, 9).merge(t.cell(2, 9))
    for r in (3, 4, 25):
        t.cell(r, 0).merge(t.cell(r, 2))
    t.cell(5, 0).merge(t.cell(24, 0))  # 三、本年度办理结果 over the 20 result rows
    for r in (5, 6, 23, 24):
        t.cell(r, 1).merge(t.cell(r, 2))
    t.cell(7, 1).merge(t.cell(14, 1))
    t.cell(15, 1).merge(t.cell(17, 1))
    t.cell(18, 1).merge(t.cell(22, 1))
    return t


def seed_docx() -> bytes:
    """The seed report as a DOCX: paragraphs, six headings of three kinds, 表二, 表三, 表四."""
    doc = new_document()
    doc.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH).element.set(qn("w:styleId"), "2")
    for text in seed_paragraphs(3, 7):  # title, date, introduction
        doc.add_paragraph(text)
    _heading(doc, SEED_LINES[8], "builtin")  # 一、总体情况
    for text in seed_paragraphs(11, 23):
        doc.add_paragraph(text)
    _heading(doc, SEED_LINES[24], "chinese")  # 二、主动公开政府信息情况
    doc.styles["标题 2"].element.find(qn("w:name")).set(qn("w:val"), "heading 2")
    _table2(doc)
    _heading(doc, SEED_LINES[47], "outline")  # 三、收到和处理政府信息公开申请情况
    _table3(doc)
    _heading(doc, SEED_LINES[77], "builtin")  # 四、政府信息公开行政复议、行政诉讼情况
    _table4(doc)
    for text in seed_paragraphs(85, 99):
        if re.match("[五六]、", text):
            _heading(doc, text, "builtin")
        else:
            p = doc.add_paragraph()
            half = len(text) // 2  # two runs and a tab: runs are concatenated, a tab is a space
            p.add_run(text[:half])
            p.add_run(text[half:])
    doc.add_paragraph("联系电话：\t0453-1234567")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def replace_part(docx: bytes, name: str, data: bytes | None) -> bytes:
    """The same package with one part replaced (or dropped when ``data`` is None)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        if data is not None:
            dst.writestr(name, data)
    return out.getvalue()

"""The DOCX reader on the seed report written as a Word document, and on broken packages."""

import io
import zipfile

import pytest
from docx import Document as new_document

from conftest import findings
from disclint.readers.docx import read_docx
from readers.docx_fixtures import SEED_LINES, replace_part, seed_docx, seed_t3_values

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def seed():
    data = seed_docx()
    return data, read_docx("seed.docx", data)


def where(node) -> tuple[int, int, str]:
    s = node.span
    return s.start.line, s.start.column, s.logical


def docx_with_body(body_xml: str) -> bytes:
    """A python-docx package whose document.xml body is ``body_xml``."""
    buf = io.BytesIO()
    new_document().save(buf)
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body_xml}</w:body></w:document>'
    return replace_part(buf.getvalue(), "word/document.xml", xml.encode("utf-8"))


# -- the seed report ---------------------------------------------------------------------


def test_seed_paragraphs_headings_and_order(seed):
    _, doc = seed
    assert doc.problems == [] and doc.reader == "docx"
    assert [type(b).__name__ for b in doc.blocks].count("Table") == 3
    first = doc.blocks[0]
    assert (first.kind, first.text, where(first)) == (
        "paragraph", "牡丹江市住房和城乡建设局 2020年政府信息公开工作年度报告", (1, 1, "paragraph[1]"))
    headings = [(b.level, b.text, where(b)) for b in doc.text_blocks if b.kind == "heading"]
    assert headings == [
        (1, "一、总体情况", (4, 1, "paragraph[4]")),  # style Heading1
        (2, "二、主动公开政府信息情况", (12, 1, "paragraph[12]")),  # style id "2", name "heading 2"
        (1, "三、收到和处理政府信息公开申请情况", (14, 1, "paragraph[13]")),  # outline level 0, after table 1
        (1, "四、政府信息公开行政复议、行政诉讼情况", (16, 1, "paragraph[14]")),
        (1, "五、存在的主要问题及改进情况", (18, 1, "paragraph[15]")),
        (1, "六、其他需要报告的事项", (24, 1, "paragraph[21]")),
    ]
    assert [where(t) for t in doc.tables] == [(13, 1, "table[1]"), (15, 1, "table[2]"), (17, 1, "table[3]")]
    # runs are concatenated; a tab is a space; a character's column is its offset + 1
    body = next(b for b in doc.text_blocks if b.text.startswith("虽然我局"))
    assert body.text == SEED_LINES[86].strip()
    last = doc.blocks[-1]
    assert (last.text, where(last)) == ("联系电话： 0453-1234567", (26, 1, "paragraph[23]"))
    assert last.textmap.pos(6).column == 7


def test_seed_table2_block_headers_merged_across(seed):
    _, doc = seed
    t2 = doc.tables[0]
    assert (t2.n_rows, t2.n_cols, t2.source) == (18, 4, "docx")
    header = t2.grid[0][0]
    assert (header.text, header.colspan, header.rowspan) == ("第二十条第（一）项", 4, 1)
    assert all(c is header for c in t2.grid[0])
    assert [c.text for c in t2.grid[1]] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert [c.text for c in t2.grid[6]] == ["行政许可", "55", "增 1", "280"]
    assert where(t2.grid[6][2]) == (13, 1, "table[1]/row[7]/cell[3]")
    assert [c.text for c in t2.grid[17]] == ["政府集中采购", "1", "74690", ""]


def test_seed_table3_grid_spans_and_paths(seed):
    _, doc = seed
    t3 = doc.tables[1]
    assert (t3.n_rows, t3.n_cols) == (26, 10)
    note = t3.grid[0][0]
    assert (note.row, note.col, note.rowspan, note.colspan) == (0, 0, 3, 3)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan, c.span.logical) for c in t3.cells if c.rowspan > 1 or c.colspan > 1}
    assert spans["三、本年度办理结果"] == (5, 0, 20, 1, "table[2]/row[6]/cell[1]")
    assert spans["申请人情况"] == (0, 3, 1, 7, "table[2]/row[1]/cell[2]")
    assert spans["自然人"] == (1, 3, 2, 1, "table[2]/row[2]/cell[2]")
    assert spans["法人或其他组织"] == (1, 4, 1, 5, "table[2]/row[2]/cell[3]")
    assert spans["（三）不予公开"] == (7, 1, 8, 1, "table[2]/row[8]/cell[2]")
    assert spans["（四）无法提供"] == (15, 1, 3, 1, "table[2]/row[16]/cell[2]")
    assert spans["（五）不予处理"] == (18, 1, 5, 1, "table[2]/row[19]/cell[2]")
    assert spans["（七）总计"] == (24, 1, 1, 2, "table[2]/row[25]/cell[2]")
    result = t3.grid[5][0]
    assert all(t3.grid[r][0] is result for r in range(5, 25)) and t3.grid[25][0].text == "四、结转下年度继续办理"
    # every data row carries the seed's seven numbers, in the value columns
    assert [[c.text for c in row[3:]] for row in t3.grid[3:]] == seed_t3_values()
    # a vertically merged row's own value cells are numbered from 1 after the continue cell
    assert where(t3.grid[8][3]) == (15, 1, "table[2]/row[9]/cell[4]")
    assert [c.text for c in t3.grid[2][4:9]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_seed_docx_lints_like_the_seed_text_with_logical_places(seed, tmp_path):
    data, _ = seed
    path = tmp_path / "mudanjiang-housing-2020.docx"
    path.write_bytes(data)
    got = sorted((d["code"], d["line"], d["column"], d["message"]) for d in findings(path))
    # 「增 1」 in a 本年增/减 column is a signed number, so the seed's tables raise nothing
    assert got == []


# -- structure details --------------------------------------------------------------------


def test_vmerge_continue_without_restart_grid_before_and_nested_table():
    body = (
        "<w:tbl>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>孤</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    doc = read_docx("t.docx", docx_with_body(body))
    outer, inner = doc.tables
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in outer.cells] == [
        ("甲乙", 0, 1, 2, 2), ("A", 1, 0, 1, 1), ("孤", 2, 0, 1, 1), ("x y", 2, 1, 1, 1)]
    assert [c.text for c in inner.cells] == ["内"]
    assert inner.span.logical == "table[1]/row[3]/cell[2]/table[1]" and inner.span.start.line == 1


def test_content_controls_fallback_text_and_breaks():
    body = (
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>一、</w:t><w:br/><w:t xml:space="preserve">总体  情况</w:t></w:r>'
        "<w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r>"
        "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
        "<w:p><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>正文级</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:t>无样式表也认</w:t></w:r></w:p>"
    )
    doc = read_docx("t.docx", replace_part(docx_with_body(body), "word/styles.xml", None))
    assert [(b.kind, b.level, b.text, where(b)) for b in doc.blocks] == [
        ("paragraph", None, "控件内", (1, 1, "paragraph[1]")),
        ("paragraph", None, "一、 总体 情况框", (2, 1, "paragraph[2]")),
        ("paragraph", None, "正文级", (3, 1, "paragraph[3]")),
        ("heading", 3, "无样式表也认", (4, 1, "paragraph[4]")),
    ]


# -- broken and hostile packages -----------------------------------------------------------


def kinds(doc):
    return [p.kind for p in doc.problems]


def test_not_a_zip_empty_and_missing_document():
    doc = read_docx("a.docx", "这不是 DOCX，是一段文字".encode())
    assert kinds(doc) == ["unreadable"] and doc.blocks == []
    assert doc.problems[0].detail == "不是有效的 DOCX 文件（不是 ZIP 压缩包）"
    assert kinds(read_docx("b.docx", b"")) == ["empty"]
    no_doc = replace_part(seed_docx(), "word/document.xml", None)
    doc = read_docx("c.docx", no_doc)
    assert kinds(doc) == ["unreadable"] and doc.problems[0].detail == "不是有效的 DOCX 文件：压缩包中没有 word/document.xml"


def test_truncated_zip(seed):
    data, _ = seed
    doc = read_docx("cut.docx", data[: len(data) // 2])
    assert kinds(doc) == ["truncated"] and doc.blocks == []
    assert doc.problems[0].detail == "DOCX 文件不完整（压缩包被截断），无法读取"


def test_corrupt_xml():
    doc = read_docx("x.docx", replace_part(seed_docx(), "word/document.xml", b"<w:document><w:body><w:p>"))
    assert kinds(doc) == ["unreadable"]
    assert doc.problems[0].detail.startswith("DOCX 中的 word/document.xml 不是有效的 XML")


def test_zip_bomb_is_refused_without_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document " + W.encode() + b">" + b" " * (51 * 1024 * 1024))
    assert len(buf.getvalue()) < 200_000
    doc = read_docx("bomb.docx", buf.getvalue())
    assert kinds(doc) == ["unreadable"]
    assert doc.problems[0].detail == "DOCX 中的 word/document.xml 解压后达 51 MB，超过 50 MB 上限，拒绝读取（可能是压缩炸弹）"


def test_billion_laughs_is_refused_as_unreadable():
    lol = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>前&lol9;后</w:t></w:r></w:p></w:body></w:document>').encode()
    doc = read_docx("lol.docx", replace_part(seed_docx(), "word/document.xml", xml))
    assert kinds(doc) == ["unreadable"] and doc.blocks == []
    assert "不是有效的 XML" in doc.problems[0].detail


def test_external_entities_are_not_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY small "lol">'
           f'<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY pw SYSTEM "file:///etc/passwd">]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>前&small;后</w:t></w:r></w:p>'
           f'<w:p><w:r><w:t>&xxe;&pw;读</w:t></w:r></w:p></w:body></w:document>').encode()
    doc = read_docx("evil.docx", replace_part(seed_docx(), "word/document.xml", xml))
    assert doc.problems == []
    assert [b.text for b in doc.text_blocks] == ["前后", "读"]  # references are dropped, never followed

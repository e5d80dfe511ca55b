"""Word's automatic numbering read as Word shows it (readers/docxnumbering.py, readers/docx.py).

The DOCX here are hand-written WordprocessingML, so each test states exactly which
numbering.xml construct it exercises; the real-report renderings are in
tests/test_metamorphic.py (render-docx-numbering) and the hostile ones in
tests/hostile/test_hostile_files.py.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from disclint.model import Block, Pos
from disclint.readers.docx import read_docx
from disclint.readers.docxnumbering import format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# -- the formats ---------------------------------------------------------------------------


def test_chinese_counting_one_to_twenty_five():
    assert [format_number(n, "chineseCounting") for n in range(1, 26)] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
        "二十一", "二十二", "二十三", "二十四", "二十五"]


def test_chinese_counting_thousand_and_the_legal_forms():
    got = {n: format_number(n, "chineseCountingThousand") for n in (10, 11, 20, 99, 100, 101, 110, 1000, 1010, 10050, 32767)}
    assert got == {10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一", 110: "一百一十",
                   1000: "一千", 1010: "一千零一十", 10050: "一万零五十", 32767: "三万二千七百六十七"}
    assert format_number(100, "chineseCounting") == "一〇〇"  # digit by digit from 100
    assert [format_number(n, "chineseLegalSimplified") for n in (3, 11, 205)] == ["叁", "壹拾壹", "贰佰零伍"]
    assert [format_number(n, "ideographTraditional") for n in (1, 10, 11)] == ["甲", "癸", "11"]
    assert [format_number(n, "ideographZodiac") for n in (1, 12)] == ["子", "亥"]


def test_latin_roman_enclosed_and_unknown_formats():
    assert [format_number(n, "upperLetter") for n in (1, 26, 27, 53)] == ["A", "Z", "AA", "AAA"]
    assert [format_number(n, "lowerRoman") for n in (4, 9, 14, 1994)] == ["iv", "ix", "xiv", "mcmxciv"]
    assert format_number(4000, "upperRoman") == "4000"  # no numeral: decimal
    assert [format_number(n, "decimalEnclosedCircle") for n in (1, 20, 21)] == ["①", "⑳", "21"]
    assert [format_number(n, "decimalZero") for n in (7, 12)] == ["07", "12"]
    assert format_number(3, "cardinalText") == "3" and format_number(3, "no-such-format") == "3"
    assert format_number(3, "none") == ""


# -- documents -----------------------------------------------------------------------------


def _p(text: str, num: tuple[int, int] | None = None, style: str | None = None, num_off: bool = False) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if num_off:
        ppr += '<w:numPr><w:numId w:val="0"/></w:numPr>'
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "", suff: str = "nothing") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/></w:lvl>')


CN3 = _lvl(0, "chineseCounting", "%1、") + _lvl(1, "chineseCountingThousand", "（%2）") + _lvl(2, "decimal", "%3.")


def _numbering(abstracts: dict[int, str], nums: dict[int, str]) -> str:
    """abstractNumId -> its levels (and links); numId -> abstractNumId plus overrides."""
    a = "".join(f'<w:abstractNum w:abstractNumId="{k}">{v}</w:abstractNum>' for k, v in abstracts.items())
    n = "".join(f'<w:num w:numId="{k}">{v}</w:num>' for k, v in nums.items())
    return f"<w:numbering {NS}>{a}{n}</w:numbering>"


def _read(body: str, numbering: str | None = None, styles: str | None = None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        if numbering is not None:
            z.writestr("word/numbering.xml", numbering)
        if styles is not None:
            z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
    return read_docx("t.docx", buf.getvalue())


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


ONE = {1: '<w:abstractNumId w:val="0"/>'}


def test_deeper_levels_start_again_when_a_shallower_one_advances():
    body = (_p("总体情况", (1, 0)) + _p("主动公开", (1, 1)) + _p("规章", (1, 2)) + _p("规范性文件", (1, 2))
            + _p("依申请公开", (1, 1)) + _p("收到申请", (1, 2)) + _p("不带编号的段落") + _p("主动公开政府信息情况", (1, 0))
            + _p("新的第一项", (1, 1)) + _p("新的第一条", (1, 2)))
    doc = _read(body, _numbering({0: CN3}, ONE))
    assert _texts(doc) == ["一、总体情况", "（一）主动公开", "1.规章", "2.规范性文件", "（二）依申请公开", "1.收到申请",
                           "不带编号的段落", "二、主动公开政府信息情况", "（一）新的第一项", "1.新的第一条"]
    assert doc.problems == []


def test_lvltext_shows_the_shallower_counters_and_islgl_makes_them_decimal():
    levels = _lvl(0, "upperRoman", "第%1部分") + _lvl(1, "lowerLetter", "%1.%2", extra="") + _lvl(2, "decimal", "%1.%2.%3", extra='<w:isLgl/>')
    body = _p("甲", (1, 0)) + _p("乙", (1, 1)) + _p("丙", (1, 2)) + _p("丁", (1, 1)) + _p("戊", (1, 0)) + _p("己", (1, 1))
    assert _texts(_read(body, _numbering({0: levels}, ONE))) == ["第I部分甲", "I.a乙", "1.1.1丙", "I.b丁", "第II部分戊", "II.a己"]


def test_start_values_and_start_overrides_on_a_shared_definition():
    # numId 1 and 2 share abstract 0: one sequence; numId 2 restarts level 0 at 5 where it is first used
    nums = {1: '<w:abstractNumId w:val="0"/>',
            2: '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>',
            3: '<w:abstractNumId w:val="0"/>'}
    levels = _lvl(0, "chineseCounting", "%1、", start=3) + _lvl(1, "decimal", "%2)")
    body = (_p("甲", (1, 0)) + _p("乙", (1, 0)) + _p("丙", (3, 0)) + _p("丁", (2, 0)) + _p("戊", (2, 0))
            + _p("己", (1, 0)) + _p("庚", (1, 1)))
    assert _texts(_read(body, _numbering({0: levels}, nums))) == ["三、甲", "四、乙", "五、丙", "五、丁", "六、戊", "七、己", "1)庚"]


def test_a_level_override_replaces_the_level_for_its_num_only():
    nums = {1: '<w:abstractNumId w:val="0"/>',
            2: '<w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">' + _lvl(0, "decimalEnclosedCircle", "%1", start=19) + "</w:lvlOverride>"}
    levels = _lvl(0, "chineseCounting", "%1、")
    body = _p("甲", (1, 0)) + _p("乙", (2, 0)) + _p("丙", (2, 0)) + _p("丁", (2, 0)) + _p("戊", (1, 0))
    assert _texts(_read(body, _numbering({0: levels, 1: levels}, nums))) == ["一、甲", "⑲乙", "⑳丙", "21丁", "二、戊"]


def test_lvl_restart_zero_never_restarts():
    levels = _lvl(0, "chineseCounting", "%1、") + _lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')
    body = _p("甲", (1, 0)) + _p("乙", (1, 1)) + _p("丙", (1, 0)) + _p("丁", (1, 1))
    assert _texts(_read(body, _numbering({0: levels}, ONE))) == ["一、甲", "1.乙", "二、丙", "2.丁"]


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="PartTitle"><w:name w:val="部分标题"/><w:basedOn w:val="Heading1"/></w:style>'
)


def test_numbering_from_the_paragraph_style_its_base_and_the_level_named_by_the_style():
    levels = (_lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>')
              + _lvl(1, "chineseCountingThousand", "（%2）", extra='<w:pStyle w:val="Heading2"/>'))
    body = (_p("总体情况", style="Heading1") + _p("主动公开", style="Heading2") + _p("目录", style="Heading1", num_off=True)
            + _p("主动公开政府信息情况", style="PartTitle") + _p("正文"))
    doc = _read(body, _numbering({0: levels}, ONE), STYLES)
    assert _texts(doc) == ["一、总体情况", "（一）主动公开", "目录", "二、主动公开政府信息情况", "正文"]
    assert [b.kind for b in doc.blocks] == ["heading", "heading", "heading", "heading", "paragraph"]


def test_numbering_defined_in_a_numbering_style_is_followed():
    # abstract 1 is a numStyleLink to the numbering style 「公文编号」, whose numPr names numId 1 (abstract 0)
    styles = STYLES + ('<w:style w:type="numbering" w:styleId="GongWen"><w:name w:val="公文编号"/>'
                       '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    abstracts = {0: '<w:styleLink w:val="GongWen"/>' + CN3, 1: '<w:numStyleLink w:val="GongWen"/>'}
    nums = {1: '<w:abstractNumId w:val="0"/>', 2: '<w:abstractNumId w:val="1"/>'}
    body = _p("甲", (2, 0)) + _p("乙", (2, 1)) + _p("丙", (1, 0))
    assert _texts(_read(body, _numbering(abstracts, nums), styles)) == ["一、甲", "（一）乙", "二、丙"]


def test_the_number_is_at_the_paragraph_start_and_the_text_keeps_its_columns():
    levels = _lvl(0, "chineseCounting", "%1、", suff="tab")
    doc = _read(_p("标题") + _p("总体情况", (1, 0)), _numbering({0: levels}, ONE))
    b = doc.blocks[1]
    assert b.text == "一、 总体情况"  # Word's tab after the number
    assert [b.textmap.pos(i) for i in range(5)] == [Pos(2, 1), Pos(2, 1), Pos(2, 1), Pos(2, 1), Pos(2, 2)]
    assert b.textmap.span(3, 7).start == Pos(2, 1) and b.textmap.span(3, 7).end == Pos(2, 4)


def test_bullets_empty_paragraphs_unknown_ids_and_cells():
    levels = _lvl(0, "chineseCounting", "%1、") + _lvl(1, "bullet", "\uf0b7")
    nums = {1: '<w:abstractNumId w:val="0"/>', 2: '<w:abstractNumId w:val="9"/>'}
    cell = f"<w:tbl><w:tr><w:tc>{_p('表中条目', (1, 0))}</w:tc><w:tc>{_p('5')}</w:tc></w:tr></w:tbl>"
    body = (_p("甲", (1, 0)) + _p("", (1, 0)) + _p("要点", (1, 1)) + _p("无定义", (2, 0)) + _p("无编号", (7, 0))
            + cell + _p("乙", (1, 0)))
    doc = _read(body, _numbering({0: levels}, nums))
    assert [b.text for b in doc.blocks if isinstance(b, Block)] == ["一、甲", "要点", "无定义", "无编号", "四、乙"]
    assert [c.text for c in doc.tables[0].cells] == ["三、表中条目", "5"]  # the empty paragraph still counted (二)


def test_without_numbering_xml_nothing_changes():
    doc = _read(_p("总体情况", (1, 0)))
    assert _texts(doc) == ["总体情况"] and doc.problems == []


@pytest.mark.parametrize("xml,detail", [
    ("<w:numbering", "DOCX 中的 word/numbering.xml 不是有效的 XML"),
])
def test_broken_numbering_xml_is_said_and_the_text_still_read(xml, detail):
    doc = _read(_p("总体情况", (1, 0)) + _p("正文"), xml)
    assert _texts(doc) == ["总体情况", "正文"]
    assert [(p.kind, p.detail.startswith(detail), p.detail.endswith("；自动编号（如「一、」）未读出")) for p in doc.problems] == [("numbering", True, True)]


def test_the_list_styles_of_a_real_word_template():
    """python-docx's default template (saved by Word): its List Number styles are numbered
    through the style, each its own list with a tab after 「%1.」; List Bullet has no number."""
    from docx import Document as new_document

    d = new_document()
    for text, style in (("总体情况", "List Number"), ("主动公开", "List Number 2"), ("依申请公开", "List Number 2"),
                        ("收到申请", "List Number"), ("要点", "List Bullet")):
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    assert _texts(read_docx("t.docx", buf.getvalue())) == ["1. 总体情况", "1. 主动公开", "2. 依申请公开", "2. 收到申请", "要点"]

"""Hostile word/numbering.xml: each case ends with its exact X code, within the memory and
time bound of runner.py (a child process under RLIMIT_AS / RLIMIT_CPU and a wall clock)."""

from __future__ import annotations

import generate as g
from runner import assert_no_traceback, check

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered(text: str, num_id: int, ilvl: int | str = 0) -> str:
    return f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def _x(run) -> list[tuple[str, str]]:
    assert_no_traceback(run)
    return [(d["code"], d["message"]) for d in run.findings() if d["code"].startswith("X")]


def test_hostile_numbering_definitions_are_bounded_and_said(tmp_path):
    """Huge starts, a 200,000-placeholder level text, levels past 8, a numStyleLink loop,
    30,000 definitions and 6,000 numbered paragraphs: read within the bounds, the cuts
    said once each (X008), the headings still numbered as Word numbers them."""
    lvl_text = "%2" * 100_000
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="{"9" * 5000}"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="{lvl_text}"/></w:lvl>'
        '<w:lvl w:ilvl="999999999999"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%9"/></w:lvl>'
    )
    loop = '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Loop"/></w:abstractNum>'
    filler = "".join(f'<w:abstractNum w:abstractNumId="{k}"><w:lvl w:ilvl="0"><w:start w:val="-{k}"/></w:lvl></w:abstractNum>'
                     for k in range(10, 30_010))
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    numbering = f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{loop}{nums}{filler}</w:numbering>'
    styles = (f'<w:styles {NS}><w:style w:type="numbering" w:styleId="Loop"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>')
    items = "".join(_numbered("条目", 1, 1) + _numbered("循环", 2) + _numbered("越界", 1, "999999999999") for _ in range(2_000))
    body = g.para(g.TITLE.strip()) + _numbered("总体情况", 1) + items + _numbered("主动公开政府信息情况", 1)
    p = g.docx(tmp_path, "numbering.docx", body, {"word/numbering.xml": numbering, "word/styles.xml": styles})
    run = check("--format", "json", str(p))
    assert sorted(_x(run)) == [
        ("X008", "内容超出读取上限，超出部分未检查：word/numbering.xml 中生成的编号长于 64 个字符，其余部分未显示"),
        ("X008", "内容超出读取上限，超出部分未检查：word/numbering.xml 中编号定义超过 20000 个，其后的定义未读取"),
        ("X008", "内容超出读取上限，超出部分未检查：word/numbering.xml 中编号格式文字（w:lvlText）长于 64 个字符，其余部分未读取"),
        ("X008", "内容超出读取上限，超出部分未检查：word/numbering.xml 中起始编号超出 Word 的范围（0～32767），按范围的端值计"),
    ]
    # the two part headings are read with their numbers: only the four parts not written are missing
    assert sorted(d["message"] for d in run.findings() if d["code"] == "S101") == [
        "缺少第三部分「三、收到和处理政府信息公开申请情况」（应位于报告末尾）",
        "缺少第五部分「五、存在的主要问题及改进情况」（应位于报告末尾）",
        "缺少第六部分「六、其他需要报告的事项」（应位于报告末尾）",
        "缺少第四部分「四、政府信息公开行政复议、行政诉讼情况」（应位于报告末尾）",
    ]


def test_unreadable_numbering_xml_is_said_and_the_rest_is_read(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i else "")) * 10}">' for i in range(1, 10))
            + f']><w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="&lol9;"/></w:lvl></w:abstractNum></w:numbering>')
    body = g.para(g.TITLE.strip()) + _numbered("总体情况", 1) + g.para("本机关主动公开政府信息100条。")
    for name, xml in (("broken.docx", f"<w:numbering {NS}><w:num"), ("bomb.docx", bomb)):
        p = g.docx(tmp_path, name, body, {"word/numbering.xml": xml})
        run = check("--format", "json", str(p))
        x = _x(run)
        assert [c for c, _ in x] == ["X015"], x
        assert x[0][1].startswith("自动编号无法读取：DOCX 中的 word/numbering.xml 不是有效的 XML（")
        assert x[0][1].endswith("）；自动编号（如「一、」）未读出")
        assert any(d["code"] == "S101" for d in run.findings())  # the heading's number is not there: said, not guessed

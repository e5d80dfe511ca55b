"""The text readers read tables with the labels of every loaded rule set (issue #9).

A regulator's rule set (here a tmp file given with --rules) adds a 表二 row to the
第二十条第（一）项 block; a flattened real report (Pingtan page.txt, one line) prints that
row. The flattened reader must read it as a row of 表二, with its values at their
columns, so the table checks see it: no false 「缺少行」 and the row's own faults named
at the row.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from conftest import REAL, findings
from disclint.checking import Options
from disclint.engine import Linter
from disclint.readers.texttables import vocabulary
from disclint.readers.texttables.flattened import find_inline_tables

TODAY = date(2026, 12, 2)
REPORT = REAL / "042-pingtan-spp-2023.txt"  # 2021 format, flattened onto line 10
ANCHOR = "行政规范性文件000第二十条第（五）项"

DOCS = Path(__file__).resolve().parent.parent / "docs" / "writing-rules.md"
# the regulator's set is the one docs/writing-rules.md shows (its one ```yml block)
[PROVINCE_ROW] = re.findall(r"^```yml\n(.*?)^```", DOCS.read_text(encoding="utf-8"), re.S | re.M)


def _report(tmp_path: Path, values: str) -> Path:
    text = REPORT.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    out = tmp_path / f"report-{values.replace(' ', '_')}.txt"
    out.write_text(text.replace(ANCHOR, f"行政规范性文件000地方性法规{values}第二十条第（五）项"), encoding="utf-8")
    return out


def _province(tmp_path: Path) -> Path:
    p = tmp_path / "fj-2021.yaml"
    p.write_text(PROVINCE_ROW, encoding="utf-8")
    return p


def _row(doc, label: str):
    """(label cell, value cells) of the 表二 row labelled ``label``, or None."""
    for t in doc.tables:
        for row in t.grid:
            if row and row[0] is not None and row[0].text == label:
                seen, cells = set(), []
                for c in row[1:]:
                    if c is not None and id(c) not in seen:
                        seen.add(id(c))
                        cells.append(c)
                return row[0], cells
    return None


def test_a_regulators_table2_row_is_read_by_the_flattened_reader(tmp_path):
    report = _report(tmp_path, "312")
    line = report.read_text(encoding="utf-8").split("\n")[9]
    at = line.index("地方性法规") + 1
    got = _row(Linter(Options(today=TODAY), extra_rule_paths=[_province(tmp_path)]).read(str(report)), "地方性法规")
    assert got is not None
    label, cells = got
    assert (label.textmap.pos(0).line, label.textmap.pos(0).column) == (10, at)
    # three digits for three cells: the one split
    assert [c.text for c in cells] == ["3", "1", "2"]
    assert [c.textmap.pos(0).column for c in cells] == [at + 5, at + 6, at + 7]
    # without the regulator's set the label is no 表二 row: the national vocabulary
    assert _row(Linter(Options(today=TODAY)).read(str(report)), "地方性法规") is None


def test_the_regulators_row_is_checked_where_it_is(tmp_path):
    province = _province(tmp_path)
    # well-formed: the row is there, so no 「缺少行」 (what a reader blind to it reports)
    found = findings(_report(tmp_path, "3 1 2"), "--rules", str(province))
    assert not [d for d in found if d["code"] in ("T202", "T204", "X010")]
    assert {d["ruleset"] for d in found} == {"fj-2021"}
    # two numbers for three cells: the row's own fault, at its values
    report = _report(tmp_path, "3 1")
    at = report.read_text(encoding="utf-8").split("\n")[9].index("地方性法规3 1") + 1
    found = findings(report, "--rules", str(province))
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in found if d["code"].startswith(("T2", "X0"))] == [
        ("X010", 10, at + 5, "表格内容无法确定，已排除在数值核对之外：数字串「3 1」无法拆为3个单元格，本行不参与计算"),
    ]


def test_the_linters_vocabulary_is_the_union_of_its_sets(tmp_path):
    national = Linter(Options(today=TODAY)).vocabulary
    # the shipped sets alone read as the national schemas do outside a linter
    assert national == vocabulary.national()
    province = Linter(Options(today=TODAY), extra_rule_paths=[_province(tmp_path)]).vocabulary
    assert province.table2_rows == (*national.table2_rows, "地方性法规")
    assert province.table3_rows == national.table3_rows and province.table2_columns == national.table2_columns


def test_reading_with_a_vocabulary_is_scoped():
    extra = vocabulary.TableVocabulary(table2_rows=("地方性法规",))
    assert vocabulary.current() == vocabulary.national()
    with vocabulary.reading_with(extra):
        assert vocabulary.current() is extra and vocabulary.is_label("地方性法规")
    assert vocabulary.current() == vocabulary.national() and not vocabulary.is_label("地方性法规")


def _t3_row(line: str, label: str) -> list[str]:
    """The value cell texts of the 表三 row whose label cell holds ``label``."""
    for region in find_inline_tables(line, 10):
        for row in region.table.grid:
            if any(c is not None and label in c.text for c in row[:3]):
                return [c.text for c in {id(c): c for c in row[3:] if c is not None}.values()]
    raise AssertionError(label)


def test_the_identities_that_settle_splits_are_the_schemas():
    # 006: 予以公开 '220000022' and 部分公开 '191000020' balance in several ways; the
    # identities marked settles-splits in rules/tables-common.yaml (T3-1, T3-3) leave one
    line = (REAL / "006-pingtan-zhqgwh-2023.txt").read_text(encoding="utf-8").split("\n")[9]
    national = vocabulary.national()
    assert [i.id for i in national.split_identities] == ["T3-1", "T3-3"]
    assert _t3_row(line, "（一）予以公开") == ["22", "0", "0", "0", "0", "0", "22"]
    # a vocabulary whose schemas mark none: the rows keep their raw runs, unsplit
    with vocabulary.reading_with(replace(national, split_identities=())):
        assert _t3_row(line, "（一）予以公开") == ["220000022"]
        assert _t3_row(line, "（二）部分公开") == ["191000020"]
    # T3-3 alone (results add up to （七）总计) already settles them here
    with vocabulary.reading_with(replace(national, split_identities=tuple(i for i in national.split_identities if i.id == "T3-3"))):
        assert _t3_row(line, "（二）部分公开") == ["19", "1", "0", "0", "0", "0", "20"]


PROVINCE_T3_ROW = """\
name: fj-2021
title: 某省补充要求：表三加列一项不予处理情形
basis: 某省政务公开办关于年度报告的补充通知（示例）
applies-to: {from: 2021}
extends: [gov-2021]
schemas:
  table3:
    rows:
      - {key: 三.五.6, parent: 三.五, label: 6.要求提供本机关以外的信息}
rules:
  - id: FJ301
    name: other-organ-requests-none
    check: cell-value
    severity: warning
    message: "{where}：{found}，应{expected}"
    params: {table: table3, rows: [三.五.6], columns: ["*"], type: integer, max: 0}
    basis: 某省补充通知（示例）
"""


def test_a_regulators_table3_row_is_read_where_the_table_prints_it(tmp_path):
    # the row the set appends (after 四 in its merged list) sits under its parent （五）
    text = REPORT.read_text(encoding="utf-8")
    anchor = "5.要求行政机关确认或重新出具已获取信息 0000000（六）"
    assert text.count(anchor) == 1
    report = tmp_path / "report.txt"
    report.write_text(text.replace(anchor, "5.要求行政机关确认或重新出具已获取信息 00000006.要求提供本机关以外的信息 1000001（六）"), encoding="utf-8")
    at = report.read_text(encoding="utf-8").split("\n")[9].index("6.要求提供本机关以外的信息") + 1
    rules = tmp_path / "fj-2021.yaml"
    rules.write_text(PROVINCE_T3_ROW, encoding="utf-8")
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in findings(report, "--rules", str(rules))]
    assert [f for f in found if f[0] in ("FJ301", "B403", "X010", "T206", "T211")] == [
        ("FJ301", 10, at + 15, "表三「6.要求提供本机关以外的信息」行「自然人」列：1，应不大于0"),
        ("FJ301", 10, at + 21, "表三「6.要求提供本机关以外的信息」行「总计」列：1，应不大于0"),
        # the national identity T3-3 counts the added result row too
        ("B403", 10, at + 134, "表三（七）总计「自然人」列为0，但各办理结果行之和为1（要求提供本机关以外的信息1，其余21项为0）"),
        ("B403", 10, at + 140, "表三（七）总计「总计」列为0，但各办理结果行之和为1（要求提供本机关以外的信息1，其余21项为0）"),
    ]
    # without the set the row is no label: the table cannot be read past it
    plain = [d["code"] for d in findings(report)]
    assert "X010" in plain and "FJ301" not in plain


# -- a regulator's column heading in a PDF (values placed by x, geocolumns.py) ----------

PROVINCE_T2_COLUMN = """\
name: fj-2021
title: 某省补充要求：表二第二十条第（一）项加列「本年修订件数」
basis: 某省政务公开办关于年度报告的补充通知（示例）
applies-to: {from: 2021}
extends: [gov-2021]
schemas:
  table2:
    blocks:
      - {key: "（一）", label: 第二十条第（一）项, columns: [本年制发件数, 本年废止件数, 现行有效件数, 本年修订件数], rows: [规章, 行政规范性文件]}
rules: []
"""


def _table2_pdf(tmp_path: Path) -> Path:
    """A 2021 表二 with the regulator's fourth column in block （一）, printed to PDF by
    the metamorphic renderer (reportlab). No row of the block is full: only the page's
    x positions say which column each value is in."""
    from metamorphic import render
    from metamorphic.outline import Heading, OCell, OTable, Para

    cols = ["本年制发件数", "本年废止件数", "现行有效件数", "本年修订件数"]
    n, r, cells = len(cols), 0, []

    def row(*texts: str) -> None:
        """One table row; its last cell spans the columns left (a block header, a
        one-column block's heading and values)."""
        nonlocal r
        for col, t in enumerate(texts):
            cells.append(OCell(t, r, col, colspan=n + 1 - col if col == len(texts) - 1 else 1))
        r += 1

    row("第二十条第（一）项")
    row("信息内容", *cols)
    row("规章", "3", "", "", "2")
    row("行政规范性文件", "5", "", "16", "")
    for block, labels, heading in [("第二十条第（五）项", ["行政许可"], "本年处理决定数量"),
                                   ("第二十条第（六）项", ["行政处罚", "行政强制"], "本年处理决定数量"),
                                   ("第二十条第（八）项", ["行政事业性收费"], "本年收费金额（单位：万元）")]:
        row(block)
        row("信息内容", heading)
        for label in labels:
            row(label, "7")
    items = [Heading("某县人民政府2023年政府信息公开工作年度报告", 1), Heading("一、总体情况", 2),
             Para("本年度我县认真落实政府信息公开工作。"), Heading("二、主动公开政府信息情况", 2), OTable(cells)]
    out = tmp_path / "table2.pdf"
    out.write_bytes(render.pdf_bytes(items))
    return out


def _values(doc, label: str) -> list[str] | None:
    got = _row(doc, label)
    return None if got is None else [c.text for c in got[1]]


def test_a_regulators_column_heading_places_pdf_values(tmp_path):
    pdf = _table2_pdf(tmp_path)
    rules = tmp_path / "fj-2021.yaml"
    rules.write_text(PROVINCE_T2_COLUMN, encoding="utf-8")
    doc = Linter(Options(today=TODAY), extra_rule_paths=[rules]).read(str(pdf))
    # each value under its heading, the blank cells kept: 本年修订件数 is a leaf heading
    assert _values(doc, "规章") == ["3", "", "", "2"]
    assert _values(doc, "行政规范性文件") == ["5", "", "16", ""]
    # the national vocabulary knows three headings here: the values cannot be placed by x
    national = Linter(Options(today=TODAY)).read(str(pdf))
    assert _values(national, "规章") == ["3", "2"]


def test_the_leaf_headings_are_the_loaded_schemas_columns(tmp_path):
    from disclint.readers.texttables import geocolumns
    from disclint.analysis.tables import norm

    rules = tmp_path / "fj-2021.yaml"
    rules.write_text(PROVINCE_T2_COLUMN, encoding="utf-8")
    linter = Linter(Options(today=TODAY), extra_rule_paths=[rules])
    expected = set()
    for rs in linter.rulesets.values():
        for key in ("table3", "table4"):
            expected |= {norm(c["label"]) for c in (rs.schemas.get(key) or {}).get("columns") or []}
        for block in (rs.schemas.get("table2") or {}).get("blocks") or []:
            expected |= {norm(c) for c in block.get("columns") or []}
    with vocabulary.reading_with(linter.vocabulary):
        assert geocolumns.leaf_headings() == expected and "本年修订件数" in expected
    assert "本年修订件数" not in geocolumns.leaf_headings()  # outside: the national schemas'
    assert len(geocolumns.leaf_headings()) == len(expected) - 1


# -- 表三/表四 headers as the schemas print them ---------------------------------------


def test_the_table3_and_table4_headers_are_the_schemas():
    # the grid the flattened reader builds for the national headers: (row, column, rowspan, colspan)
    t3 = vocabulary.national().table3_header
    assert t3.places() == {
        "申请人情况": ((0, 3, 1, 7),), "自然人": ((1, 3, 2, 1),), "法人或其他组织": ((1, 4, 1, 5),), "总计": ((1, 9, 2, 1),),
        "商业企业": ((2, 4, 1, 1),), "科研机构": ((2, 5, 1, 1),), "社会公益组织": ((2, 6, 1, 1),),
        "法律服务机构": ((2, 7, 1, 1),), "其他": ((2, 8, 1, 1),),
    }
    assert (t3.header_rows, t3.label_columns, t3.value_columns, t3.total_groups) == (3, 3, 7, ((0, 6),))  # T3-2
    t4 = vocabulary.national().table4_header
    assert [w for w, _ in t4.words] == ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
    assert t4.places()["行政诉讼"] == ((0, 5, 1, 10),) and t4.places()["复议后起诉"] == ((1, 10, 1, 5),)
    assert t4.places()["结果维持"] == ((1, 0, 2, 1), (2, 5, 1, 1), (2, 10, 1, 1))  # once per group
    assert (t4.header_rows, t4.value_columns, t4.group_size, t4.total_groups) == (3, 15, 5, ((0, 4), (5, 9), (10, 14)))  # T4-1


PROVINCE_T3_COLUMN = """\
name: fj-2021
title: 某省补充要求：表三申请人加列个体工商户
basis: 某省政务公开办关于年度报告的补充通知（示例）
applies-to: {from: 2021}
extends: [gov-2021]
schemas:
  table3:
    columns:
      replace: true
      with:
        - {key: 自然人, label: 自然人}
        - {key: 商业企业, label: 商业企业}
        - {key: 科研机构, label: 科研机构}
        - {key: 社会公益组织, label: 社会公益组织}
        - {key: 法律服务机构, label: 法律服务机构}
        - {key: 其他, label: 其他}
        - {key: 个体工商户, label: 个体工商户}
        - {key: 总计, label: 总计}
    header-groups:
      - {key: 申请人情况, columns: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 个体工商户, 总计]}
  table-identities:
    - {id: T3-2, table: table3, per: row, left: [总计], right: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 个体工商户], describe: 每行总计应等于七类申请人之和}
"""


def test_a_regulators_table3_column_reaches_the_header_layout(tmp_path):
    rules = tmp_path / "fj-2021.yaml"
    rules.write_text(PROVINCE_T3_COLUMN, encoding="utf-8")
    t3 = Linter(Options(today=TODAY), extra_rule_paths=[rules]).vocabulary.table3_header
    # the widest 表三 of the loaded sets: eight value columns, the new heading beside 其他
    assert t3.value_columns == 8 and t3.leaves[-2:] == ("个体工商户", "总计")
    assert t3.places()["个体工商户"] == ((1, 9, 2, 1),) and t3.places()["总计"] == ((1, 10, 2, 1),)
    assert t3.places()["申请人情况"] == ((0, 3, 1, 8),)
    assert t3.total_groups == ((0, 7),)  # its own T3-2, replacing the national one by id


def test_the_table3_note_and_repeated_result_heading_are_the_schemas():
    # The flattened reader finds 表三's header note by the schema note's first clause (the
    # rest is worded freely), and a page break's repeated 「三、本年度办理结果」 by the schema's
    # result-group row: a rule set that words them otherwise is read with its own words.
    from disclint.readers.texttables.flattened import _t3_note_of, _t3_repeat_of

    national = vocabulary.national()
    note, repeat = _t3_note_of(national), _t3_repeat_of(national)
    assert note.search("(本列数据的勾稽关系为:第一项加第二项之和、等于第三项加第四项之和)")
    assert note.search("(本列数据的勾稽关系为:一加二等于三加四)")  # worded otherwise after the clause
    assert not note.search("(本表数据勾稽关系:一加二等于三加四)")
    assert repeat.search("三、本年度办理结果") and repeat.search("三.本年度办理结果") and not repeat.search("本年度办理结果")

    schemas = next(s for s in vocabulary._national_schemas() if "table3" in s)
    t3 = dict(schemas["table3"], note="（本表数据勾稽关系：一加二等于三加四）")
    t3["rows"] = [dict(r, label="三、办理结果", **{"find-by": "办理结果"}) if r.get("key") == "三" else r for r in t3["rows"]]
    own = vocabulary.from_schemas([dict(schemas, table3=t3)])
    assert _t3_note_of(own).search("(本表数据勾稽关系:一加二等于三加四)")
    assert not _t3_note_of(own).search("(本列数据的勾稽关系为:一加二等于三加四)")
    assert _t3_repeat_of(own).search("三、办理结果") and not _t3_repeat_of(own).search("三、本年度办理结果")

"""The table analysis + T/B checkers on synthetic tables built in the document model.

The builders here (``make_doc`` and friends) are reused by test_balance_property.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.checking import Context, Options
from disclint.model import Block, Cell, Document, Table, TextMap, Uncertainty
from disclint.plugins import checker_kinds, make_manager
from disclint.rules.loader import load_files
from disclint.analysis.tables import analyse

RULES = Path(__file__).resolve().parent.parent / "rules"

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
# (group cells, item label) for every 表三 data row of the 2021 format, in order
ROWS_2021 = [
    ([], "一、本年新收政府信息公开申请数量"),
    ([], "二、上年结转政府信息公开申请数量"),
    (["三、本年度办理结果"], "（一）予以公开"),
    (["三、本年度办理结果"], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *[(["三、本年度办理结果", "（三）不予公开"], l) for l in [
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]],
    *[(["三、本年度办理结果", "（四）无法提供"], l) for l in [
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]],
    *[(["三、本年度办理结果", "（五）不予处理"], l) for l in [
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息"]],
    *[(["三、本年度办理结果", "（六）其他处理"], l) for l in [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]],
    (["三、本年度办理结果"], "（七）总计"),
    ([], "四、结转下年度继续办理"),
]
RESULT_ROWS = list(range(2, 23))  # indices into ROWS_2021 of the 办理结果 leaf rows


def make_table(rows: list[list[str]], line: int, ragged=None, uncertain=None) -> Table:
    """A table whose cell (r, c) sits at line ``line + r``, column ``1 + 10 * c``."""
    cells = [Cell(t, r, c, TextMap.single(line + r, 1 + 10 * c)) for r, row in enumerate(rows) for c, t in enumerate(row)]
    t = Table(cells, TextMap.single(line, 1), source="tab")
    t.ragged = dict(ragged or {})
    t.uncertain = list(uncertain or [])
    return t


def table2_rows_2021(values=None):
    v = values or {}
    return [
        ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *v.get("规章", ["0", "0", "0"])], ["行政规范性文件", *v.get("行政规范性文件", ["3", "1", "20"])],
        ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", *v.get("行政许可", ["120"])],
        ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"],
        ["行政处罚", *v.get("行政处罚", ["30"])], ["行政强制", *v.get("行政强制", ["2"])],
        ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"],
        ["行政事业性收费", *v.get("行政事业性收费", ["12.5"])],
    ]


def balanced_table3(leaves: dict[int, list[int]] | None = None, carried=(1, 0, 0, 0, 0, 0), out=(2, 0, 0, 0, 0, 0)):
    """7-column values per row of ROWS_2021 that satisfy every identity."""
    leaves = leaves or {2: [5, 1, 0, 0, 0, 0], 3: [2, 0, 0, 0, 0, 0], 14: [3, 0, 0, 0, 1, 0], 22 - 1: [1, 0, 0, 0, 0, 0]}
    vals = {i: [0] * 6 for i in RESULT_ROWS}
    vals.update({i: list(v) for i, v in leaves.items()})
    total = [sum(vals[i][c] for i in RESULT_ROWS) for c in range(6)]
    carried = [min(carried[c], total[c] + out[c]) for c in range(6)]  # keep 一 non-negative
    new = [total[c] + out[c] - carried[c] for c in range(6)]
    table = {0: new, 1: list(carried), **vals, 23: total, 24: list(out)}
    return {i: row + [sum(row)] for i, row in table.items()}


def table3_rows(values: dict[int, list], label_style: str = "split", rows=ROWS_2021) -> list[list[str]]:
    header = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    out = list(header)
    for i, (groups, label) in enumerate(rows):
        nums = [str(x) for x in values[i]] if i in values else [""] * 7
        if label_style == "split":
            cells = (groups + [label] + ["", "", ""])[:3]
            if not groups:
                cells = [label, label, label]
        else:  # joined into one cell
            cells = ["".join(groups) + label]
        out.append(cells + nums)
    return out


def table4_rows(values=(1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 3, 1, 0, 0, 4)):
    return [
        ["行政复议", "", "", "", "", "行政诉讼"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"],
        ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        [str(v) for v in values],
    ]


def make_doc(t2=None, t3=None, t4=None, texts=(), path="synthetic.txt") -> Document:
    blocks = [Block("paragraph", t, TextMap.single(i + 1, 1)) for i, t in enumerate(texts)]
    if t2 is not None:
        blocks.append(make_table(t2, 100) if not isinstance(t2, Table) else t2)
    if t3 is not None:
        blocks.append(make_table(t3, 200) if not isinstance(t3, Table) else t3)
    if t4 is not None:
        blocks.append(make_table(t4, 300) if not isinstance(t4, Table) else t4)
    return Document(path=path, blocks=blocks, reader="synthetic")


@pytest.fixture(scope="session")
def rulesets():
    pm = make_manager()
    kinds = checker_kinds(pm)
    sets = load_files([RULES / "tables-common.yaml", RULES / "tables-2019.yaml", RULES / "tables-2021.yaml"], kinds)
    return sets, kinds


def run(doc, rulesets, name="tables-2021", year=2023):
    sets, kinds = rulesets
    rs = sets[name]
    ctx = Context(doc, rs, Options(), year, None)
    out = []
    for rule in rs.enabled_rules():
        kind = kinds[rule.check]
        for f in kind.check(doc, rule, ctx):
            msg = rule.message.format(**{k: f.values.get(k, "") for k in kind.placeholders})
            out.append((rule.id, f.span.start.line, f.span.start.column, msg))
    return out


def clean_doc():
    return make_doc(table2_rows_2021(), table3_rows(balanced_table3()), table4_rows())


# ----------------------------------------------------------------------------------------


def test_clean_2021_tables_give_no_findings(rulesets):
    assert run(clean_doc(), rulesets) == []


def test_view_recognises_rows_and_format(rulesets):
    sets, _ = rulesets
    doc = clean_doc()
    view = analyse(doc, sets["tables-2021"].schemas.__getitem__, 2023)
    assert view.format == "2021"
    assert len(view.table3.rows) == 25  # data rows (no group label stands alone here)
    assert view.table3.rows["三.七"].values["总计"].number == 13
    assert view.table4.values[("复议后起诉", "总计")].number == 4
    assert view.table2["（一）"].rows["行政规范性文件"].values["现行有效件数"].number == 20


def test_joined_label_cells_match_too(rulesets):
    doc = make_doc(table2_rows_2021(), table3_rows(balanced_table3(), label_style="joined"), table4_rows())
    assert run(doc, rulesets) == []


def test_results_total_wrong_names_cells(rulesets):
    vals = balanced_table3()
    vals[23][0] -= 6  # （七）总计 自然人 printed 6 less
    vals[23][6] -= 6
    vals[0][0] -= 6  # keep T3-1 true, as in 003
    vals[0][6] -= 6
    found = run(make_doc(table2_rows_2021(), table3_rows(vals), table4_rows()), rulesets)
    assert [f[0] for f in found] == ["B403", "B403"]
    code, line, col, msg = found[0]
    assert (line, col) == (200 + 3 + 23, 1 + 10 * 3)
    assert msg == ("表三（七）总计「自然人」列为5，但各办理结果行之和为11"
                   "（予以公开5＋部分公开2＋补正后申请内容仍不明确3＋申请人逾期未按收费通知要…1，其余17项为0）")


def test_table4_group_total(rulesets):
    found = run(make_doc(table2_rows_2021(), table3_rows(balanced_table3()),
                         table4_rows((10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0))), rulesets)
    assert [(c, l, col) for c, l, col, _ in found] == [("B404", 303, 41), ("B404", 303, 141)]
    assert found[0][3] == "表四「行政复议」总计为0，但结果维持、结果纠正、其他结果、尚未审结之和为11（结果维持10＋结果纠正1，其余2项为0）"


def test_misspelt_row_is_one_finding(rulesets):
    rows = [list(r) for r in ROWS_2021]
    rows[5] = (["三、本年度办理结果", "（三）不予公开"], "2.其他法律行政止公开")
    found = run(make_doc(table2_rows_2021(), table3_rows(balanced_table3(), rows=rows), table4_rows()), rulesets)
    assert found == [("T203", 208, 21, "表三行标签「2.其他法律行政止公开」有误，应为「2.其他法律行政法规禁止公开」")]


def test_single_other_processing_row_in_2021(rulesets):
    rows = [r for r in ROWS_2021 if "（六）其他处理" not in r[0]]
    rows.insert(20, (["三、本年度办理结果"], "（六）其他处理"))
    vals = balanced_table3(leaves={2: [1, 0, 0, 0, 0, 0]})
    # re-index: the 3 sub-rows become one row
    v = {i: vals[i] for i in range(20)}
    v[20] = [0] * 7
    v[21], v[22] = vals[23], vals[24]
    found = run(make_doc(table2_rows_2021(), table3_rows(v, rows=rows), table4_rows()), rulesets)
    assert [f[:3] for f in found] == [("T209", 223, 11)]
    assert found[0][3].startswith("表三「（六）其他处理」只有一行（2019年格式），2021年格式应分列：1.申请人无正当理由")


def test_foreign_row_in_2021_table2(rulesets):
    t2 = table2_rows_2021()
    t2[3][0] = "规范性文件"
    found = run(make_doc(t2, table3_rows(balanced_table3()), table4_rows()), rulesets)
    assert found == [("T204", 103, 1, "表二行「规范性文件」不属于2021年格式，应为「行政规范性文件」")]


def test_outdated_format(rulesets):
    t2 = [
        ["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"], ["规范性文件", "1", "1", "1"],
    ]
    found = run(make_doc(t2, table3_rows(balanced_table3()), table4_rows()), rulesets, year=2022)
    assert [f[0] for f in found] == ["T207"]
    assert found[0][1:3] == (101, 11)
    assert found[0][3].startswith("2022年度报告仍使用2019年格式（「本年新制作数量」、「本年新公开数量」、「对外公开总数量」）")


def test_anachronistic_format(rulesets):
    found = run(clean_doc(), rulesets, name="tables-2019", year=2020)
    assert [f[0] for f in found] == ["T208"]


def test_blank_total_column_is_one_finding_and_no_arithmetic(rulesets):
    vals = balanced_table3()
    for i in RESULT_ROWS:
        vals[i][6] = ""
    t3 = table3_rows(vals)
    found = run(make_doc(table2_rows_2021(), t3, table4_rows()), rulesets)
    assert [f[0] for f in found] == ["B406"]
    assert found[0][1:3] == (205, 91)
    assert found[0][3].startswith("表三「（一）予以公开」行「总计」列应填数字，但为空（该列共21格为空，至表三「3.其他」行「总计」列）")


def test_blank_addends_count_as_zero(rulesets):
    vals = balanced_table3()
    for i in vals:
        vals[i] = ["" if x == 0 else x for x in vals[i][:6]] + [vals[i][6]]
    found = run(make_doc(table2_rows_2021(), table3_rows(vals), table4_rows()), rulesets)
    assert {f[0] for f in found} == {"B406"}


def test_non_numeric_cells(rulesets):
    t2 = table2_rows_2021({"行政许可": ["/"], "行政事业性收费": ["251000元"]})
    found = run(make_doc(t2, table3_rows(balanced_table3()), table4_rows()), rulesets)
    assert found == [
        ("B407", 106, 11, "表二第二十条第（五）项「行政许可」行「本年处理决定数量」列应为数字，实为「/」"),
        ("B407", 113, 11, "表二第二十条第（八）项「行政事业性收费」行「本年收费金额（单位：万元）」列应为数字，实为「251000元」"),
    ]


def test_negative_and_fraction(rulesets):
    t2 = table2_rows_2021({"行政许可": ["-3"], "行政处罚": ["2.5"]})
    found = run(make_doc(t2, table3_rows(balanced_table3()), table4_rows()), rulesets)
    assert [f[:3] for f in found] == [("B408", 106, 11), ("B409", 109, 11)]


def test_ragged_table4_row(rulesets):
    t4 = table4_rows()
    t4[3] = ["", "", "", "", "", "4", "1", "0", "0", "5", "0", "0", "0", "0", "0", "0"]
    t4[3] = t4[3][:16]
    table = make_table(t4, 300, ragged={3: (16, 15)})
    found = run(make_doc(table2_rows_2021(), table3_rows(balanced_table3()), table), rulesets)
    assert found == [("T206", 303, 1, "表四数据行有16个单元格，应为15个，无法确定各数字所属的列")]


def test_nofit_row_becomes_b410_and_is_kept_out(rulesets):
    vals = balanced_table3()
    vals[2][0] += 1  # 予以公开 would break T3-2 and T3-3, but the reader flagged it
    t3 = make_table(table3_rows(vals), 200, uncertain=[
        Uncertainty(TextMap.single(205, 1).span(0, 1), "NOFIT: 「予以公开」行的连写数字无论如何拆分都不平衡", row=5)])
    found = run(make_doc(table2_rows_2021(), t3, table4_rows()), rulesets)
    assert found == [("B410", 205, 1, "表三「（一）予以公开」行：「予以公开」行的连写数字无论如何拆分都不平衡")]


def test_other_uncertainty_is_kept_out_silently(rulesets):
    vals = balanced_table3()
    vals[2][0] += 1
    t3 = make_table(table3_rows(vals), 200, uncertain=[
        Uncertainty(TextMap.single(205, 1).span(0, 1), "连写数字有多种拆法", row=5)])
    assert run(make_doc(table2_rows_2021(), t3, table4_rows()), rulesets) == []


def test_legacy_report_one_finding(rulesets):
    legacy = make_table([["指标名称", "计量单位", "本年数", "累计数"], ["主动公开信息数", "条", "425", "1516"]], 50)
    doc = Document(path="x.txt", blocks=[Block("paragraph", "2011年政府信息公开工作年度报告", TextMap.single(1, 1)), legacy])
    found = run(doc, rulesets, name="tables-2019", year=2011)
    assert found == [("T210", 50, 1, "报告不符合2019年或2021年全国统一格式：未见表二、表三、表四，采用旧版「指标名称」统计表，以下不再逐表检查")]


def test_missing_tables(rulesets):
    doc = make_doc(texts=["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"])
    found = run(doc, rulesets)
    assert [f[:3] for f in found] == [("T201", 1, 1), ("T201", 2, 1), ("T201", 3, 1)]


def test_repeated_header_and_split_table3(rulesets):
    t3 = table3_rows(balanced_table3())
    # page break after row 10: header rows repeated, then the rest in a second table
    first, second = t3[:13], t3[:3] + t3[13:]
    doc = make_doc(table2_rows_2021(), make_table(first, 200), table4_rows())
    doc.blocks.insert(2, make_table(second, 250))
    assert run(doc, rulesets) == []

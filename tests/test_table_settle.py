"""Table parts a reader doubted, settled where the reading is certain (issue 8 item 22).

Two mechanisms, both in the table analysis and both proven on real reports (tests/data/real):

* a 表二 row whose cells ran together (flattened page, 「行政规范性文件2023」) is split
  by the block's *bounds* (rules/tables-2021.yaml: 现行有效 + 废止 ≥ 制发, since last
  year's stock cannot be negative) when exactly one split keeps them;
* a 表四 data row under a header the converter cut into other cells (15 values under 12
  or 6 heading cells, markdown from a PDF) is placed by the schema when it has exactly
  the schema's 15 cells (one placement only; its totals are then checked);
* 表三 rows whose labels the converter set apart are placed by sequence between the rows
  read with their labels, when the sequence has one placement (every gap's count agrees).

Everything else stays X010, once per table: several splits left, a count that does not agree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from disclint.analysis import tables as table_analysis
from disclint.checking import Options
from disclint.engine import Linter

REAL = Path(__file__).resolve().parent / "data" / "real"


@pytest.fixture(scope="module")
def linter():
    return Linter(Options(today=date(2026, 12, 2)))


def view_of(linter, path: Path):
    doc = linter.read(str(path))
    rs, found = linter.choose(doc)
    return table_analysis.analyse(doc, lambda name: rs.schemas[name], found.year if found else None)


def findings(linter, path: Path):
    result = linter.check_file(str(path))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.line, d.message) for d in result.diagnostics]


def t2_row(view, block: str, row: str) -> list[str]:
    m = view.table2[block].rows[row]
    return [m.values[c].text for c in view.table2[block].columns] if m.values else []


@pytest.mark.parametrize("name, run, cells", [
    ("032-pingtan-hzs-2021.txt", "2023", ["2", "0", "23"]),  # 20|2|3: a stock of -15 last year
    ("043-pingtan-tzcj-2024.txt", "1027", ["1", "0", "27"]),  # 10|2|7: -1
    ("044-pingtan-lwtj-2024.txt", "7030", ["7", "0", "30"]),  # 70|3|0: -67
])
def test_stock_bound_settles_run_together_row(linter, name, run, cells):
    view = view_of(linter, REAL / name)
    assert t2_row(view, "（一）", "行政规范性文件") == cells
    assert [u.reason for u in view.settled] == [
        f"数字串「{run}」应拆为3个单元格，有多种拆法且表格没有可据以判断的合计关系，无法唯一拆分，本行不参与计算"]
    assert not [f for f in findings(linter, REAL / name) if f[0] == "X010"]


def test_stock_bound_settled_reports_keep_their_findings(linter):
    # the new readings add no finding: the real defects named in MANIFEST.tsv stay, alone
    assert findings(linter, REAL / "032-pingtan-hzs-2021.txt") == [
        ("C402", 10, "机关名称「平潭综合区行政审批局」有误，应为「平潭综合实验区行政审批局」")]
    assert findings(linter, REAL / "044-pingtan-lwtj-2024.txt") == []


@pytest.mark.parametrize("name, run", [
    ("036-pingtan-shs-2022.txt", "5730"),  # 5|7|30 and 5|73|0 both keep the bound
    ("040-pingtan-nyn-2023.txt", "4920"),  # 4|9|20 and 4|92|0
    ("041-pingtan-scj-2023.txt", "13013"),  # 1|30|13, 1|301|3, 13|0|13
])
def test_two_splits_within_the_bound_stay_uncertain(linter, name, run):
    view = view_of(linter, REAL / name)
    assert t2_row(view, "（一）", "行政规范性文件") == []
    assert view.settled == []
    x010 = [f for f in findings(linter, REAL / name) if f[0] == "X010"]
    assert x010 == [("X010", 10, "表格内容无法确定，已排除在数值核对之外：数字串「" + run
                     + "」应拆为3个单元格，有多种拆法且表格没有可据以判断的合计关系，无法唯一拆分，本行不参与计算")]


def test_bound_breaking_run_is_not_forced(linter, tmp_path):
    # 「2023」 changed to 「2012」: 2|0|12 and 20|1|2 — the second breaks the bound, so the
    # first is read; 「20 1 2」 written apart is read as written (no doubt to settle), and
    # nothing reports it as a defect (the bound chooses among splits, it checks nothing)
    text = (REAL / "032-pingtan-hzs-2021.txt").read_text(encoding="utf-8")
    assert text.count("行政规范性文件2023第二十条") == 1
    p = tmp_path / "032-changed.txt"
    p.write_text(text.replace("行政规范性文件2023第二十条", "行政规范性文件2012第二十条"), encoding="utf-8")
    assert t2_row(view_of(linter, p), "（一）", "行政规范性文件") == ["2", "0", "12"]
    p.write_text(text.replace("行政规范性文件2023第二十条", "行政规范性文件20 1 2第二十条"), encoding="utf-8")
    view = view_of(linter, p)
    assert t2_row(view, "（一）", "行政规范性文件") == ["20", "1", "2"] and view.settled == []
    assert findings(linter, p) == findings(linter, REAL / "032-pingtan-hzs-2021.txt")


T4_011 = ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
T4_012 = ["40", "0", "10", "5", "55", "2", "0", "4", "6", "12", "6", "0", "9", "7", "22"]


@pytest.mark.parametrize("name, values", [
    ("011-shanghai-stcsm-2024.md", T4_011),  # 15 values under 12 heading cells
    ("012-shanghai-szfbgt-2025.md", T4_012),  # 15 values under 6
])
def test_table4_row_under_a_cut_header_is_placed_by_the_schema(linter, name, values):
    view = view_of(linter, REAL / name)
    t4 = view.table4
    assert not t4.excluded
    assert [t4.values[(g, c)].text for g in t4.groups for c in t4.columns] == values
    assert [f for f in findings(linter, REAL / name) if f[0] == "X010" and "15个数值字段" in f[2]] == []


def test_table4_row_under_a_cut_header_with_a_wrong_total_is_b404(linter, tmp_path):
    # 012's 复议 总计 55 made 56: fifteen cells have one placement whatever they say, so the
    # wrong total is told as a wrong total (B404 at its cell), and the doubt is gone
    text = (REAL / "012-shanghai-szfbgt-2025.md").read_text(encoding="utf-8")
    row = "| 40 | 0 | 10 | 5 | 55 | 2 |"
    assert text.count(row) == 1
    p = tmp_path / "012-changed.md"
    p.write_text(text.replace(row, "| 40 | 0 | 10 | 5 | 56 | 2 |"), encoding="utf-8")
    before = findings(linter, REAL / "012-shanghai-szfbgt-2025.md")
    after = findings(linter, p)
    assert [f for f in after if f not in before] == [
        ("B404", 180, "表四「行政复议」总计为56，但结果维持、结果纠正、其他结果、尚未审结之和为55（结果维持40＋其他结果10＋尚未审结5，其余1项为0）")]
    assert [f for f in before if f not in after] == []


def test_table4_row_with_a_cell_too_few_stays_uncertain(linter, tmp_path):
    text = (REAL / "011-shanghai-stcsm-2024.md").read_text(encoding="utf-8")
    row = "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert text.count(row) == 1
    p = tmp_path / "011-changed.md"
    p.write_text(text.replace(row, "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"), encoding="utf-8")
    view = view_of(linter, p)
    assert view.table4.excluded and not view.table4.values
    assert not [u for u in view.settled if "数值字段" in u.reason]


# 表三 rows whose labels a PDF-to-markdown converter set apart: placed by sequence

T3_011_PLACED = {  # key: values, as the gaps between labelled rows fix them (（七）总计 agrees)
    "三.二": ["0"] * 7, "三.三.2": ["0"] * 7, "三.三.5": ["1", "0", "0", "0", "0", "0", "1"],
    "三.四.1": ["4", "0", "0", "0", "0", "0", "4"], "三.四.2": ["6", "0", "0", "0", "0", "0", "6"],
    "三.四.3": ["0"] * 7, "三.五.4": ["0"] * 7, "三.五.5": ["0"] * 7,
    "三.六.1": ["8", "2", "0", "0", "0", "0", "10"], "三.六.2": ["0"] * 7,
}


def placed(view) -> dict[str, list[str]]:
    return {k: [v.text for v in m.values.values()] for k, m in view.table3.rows.items() if m.how == "placed"}


def test_table3_rows_without_labels_placed_by_sequence_011(linter):
    view = view_of(linter, REAL / "011-shanghai-stcsm-2024.md")
    assert placed(view) == T3_011_PLACED
    assert view.table3.orphans == 0 and not view.uncertain_rows
    found = findings(linter, REAL / "011-shanghai-stcsm-2024.md")
    assert [f for f in found if f[0] in ("X010", "T211") and "表三" in f[2] or f[0] == "X010"] == []
    # the B406 the manifest names (四 has no 总计) stays; no B40x besides it
    assert [f for f in found if f[0].startswith("B")] == [
        ("B406", 178, "表三「四、结转下年度继续办理」行「总计」列应填数字，但为空")]


def test_table3_label_pieces_placed_by_sequence_012(linter):
    # 「行政机关不再处理其政府信息公」 and 「缴纳费用、|行政机关不再处理其政」 are pieces of the two
    # （六） labels; the sequence says which (a piece must be part of the label it is placed as)
    view = view_of(linter, REAL / "012-shanghai-szfbgt-2025.md")
    assert placed(view) == {"三.二": ["2", "0", "0", "0", "0", "0", "2"], "三.五.5": ["0"] * 7,
                            "三.六.1": ["40", "1", "0", "0", "2", "0", "43"], "三.六.2": ["0"] * 7}
    found = findings(linter, REAL / "012-shanghai-szfbgt-2025.md")
    assert [f for f in found if "表三" in f[2] or f[0] == "X010" and f[1] != 97] == []


def test_table3_sequence_placed_rows_are_checked(linter, tmp_path):
    # one unlabelled row changed (（四）2. 6 → 7): the sequence still has one placement, so the
    # row is read and the balance checks judge it — （七）总计 no longer adds up (B403 in the two
    # columns changed) and the text's 无法提供10件 no longer matches (B502); nothing else moves
    text = (REAL / "011-shanghai-stcsm-2024.md").read_text(encoding="utf-8")
    row = "| 6 | 0 | 0 | 0 | 0 | 0 | 6 |"
    assert text.count(row) == 1
    p = tmp_path / "011-changed.md"
    p.write_text(text.replace(row, "| 7 | 0 | 0 | 0 | 0 | 0 | 7 |"), encoding="utf-8")
    assert placed(view_of(linter, p))["三.四.2"] == ["7", "0", "0", "0", "0", "0", "7"]
    before, after = findings(linter, REAL / "011-shanghai-stcsm-2024.md"), findings(linter, p)
    assert [f for f in before if f not in after] == []
    assert sorted((c, line, m[:22]) for c, line, m in after if (c, line, m) not in before) == [
        ("B403", 177, "表三（七）总计「总计」列为35，但各办理结果"),
        ("B403", 177, "表三（七）总计「自然人」列为33，但各办理结"),
        ("B502", 45, "正文称无法提供的10件，但表三「（四）无法提"),
    ]


def test_table3_sequence_not_taken_when_a_gap_count_differs(linter, tmp_path):
    # an unlabelled row dropped: 3 rows missing between 8.属于行政查询事项 and （五）1. but 2 rows
    text = (REAL / "011-shanghai-stcsm-2024.md").read_text(encoding="utf-8")
    row = "| 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n|---|---|---|---|---|---|---|\n"
    assert text.count(row) == 1
    p = tmp_path / "011-changed.md"
    p.write_text(text.replace(row, ""), encoding="utf-8")
    view = view_of(linter, p)
    assert placed(view) == {} and view.table3.orphans == 10


def test_table3_label_written_short_in_its_sequence_slot_is_t203(linter, tmp_path):
    # 「（一）予以公开」 written 「（一）予以」 in 011: the sequence puts it in （一）'s slot and no
    # line near it goes on with 「公开」, so it is the label with a slip — T203, nothing else
    text = (REAL / "011-shanghai-stcsm-2024.md").read_text(encoding="utf-8")
    assert text.count("| （一）予以公开 |") == 1
    p = tmp_path / "011-changed.md"
    p.write_text(text.replace("| （一）予以公开 |", "| （一）予以 |"), encoding="utf-8")
    before, after = findings(linter, REAL / "011-shanghai-stcsm-2024.md"), findings(linter, p)
    assert [f for f in after if f not in before] == [("T203", 104, "表三行标签「（一）予以」有误，应为「（一）予以公开」")]
    assert [f for f in before if f not in after] == []


def test_table3_label_cut_by_the_converter_is_no_slip(linter, tmp_path):
    # the same piece with the rest of the label on the next line (as a converter cuts it):
    # the row is placed as （一）, and no T203 is invented
    text = (REAL / "011-shanghai-stcsm-2024.md").read_text(encoding="utf-8")
    row = "| 三、 | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n"
    assert text.count(row) == 1
    p = tmp_path / "011-changed.md"
    p.write_text(text.replace(row, "| 三、 | （一）予以 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n公开\n"), encoding="utf-8")
    before, after = findings(linter, REAL / "011-shanghai-stcsm-2024.md"), findings(linter, p)
    # the line added moves the findings after it one line down; none comes or goes
    assert [(c, m) for c, _, m in after] == [(c, m) for c, _, m in before]
    assert placed(view_of(linter, p))["三.一"] == ["9", "0", "0", "0", "0", "0", "9"]

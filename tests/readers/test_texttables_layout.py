"""``pdftotext -layout`` tables: 013, 014, 015 (clean control), 016 (fragment) and odd inputs."""

from __future__ import annotations

import pytest

from conftest import REAL
from disclint.readers.texttables.common import label_width
from disclint.readers.texttables.layout import find_tables
from disclint.readers.text import read_text
from readers.tablehelpers import find_row, pos, real_lines, row_view


def regions(name):
    return find_tables(real_lines(name))


def data_rows(table):
    return [r for r in range(table.n_rows) if any(c is not None and c.text.isdigit() for c in table.grid[r])]


@pytest.fixture(scope="module")
def huaian():
    return regions("015-huaian-city-2024.txt")


def test_015_regions(huaian):
    assert [(r.start + 1, r.end) for r in huaian] == [(66, 106), (112, 197), (203, 220)]
    assert not any(r.table.uncertain or r.table.ragged for r in huaian)


def test_015_table2(huaian):
    t = huaian[0].table
    assert row_view(t, find_row(t, "规章")) == (["规章"], ["1", "0", "11"])
    r = find_row(t, "行政强制")  # after the page footer -3-
    assert row_view(t, r) == (["行政强制"], ["88283", None, None]) and pos(t.grid[r][1]) == (97, 31)
    assert row_view(t, find_row(t, "行政事业性收费"))[1] == ["96171.6", None, None]
    heads = [t.grid[r][0].text for r in range(t.n_rows) if t.grid[r][0].colspan == t.n_cols]
    assert heads == ["第二十条 第（一）项", "第二十条 第（五）项", "第二十条 第（六）项", "第二十条 第（八）项"]


def test_015_table3_clean_control(huaian):
    t = huaian[1].table
    assert label_width(t) == 3
    rows = {tuple(row_view(t, r)[0]): [int(v) for v in row_view(t, r)[1]] for r in data_rows(t)}
    assert len(rows) == 25
    new = rows[("一、本年新收政府信息公开申请数量",)]
    carried = rows[("二、上年结转政府信息公开申请数量",)]
    total = rows[("三、本年度办理结果", "（七）总计")]
    nxt = rows[("四、结转下年度继续办理",)]
    assert new == [3001, 53, 0, 0, 61, 4, 3119] and carried[-1] == 34
    assert [a + b for a, b in zip(new, carried)] == [a + b for a, b in zip(total, nxt)]  # 3153 = 3050 + 103
    results = [v for k, v in rows.items() if k[0] == "三、本年度办理结果" and k[-1] != "（七）总计"]
    assert len(results) == 21
    assert [sum(col) for col in zip(*results)] == total == [2932, 53, 0, 0, 61, 4, 3050]
    assert all(sum(v[:6]) == v[6] for v in rows.values())


def test_015_wrapped_and_stacked_labels(huaian):
    t = huaian[1].table
    r = find_row(t, "1.属于国家秘密")
    stack = t.grid[r][0]
    assert stack.text == "三、本年度办理结果" and stack.rowspan == 22  # 2+8+3+5+3+1
    assert [pos(stack, i) for i in (0, 2, 3, 8)] == [(135, 1), (137, 1), (139, 1), (150, 1)]
    group = t.grid[r][1]
    assert group.text == "（三）不予公开" and group.rowspan == 8 and [pos(group, i) for i in (0, 4)] == [(144, 7), (146, 7)]
    r = find_row(t, "（二）部分公开")
    assert t.grid[r][1].text == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert pos(t.grid[r][1], 19) == (131, 7) and row_view(t, r)[1] == ["447", "7", "0", "0", "0", "0", "454"]
    r = find_row(t, "1、申请人无正当理由")  # 1、 with 、, wrapped over three lines around its numbers
    assert row_view(t, r)[0] == ["三、本年度办理结果", "（六）其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    assert row_view(t, r)[1] == ["67", "3", "0", "0", "1", "0", "71"] and pos(t.grid[r][3]) == (182, 41)
    r = find_row(t, "2.没有现成信息")  # after the page break -4-
    assert row_view(t, r)[0][1] == "（四）无法提供" and row_view(t, r)[1][0] == "11"
    r = find_row(t, "（七）总计")
    assert pos(t.grid[r][1]) == (194, 6) and pos(t.grid[r][9]) == (194, 93)


def test_015_table4(huaian):
    t = huaian[2].table
    assert [c.text for c in t.grid[-1]] == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    assert pos(t.grid[-1][4]) == (220, 25)


def test_013_table4_values_in_their_columns():
    rs = regions("013-huaian-hongze-district-2023.txt")
    t = rs[2].table
    values = [c.text for c in t.grid[-1]]
    assert values[:5] == ["10", "1", "0", "0", "0"]  # 复议: 维持 10, 纠正 1, 总计 printed 0
    assert values[10:] == ["5", "0", "0", "0", "0"]  # 复议后起诉: 维持 5, 总计 0
    assert pos(t.grid[-1][1]) == (149, 7) and not t.uncertain


def test_013_table3_rows():
    t = regions("013-huaian-hongze-district-2023.txt")[1].table
    r = find_row(t, "（二）部分公开")  # numbers on the line after the wrapped label
    assert row_view(t, r)[1] == ["4", "0", "0", "0", "0", "0", "4"]
    r = find_row(t, "5.要求行政机关确认")
    assert row_view(t, r)[0][1] == "（五）不予处理" and row_view(t, r)[1] == ["0"] * 7
    r = find_row(t, "（六）其他处理")
    assert row_view(t, r)[0] == ["三 、本 年 度办 理 结果", "（六）其他处理"]
    assert row_view(t, find_row(t, "（七）总计"))[1] == ["21", "0", "0", "0", "0", "0", "21"]
    assert row_view(t, find_row(t, "2.其他法律行政止公开"))[0][1] == "（三）不予公开"


def test_014_table4():
    t = regions("014-huaian-hongze-district-2024.txt")[2].table
    assert [c.text for c in t.grid[-1]] == "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3".split()


def test_016_fragment_does_not_crash():
    doc = read_text("016.txt", (REAL / "016-huaian-city-2024-sec3-fragment.txt").read_bytes())
    (t,) = doc.tables
    assert row_view(t, find_row(t, "一、本年新收"))[1] == ["3001", "53", "0", "0", "61", "4", "3119"]


def test_missing_value_fitted_or_uncertain():
    lines = [
        "项目          甲      乙      丙",
        "一、甲行      10      20      30",
        "二、乙行      11      21      31",
        "三、丙行      12              32",
        "四、丁行              5",
    ]
    (region,) = find_tables(lines)
    t = region.table
    assert row_view(t, 3)[1] == ["12", "", "32"] and not t.row_uncertain(3)
    assert t.row_uncertain(4) and t.ragged[4] == (1, 3)


def test_prose_with_numbers_is_not_a_table():
    lines = ["全年主动公开市政府规章 22 件、规范性文件 34 件。", "共受理申请 1295", "", "-3-"]
    assert find_tables(lines) == []


def test_number_run_into_its_label_is_split_off():
    # pypdf-style line: 「…重新出具0  0 …」 where the first value touches the label
    lines = [
        "项目            甲   乙   丙",
        "1.甲项          1    2    3",
        "2.乙项          4    5    6",
        "3.丙项重新出具0    8    9",
    ]
    (region,) = find_tables(lines)
    t = region.table
    assert row_view(t, 3) == (["3.丙项重新出具"], ["0", "8", "9"]) and not t.uncertain
    assert pos(t.grid[3][3]) == (4, 9)  # level-2 labels: three label columns, the groups missing


def test_sentence_ending_in_a_number_is_not_a_row():
    lines = ["答复），均在法定期限内予以答复。政府信息公开行政复议       351", "未审结 37件；政府信息公开行政诉讼    46件，其中结果维持  25"]
    assert find_tables(lines) == []


# -- long labels wrapped in narrow cells (issue 8, class 17) --------------------------
#
# A real report's 表三 is printed again the way pdftotext -layout prints a table whose
# label cells are narrow: every label wrapped at a cell width, the stacked group label
# 三、/本/年/度… at the left edge, the numbers on the first, middle or last line of the
# wrapped label (the cell's vertical alignment). The reader must give back the same
# rows and the checkers the same findings.

from disclint.normalize import normalize  # noqa: E402
from disclint.readers.texttables.common import level_of  # noqa: E402
from readers.tablehelpers import label_cells  # noqa: E402

_X = (0, 6, 14)  # where labels of level 0, 1, 2 start
_RIGHT, _STEP = 40, 8  # right edge of the first value column, distance between columns


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


class _Canvas:
    def __init__(self):
        self.rows: list[list[str]] = []

    def put(self, line: int, x: int, text: str) -> None:
        while len(self.rows) <= line:
            self.rows.append([])
        row = self.rows[line]
        row.extend(" " * (x + len(text) - len(row)))
        row[x : x + len(text)] = list(text)

    def lines(self) -> list[str]:
        return ["".join(r).rstrip() for r in self.rows]


def _value_rows(t) -> list[int]:
    d = label_width(t)
    return [r for r in range(t.n_rows) if any(c is not None and c.text[:1].isdigit() for c in t.grid[r][d:])]


def narrow_table3(name: str, widths: tuple[int, int, int], valign: str, centred: bool = False):
    """The report's lines with its 表三 body wrapped into narrow cells, and for each row
    (label path, values, (line, column) of the leaf label, of the first value)."""
    lines = real_lines(name)
    region = find_tables(lines)[1]
    t = region.table
    d = label_width(t)
    rows = _value_rows(t)
    first = min(c.textmap.pos(0).line for r in rows for c in t.grid[r] if c is not None) - 1
    canvas, line, groups, expected = _Canvas(), 0, {}, []
    for r in rows:
        cells = label_cells(t, r)
        leaf = cells[-1].text
        level = level_of(leaf) or 0
        parts = _wrap(leaf, widths[level])
        at = {"top": 0, "middle": (len(parts) - 1) // 2, "bottom": len(parts) - 1}[valign]
        shift = [(widths[level] - len(p)) // 2 if centred else 0 for p in parts]
        for i, part in enumerate(parts):
            canvas.put(line + i, _X[level] + shift[i], part)
        values = [c.text if c is not None else "" for c in t.grid[r][d:]]
        for j, v in enumerate(values):
            canvas.put(line + at, _RIGHT + _STEP * j - len(v), v)
        for g in cells[:-1]:
            groups.setdefault(id(g), (g.text, []))[1].extend(range(line, line + len(parts)))
        place = (first + line + 1, _X[level] + shift[0] + 1)
        expected.append(([c.text for c in cells], values, place, (first + line + at + 1, _RIGHT - len(values[0]) + 1)))
        line += len(parts) + 1
    for text, span in groups.values():
        if level_of(text) == 0:  # 三、本年度办理结果 stacked one character a line
            chars = [text[:2], *text[2:]]
            step = max(1, (span[-1] - span[0] + 1) // len(chars))
            for i, ch in enumerate(chars):
                canvas.put(span[0] + i * step, 0, ch)
        else:  # （三）不予公开 wrapped and centred on its rows
            parts = _wrap(text, 4)
            top = span[len(span) // 2] - len(parts) // 2
            for i, part in enumerate(parts):
                canvas.put(top + i, _X[1], part)
    return lines[:first] + canvas.lines() + lines[region.end :], expected


NARROW = [(w, v, False) for w in [(8, 4, 6), (10, 5, 8), (13, 6, 10)] for v in ["top", "middle", "bottom"]]
NARROW += [(w, v, True) for w in [(8, 4, 6), (13, 6, 10)] for v in ["middle", "bottom"]]  # text centred in its cell


def _table_findings(linter, path) -> list[tuple[str, str, str]]:
    result = linter.check_file(str(path))
    assert not result.internal_errors
    return sorted((d.code, d.severity, d.message) for d in result.diagnostics if d.code[0] in "TB")


@pytest.mark.parametrize("name", ["013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt", "015-huaian-city-2024.txt"])
@pytest.mark.parametrize("widths,valign,centred", NARROW, ids=[f"cell{w[1]}-{v}{'-centred' * c}" for w, v, c in NARROW])
def test_wrapped_narrow_labels_give_the_same_rows_and_findings(linter, tmp_path, name, widths, valign, centred):
    lines, expected = narrow_table3(name, widths, valign, centred)
    assert sum(1 for ln in lines if ln.strip()) > len(real_lines(name)) // 2
    copy = tmp_path / name
    copy.write_text("\n".join(lines), encoding="utf-8")
    t = find_tables(lines)[1].table
    got = [([normalize(x) for x in row_view(t, r)[0]], row_view(t, r)[1]) for r in _value_rows(t)]
    assert got == [([normalize(x) for x in labels], values) for labels, values, _, _ in expected]
    for r, (_, _, label_at, value_at) in zip(_value_rows(t), expected):
        assert pos(label_cells(t, r)[-1]) == label_at
        assert pos(t.grid[r][label_width(t)]) == value_at
    assert not t.uncertain and not t.ragged
    assert _table_findings(linter, copy) == _table_findings(linter, REAL / name)


def test_wrapped_row_with_a_wrong_total_is_still_checked(linter, tmp_path):
    lines, expected = narrow_table3("015-huaian-city-2024.txt", (8, 4, 6), "bottom")
    labels, values, _, (line, _) = next(e for e in expected if e[0][-1].startswith("（二）部分公开"))
    assert values[-1] == "454"
    lines[line - 1] = lines[line - 1].replace(" 454", " 455")
    copy = tmp_path / "015.txt"
    copy.write_text("\n".join(lines), encoding="utf-8")
    result = linter.check_file(str(copy))
    got = [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith("B")]
    total_line = next(e[3][0] for e in expected if e[0][-1] == "（七）总计")
    last = _RIGHT + _STEP * 6 + 1  # column of the 总计 value: right edge minus its width
    parts = "＋".join(
        ["予以公开1362", "部分公开455", "属于国家秘密2", "其他法律行政法规禁止公开31", "危及三安全一稳定5", "保护第三方合法权益6",
         "属于三类内部事务信息8", "属于四类过程性信息12", "属于行政执法案卷9", "属于行政查询事项105", "本机关不掌握相关政府信息769",
         "没有现成信息需要另行制作11", "补正后申请内容仍不明确1", "信访举报投诉类申请62", "重复申请25", "要求行政机关确认或重新出…1",
         "申请人无正当理由逾期不补…71", "申请人逾期未按收费通知要…6", "其他110"]
    )
    assert got == [
        ("B402", line, last - 3, "表三「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」行「总计」为455，但六类申请人之和为454（自然人447＋商业企业7，其余4项为0）"),
        ("B403", total_line, last - 4, f"表三（七）总计「总计」列为3050，但各办理结果行之和为3051（{parts}，其余2项为0）"),
    ]


def test_a_short_tail_under_a_wrapped_label_is_not_a_stacked_character():
    lines = [
        "项目                     甲      乙",
        "一、本年新收申请        3      4",
        "二、结转下年度继续办      5      6",
        "理",
    ]
    (region,) = find_tables(lines)
    assert region.end == 4
    r = find_row(region.table, "二、结转")
    assert row_view(region.table, r)[0] == ["二、结转下年度继续办理"]
    assert pos(region.table.grid[r][0], 10) == (4, 1)


def test_a_section_heading_above_narrow_labels_stays_a_heading():
    # the heading is wider than any label of the table: not the first row's label
    lines = [
        "二、主动公开政府信息情况",
        "规章          1      0      11",
        "行政规范性文件   8      26     66",
    ]
    (region,) = find_tables(lines)
    assert region.start == 1
    assert row_view(region.table, 0)[0] == ["规章"]


def test_the_first_label_wrapped_above_its_numbers_starts_the_body():
    lines = [
        "信息内容            甲      乙",
        "一、本年新收政府信息公开",
        "申请数量            3      4",
        "二、上年结转政府信息公开",
        "申请数量            5      6",
    ]
    (region,) = find_tables(lines)
    t = region.table
    assert [row_view(t, r)[0] for r in _value_rows(t)] == [["一、本年新收政府信息公开申请数量"], ["二、上年结转政府信息公开申请数量"]]
    assert pos(t.grid[_value_rows(t)[0]][0]) == (2, 1)


def narrow_table2(name: str, width: int, valign: str, heading_width: int = 4) -> list[str]:
    """The report's lines with its 表二 printed in narrow cells: labels wrapped at
    ``width`` characters, column headings at ``heading_width``, block headers whole."""
    lines = real_lines(name)
    region = find_tables(lines)[0]
    t = region.table
    canvas, line = _Canvas(), 0
    for row in t.grid:
        if row[0] is not None and row[0].colspan == t.n_cols:  # 第二十条第（X）项
            canvas.put(line, 0, row[0].text)
            line += 2
            continue
        label = _wrap(row[0].text, width)
        values = [c.text if c is not None else "" for c in row[1:]]
        if not values[0][:1].isdigit():  # 信息内容 and the column headings
            headings = [_wrap(v, heading_width) for v in values]
            for i, part in enumerate(label):
                canvas.put(line + i, 0, part)
            for j, parts in enumerate(headings):
                for i, part in enumerate(parts):
                    canvas.put(line + i, 20 + 14 * j, part)
            line += max([len(label)] + [len(h) for h in headings]) + 1
            continue
        at = {"top": 0, "middle": (len(label) - 1) // 2, "bottom": len(label) - 1}[valign]
        for i, part in enumerate(label):
            canvas.put(line + i, 0, part)
        for j, v in enumerate(values):
            canvas.put(line + at, 24 + 14 * j - len(v), v)
        line += len(label) + 1
    return lines[: region.start] + canvas.lines() + lines[region.end :]


@pytest.mark.parametrize("name", ["013-huaian-hongze-district-2023.txt", "015-huaian-city-2024.txt"])
# Narrow unnumbered labels under rows that have their numbers (bottom, or middle with a
# first row wrapped above its numbers) are told apart by the schema labels.
@pytest.mark.parametrize("width,valign", [(3, "top"), (3, "middle"), (3, "bottom"), (4, "middle"), (5, "bottom"), (7, "bottom")])
def test_table2_in_narrow_cells_gives_the_same_findings(linter, tmp_path, name, width, valign):
    lines = narrow_table2(name, width, valign)
    assert not any("本年制发件数" in ln for ln in lines)  # the headings really wrap
    t = find_tables(lines)[0].table
    original = find_tables(real_lines(name))[0].table
    assert [c.text for c in t.grid[1] if c is not None] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    for label in ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]:
        assert row_view(t, find_row(t, label)) == row_view(original, find_row(original, label)), label
    copy = tmp_path / name
    copy.write_text("\n".join(lines), encoding="utf-8")
    assert _table_findings(linter, copy) == _table_findings(linter, REAL / name)


def test_schema_labels_tell_a_wrapped_label_from_the_tail_of_the_row_above():
    from disclint.readers.texttables import vocabulary

    assert vocabulary.is_label("行政规范性文件") and vocabulary.begins_label("行政规")
    assert not vocabulary.begins_label("规章行政规") and vocabulary.within_label("业性收")
    bottom = [
        "信息内容            本年制发件数   本年废止件数   现行有效件数",
        "规章                    1           0           11",
        "行政规",
        "范性文",
        "件                      8          26           66",
    ]
    (region,) = find_tables(bottom)
    t = region.table
    assert row_view(t, find_row(t, "规章")) == (["规章"], ["1", "0", "11"])
    r = find_row(t, "行政规范性文件")
    assert row_view(t, r)[1] == ["8", "26", "66"] and [pos(t.grid[r][0], i) for i in (0, 3, 6)] == [(3, 1), (4, 1), (5, 1)]
    # labels the schemas do not know: position alone, lines under a row continue it
    other = [ln.replace("规章", "甲乙").replace("行政规", "丙丁戊").replace("范性文", "己庚辛").replace("件 ", "壬 ") for ln in bottom]
    (region,) = find_tables(other)
    assert row_view(region.table, 1)[0] == ["甲乙丙丁戊己庚辛"]
    assert row_view(region.table, 2)[0] == [] and region.table.row_uncertain(2)  # kept out of the sums

"""Tables read from pypdf's layout text of the real PDFs (013, 014 with real defects; 015 the clean control).

pypdf sets the same tables a little differently from ``pdftotext -layout``: a block
header keeps a wide gap (``第二十条     第（八）项``) and a stacked character of the
vertical label 三、本年度办理结果 can sit on the line of a wrapped label's numbers
(``度        5  0 0 …``). The PDF path must read them as the text path does.
"""

from __future__ import annotations

import pytest

from conftest import REAL
from disclint.model import Table
from disclint.readers.pdf import read_pdf
from disclint.readers.texttables.common import label_width
from disclint.readers.texttables.layout import find_tables
from disclint.readers.text import read_text
from readers.tablehelpers import label_cells

def read(name):
    path = REAL / name
    return read_pdf(str(path), path.read_bytes())


def tables(doc):
    return [b for b in doc.blocks if isinstance(b, Table)]


def place(cell):
    p = cell.textmap.pos(0)
    return (p.line, p.column, cell.span.logical)


def row_of(table, leaf):
    """(label path, value cells) of the one data row whose leaf label is ``leaf``."""
    d = label_width(table)
    hits = []
    for r in range(table.n_rows):
        labels = label_cells(table, r)
        if labels and labels[-1].text == leaf:
            hits.append(([c.text for c in labels], table.grid[r][d:]))
    assert len(hits) == 1, (leaf, len(hits))
    return hits[0]


def texts(cells):
    return [c.text if c is not None else None for c in cells]


@pytest.fixture(scope="module")
def huaian():
    return read("015-huaian-city-2024.pdf")


# ---------------------------------------------------------------- 015: the clean control


def test_015_pdf_has_no_table_finding(linter):
    got = [(d.code, d.severity, d.logical) for d in linter.check_file(str(REAL / "015-huaian-city-2024.pdf")).diagnostics]
    assert [g for g in got if g[1] in ("error", "warning")] == []
    assert [g for g in got if g[0][0] in "TB"] == []


def test_015_pdf_tables_are_certain(huaian):
    ts = tables(huaian)
    assert len(ts) == 3
    assert all(not t.uncertain and not t.ragged for t in ts)


def test_015_pdf_block_header_with_a_wide_gap_is_one_cell(huaian):
    t2 = tables(huaian)[0]
    heads = [c for c in t2.cells if c.text.replace(" ", "").startswith("第二十条")]
    assert [c.text for c in heads] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条 第（八）项"]
    last = heads[-1]
    assert last.col == 0 and last.colspan == t2.n_cols
    # both pieces keep their own place: 「第（八）项」 starts at column 10 of page 4, line 10
    assert place(last) == (104, 1, "page[4]/line[10]")
    assert last.textmap.pos(5).column == 10
    assert texts(row_of(t2, "行政事业性收费")[1])[0] == "96171.6"


def test_015_pdf_stacked_character_beside_numbers_is_not_a_label(huaian):
    t3 = tables(huaian)[1]
    labels, values = row_of(t3, "3.危及“三安全一稳定”")
    assert labels == ["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"]
    assert texts(values) == ["5", "0", "0", "0", "0", "0", "5"]
    # the label is on page 4 line 52, its numbers on the next line beside 「度」
    leaf = next(c for c in t3.cells if c.text == "3.危及“三安全一稳定”")
    assert place(leaf) == (146, 13, "page[4]/line[52]")
    assert place(values[0]) == (147, 36, "page[4]/line[53]")
    # 「度」 is read into the vertical label, one anchor per stacked character
    group = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert group.col == 0 and [group.textmap.pos(i).line for i in range(len(group.text))] == [143, 143, 144, 146, 147, 149, 151, 152, 154]
    assert not any(c.text == "度" for c in t3.cells)


def test_015_pdf_totals(huaian):
    t3, t4 = tables(huaian)[1], tables(huaian)[2]
    labels, values = row_of(t3, "（七）总计")
    assert texts(values) == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert place(values[-1]) == (205, 72, "page[5]/line[40]")
    row = next(r for r in range(t4.n_rows) if any(c is not None and c.text == "351" for c in t4.grid[r]))
    assert texts(t4.grid[row]) == ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
    assert 72 + 64 + 178 + 37 == 351
    assert place(t4.grid[row][4]) == (228, 21, "page[5]/line[63]")


def test_pdf_rows_match_the_pdftotext_rows(huaian):
    """Every 表三 data row of the PDF reads as in the pdftotext copy of the same report."""
    real = REAL / "015-huaian-city-2024.txt"
    txt = read_text(str(real), real.read_bytes())

    def rows(t):
        d = label_width(t)
        out = []
        for r in range(t.n_rows):
            vals = t.grid[r][d:]
            if vals and all(c is not None and c.row == r and c.text.isdigit() for c in vals):
                leaf = t.grid[r][d - 1]
                out.append((leaf.text.replace(" ", ""), tuple(c.text for c in vals)))
        return out

    a, b = rows(tables(huaian)[1]), rows(tables(txt)[1])
    assert len(a) == 25 and a == b  # 一、二、（一）（二）, 8+3+5+3 items, （七）总计, 四、结转


# ---------------------------------------------------------------- 013 and 014: the real defects


def found(linter, name):
    diags = linter.check_file(str(REAL / name)).diagnostics
    return [(d.code, d.severity, d.logical, d.line, d.column) for d in diags if d.code[0] in "TB"]


def test_013_pdf_gives_the_text_findings(linter):
    assert found(linter, "013-huaian-hongze-district-2023.pdf") == [
        ("T203", "error", "page[3]/line[41]", 108, 15),  # 2.其他法律行政止公开
        ("T209", "error", "page[4]/line[10]", 136, 4),  # （六）其他处理 in one row
        # the extracted line's glued 「10 1」 stands two spaces apart (pdfgeometry.separate_cells)
        ("B404", "error", "page[4]/line[28]", 154, 16),  # 行政复议 总计 0, parts 11
        ("B404", "error", "page[4]/line[28]", 154, 46),  # 复议后起诉 总计 0, parts 5
    ]


def test_014_pdf_gives_the_text_findings(linter):
    assert found(linter, "014-huaian-hongze-district-2024.pdf") == [
        ("B507", "warning", "page[1]/line[26]", 26, 9),  # 区政府办代表区政府受理…17件 vs 新收 95 (tests/test_narrative.py)
        ("T203", "error", "page[3]/line[41]", 106, 15),
        ("T209", "error", "page[4]/line[11]", 133, 4),
    ]


# ---------------------------------------------------------------- the rules on small inputs


_STACKED = [
    "信息内容                           自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计",
    "            1.属于国家秘密               2     0      0      0        0      0      2",
    "三、",
    "本           2.其他法律行政法规禁止公开        30     1      0      0        0      0      31",
    "年           3.危及“三安全一稳定”",
    "度                                  5     0      0      0        0      0      5",
    "办   （三）不    4.保护第三方合法权益            6     0      0      0        0      0      6",
    "理   予公开",
    "结           5.属于三类内部事务信息           7     1      0      0        0      0      8",
    "果           6.属于四类过程性信息           12     0      0      0        0      0      12",
]


def test_lone_stacked_character_on_a_data_line_joins_the_vertical_label():
    [region] = find_tables(_STACKED)
    t = region.table
    labels, values = row_of(t, "3.危及“三安全一稳定”")
    assert labels[0] == "三、本年度办理结果"
    assert texts(values) == ["5", "0", "0", "0", "0", "0", "5"]
    assert not t.uncertain


def test_a_two_character_label_at_the_left_edge_stays_a_label():
    # 表二: 「规章」 at the left edge of its data line is the row label, not a stacked character
    lines = [
        "第二十条第（一）项",
        "信息内容           本年制发件数  本年废止件数  现行有效件数",
        "规章             1       0      11",
        "行政规范性文件        8       26     66",
    ]
    [region] = find_tables(lines)
    assert texts(row_of(region.table, "规章")[1]) == ["1", "0", "11"]


def test_block_header_with_a_wide_gap_starts_a_section():
    lines = [
        "第二十条第（一）项",
        "信息内容           本年制发件数  本年废止件数  现行有效件数",
        "规章             1       0      11",
        "第二十条     第（六）项",
        "信息内容                            本年处理决定数量",
        "行政处罚                            3985758",
        "行政强制                            88283",
        "第二十条     第（八）项",
        "信息内容                            本年收费金额（单位：万元）",
        "行政事业性收费                         96171.6",
    ]
    [region] = find_tables(lines)
    t = region.table
    heads = [c for c in t.cells if c.text.startswith("第二十条")]
    assert [(c.text, c.row, c.colspan) for c in heads] == [("第二十条第（一）项", 0, 4), ("第二十条 第（六）项", 3, 4), ("第二十条 第（八）项", 7, 4)]
    assert texts(row_of(t, "行政事业性收费")[1]) == ["96171.6", None, None]


def test_pdf_headings_one_space_apart_are_one_per_column(linter):
    # pypdf: 「信息内容      本年制发件数  本年废止件数 现行有效件数」 — the last two one space
    # apart, set two apart again where the page shows the cell gap (pdfgeometry.separate_cells)
    t2 = tables(read("013-huaian-hongze-district-2023.pdf"))[0]
    row = t2.grid[1]
    assert texts(row) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [place(c) for c in row[2:]] == [(47, 23, "page[2]/line[19]"), (47, 31, "page[2]/line[19]")]


def test_headings_are_not_split_at_single_spaces_unless_that_fits_the_columns():
    lines = [
        "信息内容     本年制 发件数   本年废止件数 现行有效件数",
        "规章             1       0      11",
        "行政规范性文件        8       26     66",
    ]
    [region] = find_tables(lines)
    head = [c for c in region.table.cells if c.row == 0]
    assert [c.text for c in head] == ["信息内容 本年制 发件数 本年废止件数 现行有效件数"]

"""Column headings and row numbering of the statistical tables, on real reports changed
the way each class describes (copies made in tmp_path at test time; the places come
from the reader, so the same test runs on every reader).

* a misspelt 表三 heading (自然人 … 总计) is one T205 at its cell naming the official
  heading, and nothing else changes;
* a heading misspelt beyond the one-edit limit but standing in its slot between read
  neighbours (「本公开数量」 for 「本年新公开数量」) is still that heading: one T205, the
  block still read;
* a 表三 row label that lost its numbering (「予以公开」 for 「（一）予以公开」) is one T214
  at the row, the row still read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.analysis import tables as table_analysis
from test_tables_classes import (  # noqa: F401  (env is a fixture)
    T3_REPORTS, cell_edits, env, findings, new_and_gone, replaced_once, substitute, table2_headings, view,
)
from test_tables_real import REAL

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def t3_heading_cells(env, src: Path):
    """The 表三 column-heading cells written once, exactly, above the first 表三 row."""
    linter, _, _ = env
    t3 = view(env, src).table3
    first = min(m.row.order for m in t3.rows.values() if m.row is not None)
    first_row = next(m.row for m in t3.rows.values() if m.row is not None and m.row.order == first)
    cells = {}
    for r in range(first_row.index):
        for c in first_row.table.grid[r]:
            if c is not None and table_analysis.norm(c.text) in COLUMNS:
                cells.setdefault(table_analysis.norm(c.text), {})[id(c)] = c
    return [(label, next(iter(found.values()))) for label, found in cells.items() if len(found) == 1 and len(label) >= 4]


# 015's pdftotext layout wraps each heading over two lines (商业企 / 业): no cell to change
@pytest.mark.parametrize("name", [n for n in T3_REPORTS if not n.startswith("015")])
def test_a_misspelt_table3_column_heading_is_named_once(env, tmp_path, name):
    src = REAL / name
    tried = 0
    for label, cell, new, gone in cell_edits(env, tmp_path, src, t3_heading_cells(env, src), substitute):
        tried += 1
        assert new == [("T205", f"表三列标题「{substitute(cell.text)}」有误，应为「{label}」")], (label, new)
        assert gone == [], (label, gone)
    assert tried >= 3


def test_a_misspelt_table3_heading_is_reported_at_its_cell(env, tmp_path):
    src = REAL / "004-pingtan-zhqgwh-2021.txt"
    text = src.read_text(encoding="utf-8")
    assert text.count("社会公益组织") == 1
    out = tmp_path / src.name
    out.write_text(text.replace("社会公益组织", "社会公义组织"), encoding="utf-8")
    line = text[: text.index("社会公益组织")].count("\n") + 1
    col = text.index("社会公益组织") - (text.rfind("\n", 0, text.index("社会公益组织")) + 1) + 1
    from test_tables_real import lint
    got = [f for f in lint(env, out, "warning") if f[0] == "T205"]
    assert got == [("T205", line, col, "表三列标题「社会公义组织」有误，应为「社会公益组织」")]


# 2019 reports (flattened pages, HTML): their 第二十条第（一）项 prints 本年新公开数量
T2_2019 = ["002-pingtan-zhqgwh-2019.txt", "029-pingtan-lwtj-2019.txt", "030-pingtan-scjg-2019.txt",
           "049-pingtan-czj-2019.txt", "050-pingtan-gaj-2019.txt", "051-pingtan-jjf-2020.txt",
           "001-shanghai-szfbgt-2019.html"]


def delete_two(text: str) -> str:
    """Two neighbouring characters lost from the middle: 本年新公开数量 -> 本年开数量."""
    i = len(text) // 2 - 1
    return text[:i] + text[i + 2:]


@pytest.mark.parametrize("name", T2_2019 + ["031-pingtan-gaj-2021.txt", "044-pingtan-lwtj-2024.txt", "010-shuyang-fgj-2023.html"])
def test_a_heading_misspelt_beyond_the_edit_limit_in_its_slot_is_named(env, tmp_path, name):
    src = REAL / name
    headings = []
    for blk, cell in table2_headings(env, src):
        expected = next((e for e in blk.columns if table_analysis.norm(e) == table_analysis.norm(cell.text)), None)
        if expected is not None and len(cell.text) >= 6 and all("\u4e00" <= ch <= "\u9fff" for ch in cell.text):
            headings.append((expected, cell))
    tried = 0
    for expected, cell, new, gone in cell_edits(env, tmp_path, src, headings, delete_two):
        tried += 1
        assert len(new) == 1 and new[0][0] == "T205", (cell.text, new)
        assert new[0][1].endswith(f"列标题「{delete_two(cell.text)}」有误，应为「{expected}」"), new
        assert gone == [], (cell.text, gone)
    assert tried >= 2


@pytest.mark.parametrize("name", T2_2019[:-1])
def test_2019_new_public_count_written_without_two_characters(env, tmp_path, name):
    # the held-out case: 「本公开数量」 for 「本年新公开数量」 made the block unreadable
    new, gone = replaced_once(env, tmp_path, REAL / name, "本年新公开数量", "本公开数量")
    assert new == [("T205", "表二第二十条第（一）项列标题「本公开数量」有误，应为「本年新公开数量」")]
    assert gone == []


def drop_numbering(text: str) -> str:
    n = table_analysis._NUMBERING.match(table_analysis.norm(text))
    # the numbering as written: as many source characters as its normalised form
    return text[len(n.group(0)):] if n and text[: len(n.group(0))] == n.group(0).replace("(", "（").replace(")", "）")[: len(n.group(0))] else text


def row_edits(env, tmp_path, src: Path, wanted, change):
    """For each 表三 row read exactly from a label cell of its own that ``wanted(match,
    cell)`` picks: (the row, its cell, new findings, findings gone) once the cell's text
    is ``change(text)``."""
    t3 = view(env, src).table3
    exact = [(m, m.row.labels[-1]) for m in map(t3.rows.get, t3.order)
             if m is not None and m.row is not None and m.row.values and m.how == "exact"]
    # (a row whose number stands in another cell is left out)
    own = [(m, cell) for m, cell in exact if table_analysis.norm(cell.text) == m.label.normed and wanted(m, cell)]
    yield from cell_edits(env, tmp_path, src, own, change)


@pytest.mark.parametrize("name", T3_REPORTS)
def test_a_table3_row_label_without_its_numbering_is_named_at_the_row(env, tmp_path, name):
    src = REAL / name
    tried = 0
    for m, cell, new, gone in row_edits(env, tmp_path, src, lambda m, c: drop_numbering(c.text) != c.text, drop_numbering):
        tried += 1
        plain = drop_numbering(cell.text).strip()
        assert new == [("T214", f"表三行标签「{plain}」的编号与格式不符，应为「{m.label.canonical}」")], (m.key, new)
        assert gone == [], (m.key, gone)
    assert tried >= 10


# (pdftotext layout text, 013-015, prints 表四's wrapped headings as lines, not cells: not checked)
@pytest.mark.parametrize("name", [n for n in T3_REPORTS if not n.startswith("015")] + ["010-shuyang-fgj-2023.html"])
@pytest.mark.parametrize("heading", ["未经复议直接起诉", "复议后起诉"])
def test_a_misspelt_table4_heading_is_named_once(env, tmp_path, name, heading):
    src = REAL / name
    times = src.read_text(encoding="utf-8").count(heading)
    if times != 1:
        pytest.skip(f"{name} writes 「{heading}」 {times} times")
    wrong = substitute(heading)
    new, gone = replaced_once(env, tmp_path, src, heading, wrong)
    assert new == [("T205", f"表四列标题「{wrong}」有误，应为「{heading}」")]
    assert gone == []


def short_of_two(text: str) -> str:
    """The last two characters of a label's words lost: 「（一）予以公开」 -> 「（一）予以」."""
    return text[:-2]


@pytest.mark.parametrize("name", T3_REPORTS)
def test_a_short_row_label_two_characters_short_in_its_slot_is_named(env, tmp_path, name):
    # beyond the one edit a four-character label may carry, but standing between two rows
    # read, with its numbering: it is that row (one T203), not an unknown row
    def wanted(m, cell):
        return len(m.label.core) == 4 and all("\u4e00" <= ch <= "\u9fff" for ch in cell.text[-2:])

    tried = 0
    for m, cell, new, gone in row_edits(env, tmp_path, REAL / name, wanted, short_of_two):
        tried += 1
        assert new == [("T203", f"表三行标签「{short_of_two(cell.text)}」有误，应为「{m.label.canonical}」")], (m.key, new)
        assert gone == [], (m.key, gone)
    assert tried >= 2


@pytest.mark.parametrize("name", ["001-shanghai-szfbgt-2019.html", "004-pingtan-zhqgwh-2021.txt"])
def test_a_table3_heading_cut_short_is_no_misspelling(env, tmp_path, name):
    # the first line of a heading wrapped in a narrow cell (商业企 / 业) must not read as a
    # slip; like row labels, a heading cut short is not named (precision first)
    new, _ = replaced_once(env, tmp_path, REAL / name, "科研机构", "科研机")
    assert not [f for f in new if f[0] == "T205"], new


@pytest.mark.parametrize("name", ["004-pingtan-zhqgwh-2021.txt", "050-pingtan-gaj-2019.txt", "001-shanghai-szfbgt-2019.html"])
def test_numbering_written_with_another_mark_is_the_same_numbering(env, tmp_path, name):
    # 「二．」「四.」 for 「二、」「四、」, 「(三)」 for 「（三）」: the same numbers, no T214
    src = REAL / name
    text = src.read_text(encoding="utf-8")
    for old, new in (("二、上年结转", "二．上年结转"), ("四、结转下年度", "四.结转下年度"), ("（三）不予公开", "(三)不予公开")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    out = tmp_path / src.name
    out.write_text(text, encoding="utf-8")
    assert new_and_gone(findings(env, src), findings(env, out)) == ([], [])

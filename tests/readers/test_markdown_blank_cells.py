"""Blank cells in a markdown pipe table stay under their column (placed by pipe index).

015 (real) rendered to markdown as converters write it: merged labels only in their first
column (the others blank), zeros left blank. The 上年结转 row then reads
「| 二、上年结转… |  |  | 34 |  |  |  |  |  |  |」 once its 总计 is left blank too. Trimmed as
padding, the blank 总计 and the placeholders moved 34 under 商业企业 (a false B401 on the 自然人
column); by pipe index 34 stays under 自然人 and only the blank 总计 is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REAL, findings
from disclint.readers.texttables.markdown import find_tables
from metamorphic import render
from metamorphic.findings import make_linter
from metamorphic.outline import outline, read_report
from readers.tablehelpers import find_row, row_view, rows_with_leaf

CARRIED = "二、上年结转政府信息公开申请数量"


def _converter_style(line: str) -> str:
    """Repeated labels blank, zero values blank (a 表三 row of 3 label and 7 value fields)."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 10 or not any(c.isdigit() for c in cells[3:]):
        return line
    labels = [cells[0]] + ["" if cells[j] == cells[j - 1] else cells[j] for j in (1, 2)]
    return "| " + " | ".join(labels + ["" if c == "0" else c for c in cells[3:]]) + " |"


@pytest.fixture(scope="module")
def rendered() -> list[str]:
    rep = read_report(make_linter(), str(REAL / "015-huaian-city-2024.txt"))
    return [_converter_style(x) for x in render.to_markdown(outline(rep)).split("\n")]


def test_converter_style_reads_as_the_original(rendered, tmp_path):
    path = tmp_path / "015.md"
    path.write_text("\n".join(rendered), encoding="utf-8")
    assert [d["code"] for d in findings(path)] == ["B406", "B406", "B406"]  # only the blank cells


def test_blank_total_keeps_the_values_under_their_columns(rendered, tmp_path):
    k = next(i for i, x in enumerate(rendered) if x.startswith("| " + CARRIED))
    assert rendered[k] == f"| {CARRIED} |  |  | 34 |  |  |  |  |  | 34 |"
    lines = rendered[:k] + [f"| {CARRIED} |  |  | 34 |  |  |  |  |  |  |"] + rendered[k + 1:]
    t3 = next(r.table for r in find_tables(lines) if rows_with_leaf(r.table, CARRIED))
    assert row_view(t3, find_row(t3, CARRIED)) == ([CARRIED], ["34", "", "", "", "", "", ""])
    path = tmp_path / "015-total-blank.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    got = [(d["code"], d["line"], d["column"]) for d in findings(path)]
    assert not any(c == "B401" for c, _, _ in got)
    last_cell = lines[k].rindex("|  |") + 2  # 1-based column of the last (总计) cell
    assert ("B406", k + 1, last_cell) in got

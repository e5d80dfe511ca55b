"""Column headings that ran together are cut as a whole run against the schema's titles.

326 (held-out) prints 「本年制发件数本年废止件现行有效件数」: only 「本年废止件」 lacks 数. Cut heading
by heading from the left, the slip moved the boundary (「本年废止件现」+「行有效件数」) and a correct
heading was reported wrong; cut as one run, the fewest slips overall say 本年废止件 + 现行有效件数.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REAL, findings
from disclint.analysis.alignment import segment

HELDOUT = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout" / "reports"
T2_HEADS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量")


def t205(path) -> list[tuple[int, int, str]]:
    return [(d["line"], d["column"], d["message"]) for d in findings(path) if d["code"] == "T205"]


def test_segment_takes_the_fewest_slips_over_the_run():
    run = "本年制发件数本年废止件现行有效件数"
    assert [(run[s:e], d) for s, e, d in segment(run, T2_HEADS)] == [
        ("本年制发件数", 0), ("本年废止件", 1), ("现行有效件数", 0)]


def test_segment_refuses_a_run_that_is_not_all_headings():
    assert segment("本年制发件数说明文字较长不是标题", T2_HEADS) is None
    assert segment("", T2_HEADS) is None


def test_326_only_the_heading_that_lacks_a_character():
    assert t205(HELDOUT / "326-pingtan-nyn-2024.txt") == [
        (10, 1085, "表二第二十条第（一）项列标题「本年废止件」有误，应为「本年废止件数」"),
    ]


@pytest.mark.parametrize("name", ["006-pingtan-zhqgwh-2023.txt", "041-pingtan-scj-2023.txt"])
@pytest.mark.parametrize("heading", ["本年制发件数", "本年废止件数", "现行有效件数"])
def test_real_report_with_a_character_dropped(tmp_path, name, heading):
    run = "本年制发件数本年废止件数现行有效件数"
    src = (REAL / name).read_text(encoding="utf-8")
    assert src.count(run) == 1 and t205(REAL / name) == []
    edited = tmp_path / name
    edited.write_text(src.replace(run, run.replace(heading, heading[:-1])), encoding="utf-8")
    assert [m for _, _, m in t205(edited)] == [f"表二第二十条第（一）项列标题「{heading[:-1]}」有误，应为「{heading}」"]


def test_326_table2_on_a_short_line_of_its_own(tmp_path):
    """表二 cut onto its own line (134 characters, shorter than a flattened page) is still
    read as a table — by the schema labels the inline finders find, not by line length."""
    src = (HELDOUT / "326-pingtan-nyn-2024.txt").read_text(encoding="utf-8")
    lines = src.split("\n")
    page = lines[9]
    a, b = page.index("第二十条第（一）项"), page.index("三、收到和处理政府信息公开申请情况")
    assert b - a == 134
    lines[9:10] = [page[:a], page[a:b], page[b:]]
    edited = tmp_path / "326-split.txt"
    edited.write_text("\n".join(lines), encoding="utf-8")
    got = {(d["code"], d["message"]) for d in findings(edited)}
    want = {(d["code"], d["message"]) for d in findings(HELDOUT / "326-pingtan-nyn-2024.txt")}
    assert got == want
    assert [(d["line"], d["column"]) for d in findings(edited) if d["code"] == "T205"] == [(11, 1085 - a)]


def test_326_a_second_heading_two_characters_short_leaves_the_slip_beside_it(tmp_path):
    """A heading too misspelt for the whole-run cut (「本年制数」: two characters gone) is read
    in its slot; the rest of the run is then cut whole again, so the report's own slip
    next to it (「本年废止件」) keeps its boundary: two T205, not a correct heading reported."""
    src = (HELDOUT / "326-pingtan-nyn-2024.txt").read_text(encoding="utf-8")
    run = "本年制发件数本年废止件现行有效件数"
    assert src.count(run) == 1
    edited = tmp_path / "326-delete2.txt"
    edited.write_text(src.replace(run, run.replace("本年制发件数", "本年制数")), encoding="utf-8")
    assert [m for _, _, m in t205(edited)] == [
        "表二第二十条第（一）项列标题「本年制数」有误，应为「本年制发件数」",
        "表二第二十条第（一）项列标题「本年废止件」有误，应为「本年废止件数」",
    ]

"""The narrative's split of applications by kind of applicant against 表三's columns (B508).

326 (held-out, MANIFEST: 「其中法人申请1件、自然人申请2件」 but 表三 新收 自然人3, 法人或其他组织 0)
is the real defect. 006 (「涉及自然人80件、商业企业1件」), 009 and 040 (「法人申请1件、自然人申请6件」,
法人 being the 商业企业 column) agree with their tables and must be read AND pass; 005 states a total
that B501 already reports (75 vs 新收 74), so its split is not compared a second time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REAL, findings
from disclint.checking import Context
from disclint.engine import Linter

HERE = Path(__file__).resolve().parent
HELDOUT = HERE.parent / "benchmarks" / "heldout" / "reports"
sys.path.insert(0, str(HERE.parent / "plugins"))
import narrative_applicants  # noqa: E402


@pytest.fixture(scope="module")
def lint():
    return Linter()


def trace(lint, path) -> list[tuple]:
    doc = lint.read(str(path))
    rs, found = lint.choose(doc)
    ctx = Context(doc, rs, lint.options, found.year if found else None, found.span if found else None)
    out: list[tuple] = []
    narrative_applicants.analyse(doc, ctx, out)
    return out


def b508(path) -> list[tuple]:
    return [(d["line"], d["column"], d["message"]) for d in findings(path) if d["code"] == "B508"]


def test_326_split_differs_from_the_applicant_columns():
    assert b508(HELDOUT / "326-pingtan-nyn-2024.txt") == [
        (10, 638, "正文称申请3份，法人申请1件、自然人申请2件，但表三「一、本年新收政府信息公开申请数量」"
                  "为法人或其他组织0件、自然人3件"),
    ]


@pytest.mark.parametrize("name,where,outcome", [
    ("006-pingtan-zhqgwh-2023.txt", (10, 1002), "agree"),
    ("009-shuyang-county-2025.txt", (26, 110), "agree"),
    ("040-pingtan-nyn-2023.txt", (10, 966), "agree"),  # 法人 = the five columns under 法人或其他组织
    ("005-pingtan-zhqgwh-2022.txt", (10, 1134), "skipped"),  # total 75 ≠ 新收 74: B501's finding
])
def test_splits_are_read_and_compared(lint, name, where, outcome):
    assert trace(lint, REAL / name) == [(*where, outcome)]
    assert b508(REAL / name) == []


def test_006_edited_split_is_reported(tmp_path):
    src = (REAL / "006-pingtan-zhqgwh-2023.txt").read_text(encoding="utf-8")
    assert src.count("涉及自然人80件、商业企业1件") == 1
    edited = tmp_path / "006-edited.txt"
    edited.write_text(src.replace("涉及自然人80件、商业企业1件", "涉及自然人79件、商业企业2件"), encoding="utf-8")
    assert b508(edited) == [
        (10, 1002, "正文称申请81件，自然人79件、商业企业2件，但表三「一、本年新收政府信息公开申请数量」"
                   "为自然人80件、商业企业1件"),
    ]


def test_other_year_is_not_compared(tmp_path):
    src = (HELDOUT / "326-pingtan-nyn-2024.txt").read_text(encoding="utf-8")
    edited = tmp_path / "326-edited.txt"
    edited.write_text(src.replace("我局共收到政府信息公开申请3份", "我局2023年共收到政府信息公开申请3份"), encoding="utf-8")
    assert b508(edited) == []

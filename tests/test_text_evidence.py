"""Run-together 表二 digits settled by the counts the report's own text states (analysis.evidence).

The real case is 005 (「行政规范性文件8855698」 with 「现行有效行政规范性文件698件，动态更新
本年度制发的规范性文件88件」 = 88/55/698, the split MANIFEST.tsv confirms by the chain from
004). The class is proven on every 2021-format flattened report of the corpus whose
第二十条第（一）项 行政规范性文件 row cannot be split: stating one candidate's numbers in a
sentence picks exactly that candidate; a count no split agrees with, one that leaves
several, or one of another year picks none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.analysis import evidence as text_evidence
from disclint.engine import Linter
from disclint.readers.texttables import flattened
from test_tables_classes import view
from test_tables_real import REAL, env  # noqa: F401  (env is a fixture)

R005 = REAL / "005-pingtan-zhqgwh-2022.txt"
SAID = "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。"
# their own text states no count for the row
GLUED = ["004-pingtan-zhqgwh-2021.txt", "008-pingtan-zhqgwh-2025.txt", "032-pingtan-hzs-2021.txt", "036-pingtan-shs-2022.txt",
         "037-pingtan-zrz-2022.txt", "039-pingtan-gwh-2023.txt", "040-pingtan-nyn-2023.txt",
         "041-pingtan-scj-2023.txt", "043-pingtan-tzcj-2024.txt", "044-pingtan-lwtj-2024.txt",
         "047-pingtan-jjf-2025.txt"]
COLUMNS = ["本年制发件数", "本年废止件数", "现行有效件数"]


@pytest.fixture(scope="module")
def linter():
    return Linter()


def x010(linter, path: Path) -> list[tuple[int, int, str]]:
    r = linter.check_file(str(path))
    assert not r.internal_errors, r.internal_errors
    return [(d.line, d.column, d.message) for d in r.diagnostics if d.code == "X010"]


def row(env, path: Path):
    return view(env, path).table2["（一）"].rows["行政规范性文件"]


def changed(tmp_path: Path, src: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    out = tmp_path / src.name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def test_005_is_settled_by_its_own_sentence_and_each_cell_points_at_its_digits(env, linter):
    assert x010(linter, R005) == []
    r = row(env, R005)
    assert [str(r.values[c].number) for c in COLUMNS] == ["88", "55", "698"]
    line = R005.read_text(encoding="utf-8").splitlines()[9]
    for c in COLUMNS:
        v = r.values[c]
        assert line[v.span.start.column - 1: v.span.end.column] == v.text


@pytest.mark.parametrize("old, new", [
    ("现行有效行政规范性文件698件", "现行有效行政规范性文件699件"),  # agrees with no split; 88 alone leaves several
    ("集中公开现行有效行政规范性文件698件，", ""),  # 88 alone leaves 88|55|698, 88|556|98 …
    ("本年度制发", "2021年制发"),  # another year's count; 698 alone leaves several
    ("本年度制发", "累计制发"),  # not this year's
    ("698件", "约698件"),  # an approximation
])
def test_005_stays_uncertain_without_one_consistent_split(env, linter, tmp_path, old, new):
    p = changed(tmp_path, R005, SAID, SAID.replace(old, new))
    (got,) = x010(linter, p)
    assert "数字串「8855698」应拆为3个单元格，有多种拆法" in got[2]
    assert row(env, p).values == {}


def _raw_and_splits(env, path: Path):
    r = row(env, path)
    (cell,) = [c for c in r.row.values if not c.blank]
    sp = flattened.split_run(cell.text, [flattened._t2_column(c) for c in COLUMNS], keep=64)
    assert sp.status == "ambiguous" and 1 < len(sp.candidates) < 64
    return cell.text, [[cell.text[s:e] for s, e in cand] for cand in sp.candidates]


@pytest.mark.parametrize("name", GLUED)
def test_stating_one_split_in_the_text_selects_exactly_it(env, linter, tmp_path, name):
    src = REAL / name
    raw, splits = _raw_and_splits(env, src)
    # the block's bound (rules/tables-2021.yaml): 现行有效 + 废止 ≥ 制发, last year's stock ≥ 0
    possible = [cand for cand in splits if int(cand[2]) + int(cand[1]) >= int(cand[0])]
    assert bool(x010(linter, src)) == (len(possible) > 1), "uncertain as published unless the bound leaves one"
    for k, cand in enumerate(splits):
        a, b, c = cand
        sentence = f"本年制定规范性文件{a}件，废止规范性文件{b}件，现行有效的规范性文件{c}件。"
        (tmp_path / str(k)).mkdir()
        p = changed(tmp_path / str(k), src, "二、主动公开政府信息情况", sentence + "二、主动公开政府信息情况")
        got = row(env, p)
        if cand in possible:
            assert [got.values[col].text for col in COLUMNS] == cand, (name, raw, cand)
            assert all(f"「{raw}」" not in m for _, _, m in x010(linter, p))
        else:  # the text states an impossible table: no split agrees with both, the row stays out
            assert got.values == {}, (name, raw, cand)
            assert any(f"「{raw}」" in m for _, _, m in x010(linter, p))


@pytest.mark.parametrize("name, said", [
    # 「现行有效的行政规范性文件393件」「制发行政规范性文件77件」: no split of 77132470 ends in 393
    ("006-pingtan-zhqgwh-2023.txt", [("现行有效件数", 393), ("本年制发件数", 77)]),
    # 制发 62 leaves 62|3|3440, 62|33|440, 62|334|40 and 62|3344|0
    ("007-pingtan-zhqgwh-2024.txt", [("本年制发件数", 62)]),
])
def test_the_reports_own_counts_that_settle_nothing(env, linter, name, said):
    src = REAL / name
    doc = linter.read(str(src))
    spec = env[1]["tables-2021"].schemas["table2"]["text-evidence"]
    year = int(name.split("-")[-1][:4])
    assert [(s.column, s.value) for s in text_evidence.stated_counts(doc, spec, year)] == said
    assert row(env, src).values == {}
    assert x010(linter, src)


@pytest.mark.parametrize("name", GLUED[:4])
def test_a_count_no_split_has_leaves_the_row_uncertain(env, tmp_path, name):
    src = REAL / name
    p = changed(tmp_path, src, "二、主动公开政府信息情况", "现行有效的规范性文件1234567件。二、主动公开政府信息情况")
    assert row(env, p).values == {}

"""Numbers in the running text against the tables (B501–B507) on the real reports.

Expected outcomes come from MANIFEST.tsv: 001 (258 vs 272+3, 265 vs 265+47+25, 复议7/诉讼9
「均获维持」 with 尚未审结 2 and 1), 005 (收到75 = 新收74 + 结转1), 006 (现行有效393 fits no split
of 「77132470」), 014 (区政府办代表区政府受理17 vs 新收95). Every other report's narrative is
consistent with its tables and must get no B5xx — and the sweep also checks that the
numbers WERE compared (so "no finding" is not "nothing read").
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import REAL, SEED, findings
from disclint.checking import Context
from disclint.engine import Linter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "plugins"))
import narrative  # noqa: E402  (the plugin module, for its trace and helpers)

EXAMPLES = HERE.parent / "examples"


def b5(path) -> list[tuple[str, int, int, str]]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in findings(path) if d["code"].startswith("B5")]


def b5_in(lint, path) -> list[tuple[str, int, int, str]]:
    """:func:`b5` through an in-process linter (for loops over many edited reports)."""
    result = lint.check_file(str(path))
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith("B5")]


@pytest.fixture(scope="module")
def lint():
    return Linter()


def trace(lint, path) -> list[tuple]:
    doc = lint.read(str(path))
    rs, found = lint.choose(doc)
    ctx = Context(doc, rs, lint.options, found.year if found else None, found.span if found else None)
    out: list[tuple] = []
    narrative.analyse(doc, ctx, out)
    return out


# -- the real defects ------------------------------------------------------------------


def test_001_results_and_upheld():
    assert b5(REAL / "001-shanghai-szfbgt-2019.html") == [
        ("B502", 1, 2307, "正文称予以公开及部分公开258件，但表三「（一）予以公开」「（二）部分公开」两行合计为275件（272＋3）"),
        ("B502", 1, 2348, "正文称无法提供265件，但表三「（四）无法提供」三行合计为337件（265＋47＋25）"),
        ("B504", 1, 2392, "正文称行政复议7件均获维持，但表四「行政复议」「结果维持」为5件（另有尚未审结2件）"),
        ("B504", 1, 2397, "正文称诉讼9件均获维持，但表四行政诉讼「结果维持」为8件（另有尚未审结1件）"),
    ]


def test_001_points_at_the_narrative_numbers():
    line = (REAL / "001-shanghai-szfbgt-2019.html").read_text(encoding="utf-8").split("\n")[0]
    assert line[2306:2309] == "258"
    assert line[2347:2350] == "265"
    assert line[2391] == "7" and line[2396] == "9"


def test_005_received_counts_the_carried_over_case():
    assert b5(REAL / "005-pingtan-zhqgwh-2022.txt") == [
        ("B501", 10, 1125, "正文称收到政府信息公开申请75件，但表三「一、本年新收政府信息公开申请数量」为74件"
         "（75件是本年新收74件与上年结转1件之和，上年结转的申请不是本年收到的）"),
    ]


def test_006_current_normative_documents_fit_no_split():
    assert b5(REAL / "006-pingtan-zhqgwh-2023.txt") == [
        ("B506", 10, 613, "正文称现行有效行政规范性文件393件，但表二第二十条第（一）项「行政规范性文件」行的数字串"
         "「77132470」无论怎样拆分，「现行有效件数」都不可能是393"),
    ]


@pytest.mark.parametrize("name,line,column", [
    ("014-huaian-hongze-district-2024.txt", 25, 8),
    ("014-huaian-hongze-district-2024.pdf", 26, 9),  # pypdf layout text: page[1]/line[26]
])
def test_014_office_on_behalf_of_the_district(name, line, column):
    assert b5(REAL / name) == [
        ("B507", line, column, "正文称区政府办代表区政府受理政府信息公开申请17件，但表三「一、本年新收政府信息公开申请数量」"
         "为95件（正文所述是「区政府办」代为受理的申请，与统计表的统计范围不一致）"),
    ]


def test_severity_and_rule_set():
    items = [d for d in findings(REAL / "001-shanghai-szfbgt-2019.html") if d["code"].startswith("B5")]
    assert {(d["severity"], d["ruleset"]) for d in items} == {("warning", "gov-2019")}


# -- no false alarm --------------------------------------------------------------------

def test_045_applications_the_table_does_not_have():
    # MANIFEST: 「共收到政府信息公开申请4件，受理并办结3件，1件属于“本机关不掌握相关政府信息”」 but every
    # 表三 row is 0: the count named before its result type is that row's (1 against 0)
    assert b5(REAL / "045-pingtan-zhz-2024.txt") == [
        ("B501", 10, 510, "正文称收到政府信息公开申请4件，但表三「一、本年新收政府信息公开申请数量」为0件"),
        ("B501", 10, 518, "正文称办结3件，但表三「（七）总计」为0件"),
        ("B502", 10, 521, "正文称本机关不掌握相关政府信息1件，但表三「（四）无法提供」「1.本机关不掌握相关政府信息」为0件"),
    ]


DEFECTIVE = {"001-shanghai-szfbgt-2019.html", "005-pingtan-zhqgwh-2022.txt", "006-pingtan-zhqgwh-2023.txt",
             "014-huaian-hongze-district-2024.txt", "014-huaian-hongze-district-2024.pdf", "045-pingtan-zhz-2024.txt"}
CLEAN = sorted(p for p in REAL.iterdir() if p.name != "MANIFEST.tsv" and p.name not in DEFECTIVE)


@pytest.mark.parametrize("path", CLEAN + [SEED] + sorted(EXAMPLES.iterdir()), ids=lambda p: p.name)
def test_no_false_alarm(path):
    if path.name in DEFECTIVE:  # examples/ holds copies of 005
        assert b5(path) == b5(REAL / path.name)
    else:
        assert b5(path) == []


# Numbers the checker read and found consistent (line, column, quantity, number): the
# sweep above is only meaningful because these were compared.
AGREED = {
    "003-pingtan-zhqgwh-2020.txt": [(10, 4006, "accepted", 21)],
    # 001: 总计 blank on every result row, so 35 and 158 are read as sums of the applicant columns
    "001-shanghai-szfbgt-2019.html": [(1, 2216, "accepted", 859), (1, 2246, "handled", 805), (1, 2259, "carried-in", 18),
                                      (1, 2265, "carried-out", 72), (1, 2323, "三.三", 35), (1, 2364, "三.五", 158),
                                      (1, 2380, "三.六", 0)],
    "004-pingtan-zhqgwh-2021.txt": [(10, 1463, "received", 70), (10, 1477, "completed", 69), (10, 1481, "carried-out", 1)],
    # 011: 结转下年度 总计 blank, 自然人 1 (「转下一年度办理答复的有 1 件」); 同意公开 = 予以公开
    # since its 表三 rows are placed by sequence, the result counts are compared too
    "011-shanghai-stcsm-2024.md": [(42, 14, "received", 34), (43, 4, "carried-in", 2), (44, 11, "三.一", 9),
                                   (44, 22, "三.二", 0), (44, 33, "三.三", 2), (45, 9, "三.四", 10), (45, 19, "三.五", 0),
                                   (45, 28, "三.六", 14), (46, 10, "carried-out", 1)],
    "007-pingtan-zhqgwh-2024.txt": [(10, 813, "handled", 218), (10, 959, "本年制发件数", 62)],
    "008-pingtan-zhqgwh-2025.txt": [(10, 741, "received", 154), (10, 749, "completed", 148),
                                    (10, 762, "carried-out-year", 6), (10, 785, "复议", 36), (10, 793, "诉讼", 9)],
    "009-shuyang-county-2025.txt": [(26, 96, "accepted", 749), (26, 134, "handled", 718), (26, 146, "carried-out", 31)],
    "012-shanghai-szfbgt-2025.md": [(38, 16, "accepted", 1295), (38, 26, "completed", 1191), (39, 6, "carried-in", 189),
                                    (40, 5, "公开+部分", 208), (40, 24, "三.三", 20), (41, 12, "三.四", 564),
                                    (42, 6, "三.五", 80), (42, 23, "三.六", 319)],
    "015-huaian-city-2024.txt": [(31, 27, "accepted", 3119), (32, 3, "handled", 3050), (32, 19, "carried-in", 34),
                                 (32, 27, "carried-out", 103), (33, 28, "复议", 351), (35, 21, "诉讼", 46)],
}


@pytest.mark.parametrize("name", sorted(AGREED))
def test_consistent_numbers_were_compared(lint, name):
    got = sorted((t[0], t[1], t[3], t[4]) for t in trace(lint, REAL / name) if t[5] == "agree")
    assert got == sorted(AGREED[name])


def test_006_agreements_next_to_the_defect(lint):
    got = {(t[3], t[4]): t[5] for t in trace(lint, REAL / "006-pingtan-zhqgwh-2023.txt")}
    assert got[("现行有效件数", 393)] == "mismatch"
    assert got[("本年制发件数", 77)] == "agree"  # 77|13|2470 … : 77 is a possible first cell
    for key in [("公开+部分", 42), ("三.三", 5), ("三.四", 31), ("三.五", 1), ("三.六", 2), ("completed", 81),
                ("复议", 2), ("诉讼", 7)]:
        assert got[key] == "agree", key


# -- the skip rules, on a real report with its sentence changed -------------------------

SRC_008 = REAL / "008-pingtan-zhqgwh-2025.txt"
SENT_008 = "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起"


def mutate(tmp_path, old: str, new: str) -> Path:
    text = SRC_008.read_text(encoding="utf-8")
    assert text.count(old) == 1
    out = tmp_path / SRC_008.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def where(path: Path, needle: str) -> tuple[int, int]:
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(needle)


def test_008_sentence_is_there():
    assert SENT_008 in SRC_008.read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new,code,needle,message", [
    ("共收到政府信息公开申请154件", "共收到政府信息公开申请150件", "B501", "150件",
     "正文称收到政府信息公开申请150件，但表三「一、本年新收政府信息公开申请数量」为154件"),
    ("共办结148件", "共办结140件", "B501", "140件", "正文称办结140件，但表三「（七）总计」为148件"),
    ("结转至2026年6件", "结转至2026年8件", "B501", "8件。", "正文称结转至2026年8件，但表三「四、结转下年度继续办理」为6件"),
    ("行政复议36起", "行政复议30起", "B503", "30起", "正文称行政复议30起，但表四「行政复议」「总计」为36件"),
    ("行政诉讼9起", "行政诉讼3起", "B503", "3起",
     "正文称行政诉讼3起，但表四行政诉讼「未经复议直接起诉」「复议后起诉」两项「总计」合计为9件（6＋3）"),
])
def test_a_changed_number_is_found(tmp_path, old, new, code, needle, message):
    path = mutate(tmp_path, old, new)
    line, col = where(path, needle)
    assert b5(path) == [(code, line, col, message)]


def test_upheld_is_checked_for_each_number_of_the_sentence(tmp_path):
    path = mutate(tmp_path, "行政诉讼9起", "行政诉讼9起，均获维持")
    assert b5(path) == [
        ("B504", 10, 785, "正文称行政复议36起均获维持，但表四「行政复议」「结果维持」为25件（另有结果纠正3件、其他结果8件）"),
        ("B504", 10, 793, "正文称行政诉讼9起均获维持，但表四行政诉讼「结果维持」为6件（另有结果纠正3件）"),
    ]


@pytest.mark.parametrize("old,new", [
    ("2025年，全区共收到政府信息公开申请154件", "2024年，全区共收到政府信息公开申请150件"),  # another year
    ("2025年，全区共收到政府信息公开申请154件", "2025年，全区累计收到政府信息公开申请150件"),  # 累计
    ("2025年，全区共收到政府信息公开申请154件", "2025年，全区较上年多收到政府信息公开申请150件"),  # comparison
    ("2025年，全区共收到政府信息公开申请154件", "2025年，其中区市场监管局收到政府信息公开申请150件"),  # a part
    ("2025年，全区共收到政府信息公开申请154件", "2025年，全区网上收到政府信息公开申请150件"),  # one channel
    ("2025年，全区共收到政府信息公开申请154件", "2025年，全区共受理行政许可申请150件"),  # not disclosure
    ("2025年，全区共收到政府信息公开申请154件", "2025年，全区共收到政府信息公开申请154条"),  # 条
    ("共办结148件", "共办结率96%"),  # a percentage
    ("共办结148件", "共办结一百四十件"),  # Chinese numerals are not read
    ("全年办理因政府信息公开申请引发的行政复议36起", "全年办理行政复议30起"),  # all reviews, not disclosure ones
    ("结转至2026年6件", "结转至2027年8件"),  # not the next year
    ("行政诉讼9起", "行政复议、行政诉讼共45起"),  # the two together
])
def test_a_changed_number_out_of_scope_is_not_compared(tmp_path, old, new):
    assert b5(mutate(tmp_path, old, new)) == []


def test_received_may_not_include_the_carried_over_but_accepted_may(tmp_path):
    # 009: 受理749 = 新收713 + 结转36 is consistent; the same words with 收到 are not
    text = (REAL / "009-shuyang-county-2025.txt").read_text(encoding="utf-8")
    out = tmp_path / "009-shuyang-county-2025.txt"
    out.write_text(text.replace("全县全年共受理政府信息公开申请 749 件", "全县全年共收到政府信息公开申请 749 件"), encoding="utf-8")
    (got,) = b5(out)
    assert got[0] == "B501" and got[3].endswith("（749件是本年新收713件与上年结转36件之和，上年结转的申请不是本年收到的）")


# -- helpers ---------------------------------------------------------------------------


def test_splits():
    assert set(narrative._splits("1203", 3)) == {("1", "20", "3"), ("12", "0", "3")}  # never 1|2|03
    assert set(narrative._splits("100", 2)) == {("10", "0")}
    assert not any(s[2] == "393" for s in narrative._splits("77132470", 3))
    assert any(s == ("88", "55", "698") for s in narrative._splits("8855698", 3))


SRC_006 = REAL / "006-pingtan-zhqgwh-2023.txt"


def mutate_006(tmp_path, old: str, new: str) -> Path:
    text = SRC_006.read_text(encoding="utf-8")
    assert text.count(old) == 1
    out = tmp_path / SRC_006.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


@pytest.mark.parametrize("old,new,code,message", [
    ("予以公开及部分公开42件", "予以公开及部分公开40件", "B502",
     "正文称予以公开及部分公开40件，但表三「（一）予以公开」「（二）部分公开」两行合计为42件（22＋20）"),
    ("不予公开5件", "不予公开6件", "B502", "正文称不予公开6件，但表三「（三）不予公开」八行合计为5件（1＋1＋1＋2）"),
    ("不予处理1件", "不予处理3件", "B502", "正文称不予处理3件，但表三「（五）不予处理」五行合计为1件"),
    ("其他处理2件", "其他处理4件", "B502", "正文称其他处理4件，但表三「（六）其他处理」三行合计为2件（1＋1）"),
    ("办结依申请公开81件", "办结依申请公开80件", "B501", "正文称办结依申请公开80件，但表三「（七）总计」为81件"),
    ("行政诉讼案件7件", "行政诉讼案件5件", "B503",
     "正文称行政诉讼案件5件，但表四行政诉讼「未经复议直接起诉」「复议后起诉」两项「总计」合计为7件（5＋2）"),
])
def test_006_a_changed_result_is_found(tmp_path, old, new, code, message):
    path = mutate_006(tmp_path, old, new)
    line, col = where(path, new)
    col += len(re.match(r"\D*", new).group(0))  # at the number
    got = [f for f in b5(path) if f[0] != "B506"]  # the 393 defect stays
    assert got == [(code, line, col, message)]


@pytest.mark.parametrize("old,new", [
    ("不予公开5件", "不予公开文件6件"),  # not a count of applications
    ("其中：予以公开及部分公开42件", "其中：对相关文件予以公开40件"),  # 文件: proactive disclosure talk
    ("办结依申请公开81件", "办结依申请公开80件次"),  # 件次
])
def test_006_out_of_scope_results_are_not_compared(tmp_path, old, new):
    assert [f for f in b5(mutate_006(tmp_path, old, new)) if f[0] != "B506"] == []


# -- issue 8 class 12: a count qualified by a result type is that result's -----------------------

def test_006_a_result_named_in_the_clause(tmp_path):
    # 「因无法提供相关信息答复31件」 is the 无法提供 count (31 in 表三), not 31 applications answered
    path = mutate_006(tmp_path, "无法提供31件", "因无法提供相关信息答复31件")
    assert [f for f in b5(path) if f[0] != "B506"] == []
    path = mutate_006(tmp_path, "无法提供31件", "因无法提供相关信息答复2件")
    line, col = where(path, "因无法提供相关信息答复2件")
    assert [f for f in b5(path) if f[0] != "B506"] == [
        ("B502", line, col + 11, "正文称因无法提供相关信息答复2件，但表三「（四）无法提供」三行合计为31件"),
    ]


def _after_first_application_sentence(text: str) -> int:
    """Where a sentence can be added to the running text: after the first sentence about applications."""
    at = text.find("政府信息公开申请")
    return text.find("。", at) + 1 if at >= 0 and text.find("。", at) >= 0 else -1


RESULT_KEYS = ["三.三", "三.四", "三.五", "三.六"]


# a result type named before its count's verb, and a count named before its result type
# (「1件属于“本机关不掌握相关政府信息”」, 045): (sentence, text before the number, message's claim)
SHAPES = {
    "result-first": (lambda t, n: f"因{t}相关情形答复{n}件。", lambda t: f"因{t}相关情形答复", lambda t: f"因{t}相关情形答复"),
    "count-first": (lambda t, n: f"其中{n}件属于“{t}”情形。", lambda t: "其中", lambda t: t),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_result_named_with_its_count_in_every_real_report(lint, tmp_path, shape):
    """「因{result}相关情形答复N件」 or 「其中N件属于“{result}”情形」 added to a real report for each
    result type: N equal to the table's row agrees, N above every reading of it is one B502 at N —
    and never a B501 (it is not a count of applications answered)."""
    sentence, lead, said_as = SHAPES[shape]
    tried = []
    for path in sorted(REAL.glob("*.txt")):
        doc = lint.read(str(path))
        rs, found = lint.choose(doc)
        ctx = Context(doc, rs, lint.options, found.year if found else None, found.span if found else None)
        view = narrative.view_for(doc, ctx)
        t3 = view.table3 if view.table3 and view.table3.rows else None
        text = path.read_text(encoding="utf-8")
        at = _after_first_application_sentence(text)
        if view.legacy or t3 is None or at <= 0:
            continue
        cases = []
        for key in RESULT_KEYS:
            reading = narrative._group(t3, key) if key in t3.labels else None
            if reading is not None:
                term = narrative._NUMBERING.sub("", narrative._short_label(t3.labels[key].canonical)
                                                .replace("（", "(").replace("）", ")"))
                cases.append((key, term, reading))
        if not cases:
            continue
        before = {(b[0], b[3]) for b in b5_in(lint, path)}
        for outcome in ("agree", "mismatch"):
            sentences = [(key, term, r.value if outcome == "agree" else max(r.accepted) + 1) for key, term, r in cases]
            added = "".join(sentence(term, n) for _, term, n in sentences)
            out = tmp_path / path.name
            out.write_text(text[:at] + added + text[at:], encoding="utf-8")
            places = []
            for key, term, n in sentences:
                line, col = where(out, sentence(term, n))
                places.append((line, col + len(lead(term))))
            got = {(t[0], t[1]): (t[3], t[4], t[5]) for t in trace(lint, out)}
            assert [got.get(p) for p in places] == [(k, n, outcome) for k, _, n in sentences], path.name
            new = [f for f in b5_in(lint, out) if (f[0], f[3]) not in before]
            if outcome == "agree":
                assert new == [], (path.name, new)
            else:
                assert sorted(f[:3] for f in new) == sorted(("B502",) + p for p in places), (path.name, new)
                said = {p: f"正文称{said_as(term)}{n}件，但表三「" for p, (_, term, n) in zip(places, sentences)}
                assert all(f[3].startswith(said[f[1:3]]) for f in new), new
        tried.append((path.name, len(cases)))
    assert len(tried) >= 10 and all(n == len(RESULT_KEYS) for _, n in tried[:3])


@pytest.mark.parametrize("old,new,message", [
    # an item of a result type, named as 表三 prints it, is compared with its own row
    ("无法提供31件", "无法提供31件，其中本机关不掌握相关政府信息30件",
     "正文称本机关不掌握相关政府信息30件，但表三「（四）无法提供」「1.本机关不掌握相关政府信息」为31件"),
    # 「因属于重复申请答复N件」: the 重复申请 row's count, not applications answered
    ("无法提供31件", "无法提供31件，因属于重复申请答复3件",
     "正文称重复申请答复3件，但表三「（五）不予处理」「2.重复申请」为1件"),
])
def test_006_an_item_of_a_result_is_its_own_row(tmp_path, old, new, message):
    path = mutate_006(tmp_path, old, new)
    num = re.search(r"(\d+)件$", new).group(1)
    line, col = where(path, new)
    col += new.rindex(num)
    assert [f for f in b5(path) if f[0] != "B506"] == [("B502", line, col, message)]
    agree = mutate_006(tmp_path, old, new.replace(num + "件", {"30": "31", "3": "1"}[num] + "件"))
    assert [f for f in b5(agree) if f[0] != "B506"] == []


def test_006_a_count_before_its_result_type(tmp_path):
    # 「其中：…30件属于无法提供」: the 无法提供 count written number first (表三 has 31)
    path = mutate_006(tmp_path, "无法提供31件", "30件属于无法提供")
    line, col = where(path, "30件属于无法提供")
    assert [f for f in b5(path) if f[0] != "B506"] == [
        ("B502", line, col, "正文称无法提供30件，但表三「（四）无法提供」三行合计为31件")]
    assert [f for f in b5(mutate_006(tmp_path, "无法提供31件", "31件因无法提供")) if f[0] != "B506"] == []
    path = mutate_006(tmp_path, "无法提供31件", "30件申请均属于无法提供")
    assert [f[0] for f in b5(path) if f[0] != "B506"] == ["B502"]
    # a word between the count and the result type that is no linking word of the schema: not read
    assert [f for f in b5(mutate_006(tmp_path, "无法提供31件", "30件经审查无法提供")) if f[0] != "B506"] == []


# -- held-out class F2: a count of something else is not compared with 表三 ----------------------

HOTLINE = "通过12345平台受理群众咨询、投诉等方面的诉求累计受理9876件，已办理9876件。"


def _shifted(found, line: int, col: int, by: int):
    return [(c, ln, k + by if ln == line and k >= col else k, m) for c, ln, k, m in found]


def test_hotline_requests_next_to_applications_are_not_compared(lint, tmp_path):
    # 118: 「…12345平台受理…的诉求累计受理2840件，已办理2840件」 was read as 2840 applications
    # handled. Inserted after a real report's first sentence about applications: nothing new;
    # the same sentence about 政府信息公开申请 is compared (so the check can fail).
    tried = 0
    for path in sorted(REAL.glob("*.txt")):
        if not any(t[2] == "applications" for t in trace(lint, path)):
            continue  # 表三 not read, or no application count: nothing would be compared
        text = path.read_text(encoding="utf-8")
        at = _after_first_application_sentence(text)
        if at <= 0:
            continue
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        before = b5_in(lint, path)
        out = tmp_path / path.name
        out.write_text(text[:at] + HOTLINE + text[at:], encoding="utf-8")
        assert b5_in(lint, out) == _shifted(before, line, col, len(HOTLINE)), path.name
        control = HOTLINE.replace("诉求", "政府信息公开申请")
        out.write_text(text[:at] + control + text[at:], encoding="utf-8")
        new = [f for f in b5_in(lint, out) if f not in _shifted(before, line, col, len(control))]
        num_col = col + control.index("已办理9876件") + 3
        assert len(new) == 1 and new[0][:3] == ("B501", line, num_col), (path.name, new)
        assert new[0][3].startswith("正文称办理9876件，但表三「"), new
        tried += 1
    assert tried >= 8

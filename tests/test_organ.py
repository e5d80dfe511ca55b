"""The organ checks (C401-C405) on the real reports, the seed, the examples and edited copies.

Runs go through the engine with the `organ` rule set forced and only the built-in readers,
the organ plugin and ``rules/organ.yaml`` loaded. The class tests take every real report
whose organ, signature or self-references the analysis reads, change it the way the failure
class describes (another organ signs, one character of the name slips, 我局 becomes 我委, a
「市本级」 or 「全市」 of a level the organ is not at is added, a legitimate short form is added)
and assert the one finding (or none) at the exact place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from disclint.analysis import organ as organ_analysis
from disclint.checking import Context, Options
from disclint.plugins import _import_file
from disclint.resources import plugins_dir

from conftest import findings
from helpers import diagnostics, isolated_linter, write

HERE = Path(__file__).parent
DATA = HERE / "data" / "real"
SEED = HERE / "data" / "seed"
EXAMPLES = HERE.parent / "examples"

organ_plugin = _import_file(plugins_dir() / "organ.py")
OPTIONS = Options(today=date(2026, 12, 2))

ALL = sorted(p for d in (DATA, SEED, EXAMPLES) for p in d.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf"))

# The verified truth (MANIFEST.tsv notes): every C4 finding on the corpus.
EXPECTED = {
    "031-pingtan-gaj-2021.txt": [
        ("C404", "warning", 10, 612, "「市公安局」不是报告机关「平潭综合实验区公安局」：本机关的行政复议、行政诉讼应以本机关为被申请人"),
    ],
    "032-pingtan-hzs-2021.txt": [
        ("C402", "warning", 10, 418, "机关名称「平潭综合区行政审批局」有误，应为「平潭综合实验区行政审批局」"),
    ],
    "035-pingtan-czj-2022.txt": [
        ("C401", "warning", 10, 1310, "正文自称「我委」，与报告机关「平潭综合实验区财政金融局」不符，应为「我局」"),
        ("C402", "warning", 10, 3985, "机关名称「平潭综合实验区财政全融局」有误，应为「平潭综合实验区财政金融局」"),
    ],
    "040-pingtan-nyn-2023.txt": [
        ("C402", "warning", 10, 481, "机关名称「平潭综合实验区党委会管委会」有误，应为「平潭综合实验区党工委管委会」"),
        ("C402", "warning", 10, 1225, "机关名称「平潭综合实验区党委会管委会」有误，应为「平潭综合实验区党工委管委会」"),
    ],
    "043-pingtan-tzcj-2024.txt": [
        ("C403", "warning", 10, 2426, "落款机关「平潭综合实验区国有资产管理局」与报告机关「平潭综合实验区投资促进局」不一致"),
    ],
    # The zone's 2011 report re-uses the county's: it still says 我县 (MANIFEST 022).
    "022-pingtan-zhqgwh-2011-legacy.txt": [
        ("C401", "warning", 10, 2001, "正文自称「我县」，与报告机关「平潭综合实验区」不符，应为「我区」"),
    ],
    # The zone's tax bureau copies a city's report (MANIFEST 020): 全市地税系统, and no 市 anywhere.
    "020-pingtan-dishui-2013-legacy.txt": [
        ("C405", "warning", 10, 1191, "「全市」与报告机关「平潭综合实验区地方税务局」不符：机关名称和报告中都没有市一级的地区，应为「全区」"),
    ],
    # The zone's 2016 report copies a city's (MANIFEST 027): 市本级 and 全市.
    "027-pingtan-zhqgwh-2016-legacy.txt": [
        ("C401", "warning", 10, 1492, "正文自称「市本级」，与报告机关「平潭综合实验区」不符，应为「区本级」"),
        ("C405", "warning", 10, 4834, "「全市」与报告机关「平潭综合实验区」不符：机关名称和报告中都没有市一级的地区，应为「全区」"),
    ],
}


@pytest.fixture(scope="module")
def linter():
    return isolated_linter(organ_plugin, "organ", OPTIONS)


def run(linter, path):
    return diagnostics(linter, path, "C4")


def analysed(linter, path):
    doc = linter.read(str(path))
    ctx = Context(doc, linter.rulesets["organ"], OPTIONS, None, None)
    return organ_analysis.analyse(doc, ctx)


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_findings_are_the_verified_ones(linter, path):
    assert run(linter, path) == EXPECTED.get(path.name, [])


def test_the_real_sentences_are_where_the_findings_point():
    """The corpus cases point at the very words (read from the file at line:column)."""
    words = {"031-pingtan-gaj-2021.txt": ["市公安局"], "032-pingtan-hzs-2021.txt": ["平潭综合区行政审批局"],
             "035-pingtan-czj-2022.txt": ["我委", "平潭综合实验区财政全融局"],
             "040-pingtan-nyn-2023.txt": ["平潭综合实验区党委会管委会"] * 2,
             "043-pingtan-tzcj-2024.txt": ["平潭综合实验区国有资产管理局"],
             "020-pingtan-dishui-2013-legacy.txt": ["全市地税系统"], "027-pingtan-zhqgwh-2016-legacy.txt": ["市本级", "全市信息公开"]}
    for name, expected in words.items():
        lines = (DATA / name).read_text(encoding="utf-8").split("\n")
        for (_c, _s, line, col, _m), word in zip(EXPECTED[name], expected):
            assert lines[line - 1][col - 1:col - 1 + len(word)] == word


def test_leaf_rule_sets_carry_the_organ_rules():
    got = {(f["code"], f["line"], f["column"]) for f in findings(DATA / "035-pingtan-czj-2022.txt") if f["code"].startswith("C4")}
    assert got == {("C401", 10, 1310), ("C402", 10, 3985)}
    legacy = [f for f in findings(DATA / "022-pingtan-zhqgwh-2011-legacy.txt") if f["code"].startswith("C4")]
    assert [(f["code"], f["ruleset"]) for f in legacy] == [("C401", "legacy-2008")]
    older = [f for f in findings(DATA / "043-pingtan-tzcj-2024.txt") if f["code"].startswith("C4")]
    assert [(f["code"], f["ruleset"]) for f in older] == [("C403", "gov-2021")]


# -- the class, on clean real reports changed -----------------------------------------------

CLEAN = [p for p in ALL if p.suffix == ".txt" and p.name not in EXPECTED and p.parent != EXAMPLES]


def signed(linter):
    """Clean reports whose signature the analysis reads: (path, analysis)."""
    out = []
    for p in CLEAN:
        an = analysed(linter, p)
        if an.signature is not None and an.organ is not None and an.signature.text == an.organ.name:
            out.append((p, an))
    return out


def replace_at(text: str, line: int, col: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line - 1][col - 1:col - 1 + len(old)] == old
    lines[line - 1] = lines[line - 1][:col - 1] + new + lines[line - 1][col - 1 + len(old):]
    return "\n".join(lines)


def test_enough_signed_reports(linter):
    assert len(signed(linter)) >= 15


def test_another_organ_signing_is_one_finding(linter, tmp_path):
    pairs = signed(linter)
    organs = [an.organ.name for _p, an in pairs]
    for i, (p, an) in enumerate(pairs):
        other = next(o for o in organs[i + 1:] + organs[:i] if not organ_analysis.related(o, an.organ.name))
        s = an.signature
        text = replace_at(p.read_text(encoding="utf-8"), s.span.start.line, s.span.start.column, s.text, other)
        got = run(linter, write(tmp_path, p.name, text))
        assert got == [("C403", "warning", s.span.start.line, s.span.start.column,
                        f"落款机关「{other}」与报告机关「{an.organ.name}」不一致")], p.name


def _slipped(name: str, at: int) -> str:
    return name[:at] + ("谷" if name[at] != "谷" else "岭") + name[at + 1:]


def test_one_character_slip_in_the_signature_is_one_finding(linter, tmp_path):
    checked = 0
    for p, an in signed(linter):
        organ, s = an.organ, an.signature
        loc, body = organ.locality, organ.body
        # The character before the body's last (not in a place inside the body: 金井片区),
        # and one inside a long locality.
        places = [len(s.text) - 2]
        if len(loc) >= 5 and not an.vocabulary.level_ends(loc[:-1]):
            places.append(2)
        for at in places:
            wrong = _slipped(s.text, at)
            text = replace_at(p.read_text(encoding="utf-8"), s.span.start.line, s.span.start.column, s.text, wrong)
            got = run(linter, write(tmp_path, p.name, text))
            if at >= len(loc) and len(body) < an.vocabulary.min_body:
                # 公安局 and 交通局 are two organs: a short body's change is another signer.
                expected = ("C403", f"落款机关「{wrong}」与报告机关「{organ.name}」不一致")
            else:
                expected = ("C402", f"机关名称「{wrong}」有误，应为「{organ.name}」")
            assert got == [(expected[0], "warning", s.span.start.line, s.span.start.column, expected[1])], (p.name, wrong)
            checked += 1
    assert checked >= 25


def test_we_committee_in_a_bureau_report_is_one_finding(linter, tmp_path):
    checked = 0
    for p in CLEAN:
        an = analysed(linter, p)
        if an.organ is None or an.organ.self_chars != ("局",):
            continue
        refs = [m for m in an.self_refs if m.text == "我局"]
        if not refs:
            continue
        m = refs[len(refs) // 2]
        text = replace_at(p.read_text(encoding="utf-8"), m.span.start.line, m.span.start.column, "我局", "我委")
        got = run(linter, write(tmp_path, p.name, text))
        assert got == [("C401", "warning", m.span.start.line, m.span.start.column,
                        f"正文自称「我委」，与报告机关「{an.organ.name}」不符，应为「我局」")], p.name
        checked += 1
    assert checked >= 15


def test_legitimate_short_forms_are_not_findings(linter, tmp_path):
    checked = 0
    for p in CLEAN:
        an = analysed(linter, p)
        organ = an.organ
        if organ is None or not organ.locality:
            continue
        loc, body = organ.locality, organ.body or "管委会"
        shorts = {loc[-3:] + body, body, loc + body + "办公室", loc + "管委会", "区" + body}
        if len(loc) >= 5 and not an.vocabulary.level_ends(loc[:-1]):
            shorts |= {loc[-5:] + body, loc[:2] + loc[-3:] + body}  # 综合实验区…, 平潭实验区…
        own = "我" + (organ.self_chars[0] if organ.self_chars else loc[-1])
        sentence = "经核对，" + "、".join(sorted(shorts)) + f"及本机关、{own}的名称均无误。"
        text = p.read_text(encoding="utf-8")
        at = text.index("。", text.index("正文") if "正文" in text else 0) + 1
        got = run(linter, write(tmp_path, p.name, text[:at] + sentence + text[at:]))
        assert got == [], (p.name, sentence)
        checked += 1
    assert checked >= 30


# -- the analysis on its own -----------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab(linter):
    return organ_analysis.Vocabulary.from_schema(linter.rulesets["organ"].schemas["organ-names"])


@pytest.mark.parametrize("title, locality, body, kind", [
    ("平潭综合实验区财政金融局2022年度 政府信息公开工作年度报告", "平潭综合实验区", "财政金融局", "局"),
    ("平潭综合实验区市场监督管理局2023年度政府信息公开工作年度报告", "平潭综合实验区", "市场监督管理局", "管理局"),
    ("平潭综合实验区金井片区管理局2021年政府信息公开工作年度报告", "平潭综合实验区金井片区", "管理局", "管理局"),
    ("北京市西城区人民政府2023年政府信息公开工作年度报告", "北京市西城区", "人民政府", "人民政府"),
    ("沭阳县乡村振兴局2023年政府信息公开工作年度报告", "沭阳县", "乡村振兴局", "局"),
    ("2025 年上海市人民政府办公厅政府信息公开工作年度报告", "上海市", "人民政府办公厅", "办公厅"),
    ("淮安市洪泽区人民政府2024 年政府信息公开工作年度报告", "淮安市洪泽区", "人民政府", "人民政府"),
    ("牡丹江市住房和城乡建设局 2020年政府信息公开工作年度报告", "牡丹江市", "住房和城乡建设局", "局"),
    ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", "", ""),
])
def test_organ_from_title(vocab, title, locality, body, kind):
    o = organ_analysis.organ_from_title(title, vocab)
    assert (o.locality, o.body, o.kind) == (locality, body, kind)


@pytest.mark.parametrize("written, slip", [
    ("平潭综合区", True),  # 实验 dropped from the tail
    ("平潭综合验区", True),
    ("平谭综合实验区", True),  # one character replaced
    ("平潭综合实验区", False),
    ("平潭实验区", False),  # a shortening keeps the tail
    ("综合实验区", False),
])
def test_locality_slip(vocab, written, slip):
    assert organ_analysis.locality_slip(written, "平潭综合实验区", vocab) is slip


def test_two_part_and_short_localities_never_slip(vocab):
    assert not organ_analysis.locality_slip("淮安市区", "淮安市淮阴区", vocab)  # a city's district, not a slip
    assert not organ_analysis.locality_slip("淮安市淮安区", "淮安市淮阴区", vocab)  # another district
    assert not organ_analysis.locality_slip("沐阳县", "沭阳县", vocab)  # three characters: another place


def test_one_slip():
    assert organ_analysis.one_slip("财政全融局", "财政金融局")
    assert organ_analysis.one_slip("党委会管委会", "党工委管委会")
    assert not organ_analysis.one_slip("金井片区管理局", "君山片区管理局")  # two areas, two organs
    assert not organ_analysis.one_slip("市场监管局", "市场监督管理局")  # a shortening


def test_hostile_input_is_bounded(linter, tmp_path):
    """Thousands of names, dates and self-references on one line end quickly and find nothing wrong."""
    body = "".join(f"平潭综合实验区第{i}号管理局、我局、全区、区本级、{2020 + i % 5}年1月{1 + i % 28}日 " for i in range(3000))
    p = write(tmp_path, "big.txt", "平潭综合实验区公安局2021年政府信息公开工作年度报告\n" + body + "\n")
    assert run(linter, p) == []


# -- what is not another organ -----------------------------------------------------------------

GAJ = "平潭综合实验区公安局2021年政府信息公开工作年度报告\n"


@pytest.mark.parametrize("text", [
    GAJ + "申请人对市公安局行政复议决定不服，向市公安局申请行政复议。",  # the reviewing organ, not the respondent
    GAJ + "在市公安局和省公安厅的指导下，我局推进政务公开。",
    GAJ + "经平潭综合实验区管委会 2021年12月1日 批准。其余正文。",  # a date inside a sentence is no signature
    GAJ + "正文。\n平潭综合实验区管委会\n2022年1月7日",  # the zone's government signs for its department
    GAJ + "正文。\n平潭综合实验区公安局办公室\n2022年1月7日",  # the organ's office
    "洪泽区人民政府2023年政府信息公开工作年度报告\n我市考核中我区获第一，我省出台办法。",  # parents
    "北京市西城区人民政府2023年政府信息公开工作年度报告\n我区政务公开工作。",
    "苏州工业园区管理委员会2023年政府信息公开工作年度报告\n我区政务公开工作。",
    "广西壮族自治区发展和改革委员会2023年政府信息公开工作年度报告\n我区发展改革工作，我委坚持，基本局面，根本办法。",
    "沭阳县城关镇人民政府2023年政府信息公开工作年度报告\n"
    "沭阳县城关镇人民政府、沭阳县城关镇人民政府与沭阳县城南镇人民政府。",  # two towns, not a slip
    "沭阳县发展和改革局2023年政府信息公开工作年度报告\n由我办理，本办法，本办公室。",
])
def test_not_another_organ(linter, tmp_path, text):
    assert run(linter, write(tmp_path, "r.txt", text + "\n")) == []


@pytest.mark.parametrize("text, expected", [
    (GAJ + "以市公安局为被申请人的案件0件。",
     ("C404", "warning", 2, 2, "「市公安局」不是报告机关「平潭综合实验区公安局」：本机关的行政复议、行政诉讼应以本机关为被申请人")),
    (GAJ + "请与平谭综合实验区公安局联系。",
     ("C402", "warning", 2, 3, "机关名称「平谭综合实验区公安局」有误，应为「平潭综合实验区公安局」")),
    ("淮安市洪泽区人民政府2024年政府信息公开工作年度报告\n我县政务公开工作。",
     ("C401", "warning", 2, 1, "正文自称「我县」，与报告机关「淮安市洪泽区人民政府」不符，应为「我区」")),
    (GAJ + "正文。\n平潭综合实验区交通与建设局\n2022年1月7日",
     ("C403", "warning", 3, 1, "落款机关「平潭综合实验区交通与建设局」与报告机关「平潭综合实验区公安局」不一致")),
])
def test_another_organ(linter, tmp_path, text, expected):
    assert run(linter, write(tmp_path, "r.txt", text + "\n")) == [expected]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_a_slip_in_a_name_written_twice_elsewhere_is_one_finding(linter, tmp_path):
    """A department's report names another organ with the full locality twice or more; one
    more mention with a character replaced is the minority spelling."""
    checked = 0
    for p in CLEAN:
        an = analysed(linter, p)
        organ = an.organ
        if organ is None or not organ.self_chars or not organ.locality:
            continue
        counts: dict[str, int] = {}
        for m in an.names:
            counts[m.text] = counts.get(m.text, 0) + 1
        loc = organ.locality
        others = [n for n, k in sorted(counts.items(), key=lambda x: -x[1])
                  if k >= 2 and n != organ.name and len(n) - len(loc) >= an.vocabulary.min_body
                  and not an.vocabulary.level_ends(n[len(loc):-1])]
        if not others:
            continue
        name = others[0]
        # The character before the name's ending (管委会办公室 → 管委谷办公室).
        wrong = _slipped(name, len(name) - len(an.vocabulary.kind_of(name)[0]) - 1)
        text = p.read_text(encoding="utf-8")
        at = text.index("。", text.index("正文") if "正文" in text else 0) + 1
        sentence = "详见" + wrong + "。"
        edited = text[:at] + sentence + text[at:]
        line, col = _line_col(edited, at + 2)
        got = run(linter, write(tmp_path, p.name, edited))
        assert got == [("C402", "warning", line, col, f"机关名称「{wrong}」有误，应为「{name}」")], (p.name, wrong)
        checked += 1
    assert checked >= 5


def _insert_after_first_sentence(text: str, sentence: str) -> tuple[str, int]:
    at = text.index("。", text.index("正文") if "正文" in text else 0) + 1
    return text[:at] + sentence + text[at:], at


def test_a_locality_missing_from_its_tail_is_one_finding(linter, tmp_path):
    """平潭综合区行政审批局 for 平潭综合实验区行政审批局, on every report of a long one-part locality."""
    checked = 0
    for p in CLEAN:
        an = analysed(linter, p)
        organ = an.organ
        if organ is None or not organ.body or len(organ.locality) < 5 or an.vocabulary.level_ends(organ.locality[:-1]):
            continue
        loc = organ.locality
        wrong = loc[:-3] + loc[-1] + organ.body  # the two characters before the level word dropped
        edited, at = _insert_after_first_sentence(p.read_text(encoding="utf-8"), f"请与{wrong}联系。")
        line, col = _line_col(edited, at + 2)
        got = run(linter, write(tmp_path, p.name, edited))
        assert got == [("C402", "warning", line, col, f"机关名称「{wrong}」有误，应为「{organ.name}」")], p.name
        checked += 1
    assert checked >= 12


def test_a_respondent_of_another_level_is_one_finding(linter, tmp_path):
    """针对<a level the locality lacks><the organ's body>申请行政复议, on every report with a body."""
    checked = 0
    for p in CLEAN:
        an = analysed(linter, p)
        organ = an.organ
        if organ is None or not organ.body or not organ.levels:
            continue
        level = next(lv for lv in ("市", "县", "省") if not any(x.endswith(lv) for x in organ.levels))
        other = level + organ.body
        edited, at = _insert_after_first_sentence(p.read_text(encoding="utf-8"),
                                                  f"本年度没有针对{other}申请行政复议的情况。")
        line, col = _line_col(edited, at + len("本年度没有针对"))
        got = run(linter, write(tmp_path, p.name, edited))
        assert got == [("C404", "warning", line, col,
                        f"「{other}」不是报告机关「{organ.name}」：本机关的行政复议、行政诉讼应以本机关为被申请人")], p.name
        checked += 1
    assert checked >= 25


# -- 「市本级」 and 「全市」: a level the organ is not at ---------------------------------------------


def _with_locality(linter):
    """Clean reports whose title names a locality: (path, analysis)."""
    out = []
    for p in CLEAN:
        an = analysed(linter, p)
        if an.organ is not None and an.organ.levels:
            out.append((p, an))
    return out


def _lacks(organ, lv: str) -> bool:
    return not any(x.endswith(lv) for x in organ.levels)


def _run_inserted(linter, tmp_path, p, text: str, before: str, phrase: str, after: str):
    """The findings once ``before + phrase + after`` follows the first sentence, and where ``phrase`` stands."""
    edited, at = _insert_after_first_sentence(text, before + phrase + after)
    line, col = _line_col(edited, at + len(before))
    return run(linter, write(tmp_path, p.name, edited)), line, col


def test_own_level_of_another_level_is_one_finding(linter, tmp_path):
    """公开市本级…经费 in a county's or a zone's report: 本级 is the writer's own level."""
    checked = 0
    for p, an in _with_locality(linter):
        organ = an.organ
        for lv in ("市", "县", "省"):
            if not _lacks(organ, lv):
                continue
            got, line, col = _run_inserted(linter, tmp_path, p, p.read_text(encoding="utf-8"),
                                           "按规定公开", f"{lv}本级", "年度“三公”经费。")
            own = organ.locality[-1]
            assert got == [("C401", "warning", line, col,
                            f"正文自称「{lv}本级」，与报告机关「{organ.name}」不符，应为「{own}本级」")], (p.name, lv)
            checked += 1
    assert checked >= 60


def test_own_level_of_the_organs_levels_is_no_finding(linter, tmp_path):
    """区本级 in a zone's report, 县本级 in a county's, 市本级 and 区本级 in 淮安市洪泽区's."""
    checked = 0
    for p, an in _with_locality(linter):
        sentence = "".join(f"按规定公开{lv}本级年度“三公”经费。" for lv in sorted(an.organ.levels))
        edited, _at = _insert_after_first_sentence(p.read_text(encoding="utf-8"), sentence)
        assert run(linter, write(tmp_path, p.name, edited)) == [], p.name
        checked += 1
    assert checked >= 35


def test_whole_area_of_a_level_the_report_never_names_is_one_finding(linter, tmp_path):
    """全市 / 全县 in a report whose organ is at no such level and whose text never writes that
    level's character at all (so no parent of that level can be named in it)."""
    checked = 0
    for p, an in _with_locality(linter):
        organ, text = an.organ, p.read_text(encoding="utf-8")
        for lv in ("市", "县"):
            if not _lacks(organ, lv) or lv in text:
                continue
            got, line, col = _run_inserted(linter, tmp_path, p, text, "继续加强对", f"全{lv}", "信息公开工作的统筹督导。")
            own = organ.locality[-1]
            assert got == [("C405", "warning", line, col,
                            f"「全{lv}」与报告机关「{organ.name}」不符：机关名称和报告中都没有{lv}一级的地区，应为「全{own}」")], (p.name, lv)
            checked += 1
    assert checked >= 30


def test_whole_area_of_a_named_or_own_level_is_no_finding(linter, tmp_path):
    """The same 全市 / 全县 is its parent's once the report names a 市政府 / 县政府 elsewhere; 全市
    in 淮安市洪泽区's or 上海市…'s report is its own city's; 全省 lies above every city and county."""
    checked = 0
    for p, an in _with_locality(linter):
        organ, text = an.organ, p.read_text(encoding="utf-8")
        whole = [f"全{lv}" for lv in ("市", "县", "区") if not _lacks(organ, lv)] + ["全省"]
        sentence = "继续加强对" + "、".join(whole) + "信息公开工作的统筹督导。"
        for lv in ("市", "县"):
            if _lacks(organ, lv) and lv not in text:
                sentence += f"按照{lv}政府的部署，推进全{lv}政务公开。"
        edited, _at = _insert_after_first_sentence(text, sentence)
        assert run(linter, write(tmp_path, p.name, edited)) == [], (p.name, sentence)
        checked += 1
    assert checked >= 35


@pytest.mark.parametrize("text", [
    "上海市黄浦区人民政府2023年政府信息公开工作年度报告\n全市政务公开工作会议后，全区推进公开。",
    "淮安市洪泽区人民政府2024年政府信息公开工作年度报告\n全市、全区政务公开，市本级、区本级经费。",
    GAJ + "共享全省政策文件，全区公安系统。",
    GAJ + "安全区建设，健全县级联动，完全市场化，全区域覆盖。",  # 全 ends another word or begins 市场
    "全州县人民政府2023年政府信息公开工作年度报告\n全州县政务公开，全县推进。",  # a county named 全州
    "平潭县人民政府2012年政府信息公开工作年度报告\n平潭综合实验区管委会部署，全区部门职能单位公开。",  # a 区 named
    "洪泽区人民政府2023年政府信息公开工作年度报告\n按照市政府部署，全市推进政务公开。",  # 市政府 names the city
])
def test_not_another_level(linter, tmp_path, text):
    assert run(linter, write(tmp_path, "r.txt", text + "\n")) == []


@pytest.mark.parametrize("text, expected", [
    ("沭阳县乡村振兴局2023年政府信息公开工作年度报告\n公开市本级部门预算。",
     ("C401", "warning", 2, 3, "正文自称「市本级」，与报告机关「沭阳县乡村振兴局」不符，应为「县本级」")),
    (GAJ + "全县公安系统推进公开。",
     ("C405", "warning", 2, 1, "「全县」与报告机关「平潭综合实验区公安局」不符：机关名称和报告中都没有县一级的地区，应为「全区」")),
    ("广西壮族自治区发展和改革委员会2023年政府信息公开工作年度报告\n公开市本级预算，自治区本级预算。",
     ("C401", "warning", 2, 3, "正文自称「市本级」，与报告机关「广西壮族自治区发展和改革委员会」不符，应为「自治区本级」")),
])
def test_another_level(linter, tmp_path, text, expected):
    assert run(linter, write(tmp_path, "r.txt", text + "\n")) == [expected]


@pytest.mark.parametrize("text, phrases", [
    ("公开市本级经费", [(2, 5, "市", "own")]),
    ("加强全市工作", [(2, 4, "市", "whole")]),
    ("自治区本级和全自治区", [(0, 5, "自治区", "own"), (6, 10, "自治区", "whole")]),
    ("安全区与健全县级与全市场", [(2, 3, "区", "")]),  # 安全区: 全 ends 安全; 县级, 市场: no level
    ("福州市政府与全州县", [(1, 2, "州", ""), (2, 3, "市", ""), (7, 8, "州", ""), (8, 9, "县", "")]),  # 福州 counts as 州
])
def test_level_phrases(vocab, text, phrases):
    assert vocab.level_phrases(text) == phrases

"""The outline analysis on real reports changed the way each failure class describes.

Every transformation runs over every real report whose headings MANIFEST.tsv records as
prescribed (2019 and 2021 format, text and markdown), not over one file: a reworded
heading is a title finding (never "missing"), text between a heading and the next table
changes nothing, an annotation after a heading is no warning, an introduction name with
与 is one name, an extra or a split part is one finding. Runs go through the engine with
only the readers, the sections and structure plugins and their rule files loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pluggy
import pytest

from disclint import hookspecs
from disclint.checking import Options
from disclint.engine import Linter
from disclint.plugins import _import_file
from disclint.resources import plugins_dir, rules_dir

REAL = Path(__file__).parent / "data" / "real"

# MANIFEST.tsv: "Six headings as prescribed" (or checked clean) — no section defect.
STANDARD = [
    "002-pingtan-zhqgwh-2019.txt", "003-pingtan-zhqgwh-2020.txt", "004-pingtan-zhqgwh-2021.txt",
    "006-pingtan-zhqgwh-2023.txt", "007-pingtan-zhqgwh-2024.txt", "008-pingtan-zhqgwh-2025.txt",
    "013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt", "015-huaian-city-2024.txt",
    "030-pingtan-scjg-2019.txt", "031-pingtan-gaj-2021.txt", "032-pingtan-hzs-2021.txt", "033-pingtan-jtj-2021.txt",
    "034-pingtan-jjp-2021.txt", "035-pingtan-czj-2022.txt", "037-pingtan-zrz-2022.txt", "038-pingtan-jsp-2022.txt",
    "039-pingtan-gwh-2023.txt", "041-pingtan-scj-2023.txt", "043-pingtan-tzcj-2024.txt", "044-pingtan-lwtj-2024.txt",
    "045-pingtan-zhz-2024.txt", "049-pingtan-czj-2019.txt", "050-pingtan-gaj-2019.txt", "051-pingtan-jjf-2020.txt",
    "052-pingtan-htp-2020.txt",
]

OFFICIAL = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
]
# One rewording per part, as real reports write them (near misses and rewordings).
REWORDED = [
    "一、总体工作情况", "二、主动公开政府信息工作情况", "三、收到和处理政府信息公开申请的情况",
    "四、政府信息公开行政复议与行政诉讼情况", "五、存在的主要问题及明年工作计划", "六、需要说明的其他事项与附表",
]


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    both = tmp_path_factory.mktemp("rules") / "outline-check.yaml"
    both.write_text("name: outline-check\ntitle: 六个部分与报告结构\nextends: [sections, structure]\n", encoding="utf-8")
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(__import__("disclint.readers.builtin", fromlist=["builtin"]))
    pm.register(_import_file(plugins_dir() / "sections.py"))
    pm.register(_import_file(plugins_dir() / "structure.py"))
    rules = [rules_dir() / "sections.yaml", rules_dir() / "structure.yaml", both]
    return Linter(Options(), ruleset="outline-check", pm=pm, shipped_rules=rules)


def s_findings(linter: Linter, path: Path) -> list[tuple[str, str, int, int, str]]:
    result = linter.check_file(str(path))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith("S")]


def text_of(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def place(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[offset]``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def heading_at(text: str, k: int) -> int | None:
    """Where the official heading of part ``k`` stands, when it is written exactly once."""
    found = [m.start() for m in re.finditer(re.escape(OFFICIAL[k]), text)]
    return found[0] if len(found) == 1 else None


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_standard_reports_have_no_section_finding(linter):
    for name in STANDARD:
        assert s_findings(linter, REAL / name) == [], name


# -- class 1: a present part under another title is a title finding, never missing ----------------


def test_reworded_heading_is_one_title_finding_in_every_report(linter, tmp_path):
    tried = [0] * 6
    for name in STANDARD:
        text = text_of(name)
        for k in range(6):
            at = heading_at(text, k)
            if at is None:
                continue
            changed = text[:at] + REWORDED[k] + text[at + len(OFFICIAL[k]) :]
            line, column = place(changed, at)
            got = s_findings(linter, write(tmp_path, name, changed))
            if k == 3:  # 与 for 、: it differs in a joiner only, a variant (S103)
                want = ("S103", "warning", line, column, f"标题「{REWORDED[k]}」是常见的非规范写法，格式规定为「{OFFICIAL[k]}」")
            else:
                want = ("S104", "error", line, column, f"标题「{REWORDED[k]}」与格式规定的「{OFFICIAL[k]}」不一致")
            assert got == [want], (name, k)
            tried[k] += 1
    assert min(tried) >= 20, tried


@pytest.mark.parametrize(
    "k, point",
    [(0, "全年工作有序推进。二、主动公开工作扎实推进，取得实效。"), (3, "本年度情况如下。五、存在问题整改到位。")],
)
def test_an_earlier_numbered_point_does_not_take_a_part_s_place(linter, tmp_path, k, point):
    # A point under part k that carries the next part's number and key words (主动公开, 问题):
    # the alignment gives the part to its real heading later on, not to the first match.
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        at = heading_at(text, k)
        if at is None:
            continue
        end = at + len(OFFICIAL[k])
        assert s_findings(linter, write(tmp_path, name, text[:end] + point + text[end:])) == [], name
        tried += 1
    assert tried >= 20


# Titles that share neither wording nor key words with the format's: only the number and
# the place between the neighbouring parts say which part they head.
UNRELATED = ["一、年度工作概况", "二、政务信息发布", "三、依法答复群众来函", "四、法律救济情况", "五、不足与下一步打算", "六、附加说明事项"]


def test_heading_in_its_place_under_its_number_is_a_title_finding(linter, tmp_path):
    tried, lost = [0] * 6, set()
    for name in STANDARD:
        text = text_of(name)
        for k in range(6):
            at = heading_at(text, k)
            if at is None:
                continue
            changed = text[:at] + UNRELATED[k] + text[at + len(OFFICIAL[k]) :]
            path = write(tmp_path, name, changed)
            if not any(UNRELATED[k] in getattr(b, "text", "") for b in linter.read(str(path)).text_blocks):
                # The pdftotext-layout table reader takes a short heading line above a table
                # into the table's header (013-015): the heading's text never reaches the outline.
                lost.add(name)
                continue
            line, column = place(changed, at)
            message = f"标题「{UNRELATED[k]}」与格式规定的「{OFFICIAL[k]}」不一致"
            assert s_findings(linter, path) == [("S104", "error", line, column, message)], (name, k)
            tried[k] += 1
    assert min(tried) >= 20, tried
    assert lost <= {"013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt", "015-huaian-city-2024.txt"}, lost


def test_extra_part_inserted_is_one_finding_and_the_renumbering_is_not_repeated(linter, tmp_path):
    # 042 and 048: 「五、信息处理费收取情况」 inserted after 四, the problems part as 六, no 其他.
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        at5, at6 = heading_at(text, 4), heading_at(text, 5)
        if at5 is None or at6 is None:
            continue
        inserted = "五、信息处理费收取情况本年度未收取信息处理费。"
        changed = (
            text[:at5] + inserted + "六、存在的主要问题及改进情况" + text[at5 + len(OFFICIAL[4]) : at6]
            + "七、其他需要报告的事项" + text[at6 + len(OFFICIAL[5]) :]
        )
        line, column = place(changed, at5)
        message = (
            "「四、政府信息公开行政复议、行政诉讼情况」之后插入了格式没有的一个一级部分「五、信息处理费收取情况」，"
            "其后部分的编号随之顺延（格式规定为六个部分）"
        )
        assert s_findings(linter, write(tmp_path, name, changed)) == [("S110", "error", line, column, message)], name
        tried += 1
    assert tried >= 20


def test_part_added_after_the_last_one_is_one_finding(linter, tmp_path):
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        if heading_at(text, 5) is None:
            continue
        changed = text.rstrip("\n") + "\n七、附件说明\n本报告所附统计表见上文。\n"
        line = changed.count("\n", 0, changed.index("七、附件说明")) + 1
        message = "「六、其他需要报告的事项」之后插入了格式没有的一个一级部分「七、附件说明」（格式规定为六个部分）"
        assert s_findings(linter, write(tmp_path, name, changed)) == [("S110", "error", line, 1, message)], name
        tried += 1
    assert tried >= 20


@pytest.mark.parametrize("last", ["七、其他需要报告的事项", "七、其他需说明事项"])
def test_part_split_in_two_is_one_finding(linter, tmp_path, last):
    # 「五、当前存在的突出问题」「六、下一步改进举措」「七、其他需说明事项」: seven parts. The
    # split is one finding; 七 is 六 renumbered (no S105), its own wording a title finding.
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        at5, at6 = heading_at(text, 4), heading_at(text, 5)
        if at5 is None or at6 is None:
            continue
        before_six = text[:at5] + "五、当前存在的突出问题" + text[at5 + len(OFFICIAL[4]) : at6] + "六、下一步改进举措\n加强培训。\n"
        changed = before_six + last + text[at6 + len(OFFICIAL[5]) :]
        line, column = place(changed, at5)
        message = (
            "「五、当前存在的突出问题」「六、下一步改进举措」似乎是把第五部分「五、存在的主要问题及改进情况」"
            "拆成了两个部分（格式规定为一个部分），其后部分的编号随之顺延"
        )
        want = [("S111", "error", line, column, message)]
        if last != "七、其他需要报告的事项":
            want.append(("S104", "error", *place(changed, len(before_six)), f"标题「{last}」与格式规定的「六、其他需要报告的事项」不一致"))
        assert s_findings(linter, write(tmp_path, name, changed)) == want, name
        tried += 1
    assert tried >= 20


def test_last_part_split_in_two_is_one_finding(linter, tmp_path):
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        at6 = heading_at(text, 5)
        if at6 is None:
            continue
        changed = text.rstrip("\n") + "\n七、其他说明事项\n本机关未收取信息处理费。\n"
        line, column = place(changed, at6)
        message = (
            "「六、其他需要报告的事项」「七、其他说明事项」似乎是把第六部分「六、其他需要报告的事项」"
            "拆成了两个部分（格式规定为一个部分）"
        )
        assert s_findings(linter, write(tmp_path, name, changed)) == [("S111", "error", line, column, message)], name
        tried += 1
    assert tried >= 20


def test_part_with_nothing_under_it_is_empty_not_missing(linter, tmp_path):
    # 五's matter removed: its heading runs straight into 六's (glued in a flattened page).
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        at5, at6 = heading_at(text, 4), heading_at(text, 5)
        if at5 is None or at6 is None:
            continue
        end5 = at5 + len(OFFICIAL[4])
        glue = "" if text[at5 - 1] != "\n" and text[at6 - 1] != "\n" else "\n"
        changed = text[:end5] + glue + text[at6:]
        line, column = place(changed, at5)
        assert s_findings(linter, write(tmp_path, name, changed)) == [
            ("S107", "error", line, column, "「五、存在的主要问题及改进情况」部分没有内容")
        ], name
        tried += 1
    assert tried >= 20


# -- class 2: what follows a heading does not decide whether it is one ----------------------------


@pytest.mark.parametrize("between", ["（有关情况附表）", "本年度有关情况见下表。", " 单位：件"])
def test_text_between_a_heading_and_its_table_changes_nothing(linter, tmp_path, between):
    # 二、三、四 are followed by their tables; flattened pages print the heading right after
    # the previous table's last cell, and a note or sentence may stand before the next table.
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        for k in (1, 2, 3):
            at = heading_at(text, k)
            if at is None:
                continue
            end = at + len(OFFICIAL[k])
            changed = text[:end] + between + text[end:]
            assert s_findings(linter, write(tmp_path, name, changed)) == [], (name, k)
            tried += 1
    assert tried >= 60


def test_text_between_a_table_and_the_next_heading_changes_nothing(linter, tmp_path):
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        for k in (2, 3, 4):
            at = heading_at(text, k)
            if at is None:
                continue
            line_start = text.rfind("\n", 0, at) + 1
            if text[line_start:at].strip():
                changed = text[:at] + "以上为本年度有关情况。" + text[at:]  # a flattened page: inline
            else:
                changed = text[:line_start] + "以上为本年度有关情况。\n" + text[line_start:]  # its own line
            assert s_findings(linter, write(tmp_path, name, changed)) == [], (name, k)
            tried += 1
    assert tried >= 60


def test_table_note_with_a_variant_character_changes_nothing(linter, tmp_path):
    # 052 prints 「钩稽关系」 for 「勾稽关系」 in 表三's note, right after 三's heading.
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        if "勾稽关系" not in text:
            continue
        assert s_findings(linter, write(tmp_path, name, text.replace("勾稽关系", "钩稽关系"))) == [], name
        tried += 1
    assert tried >= 15


# -- class 3: an annotation after an exact title is no warning ------------------------------------


def test_annotation_after_each_heading_is_at_most_info(linter, tmp_path):
    tried = [0] * 6
    for name in STANDARD:
        text = text_of(name)
        for k in range(6):
            at = heading_at(text, k)
            if at is None:
                continue
            end = at + len(OFFICIAL[k])
            changed = text[:end] + "（有关情况附表）" + text[end:]
            got = [f for f in s_findings(linter, write(tmp_path, name, changed)) if f[1] != "info"]
            assert got == [], (name, k)
            tried[k] += 1
    assert min(tried) >= 20, tried


# -- class 4: introduction names -------------------------------------------------------------------

# How the introductions in the corpus name part 四 (legacy and current wordings).
INTRO_FOUR = [
    "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开工作被申请行政复议或提起行政诉讼情况",
    "政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议与行政诉讼情况", "政府信息公开行政复议及行政诉讼情况",
    "政府信息公开行政复议、行政诉讼情况",
]


def test_intro_name_containing_yu_is_one_name(linter, tmp_path):
    tried = 0
    for name in STANDARD:
        text = text_of(name)
        first = heading_at(text, 0)
        if first is None:
            continue
        hits = sorted((text.find(w, 0, first), w) for w in INTRO_FOUR if 0 <= text.find(w, 0, first))
        if not hits:
            continue
        at, old = hits[0]
        changed = text[:at] + "政府信息公开行政复议情况与行政诉讼情况" + text[at + len(old) :]
        assert s_findings(linter, write(tmp_path, name, changed)) == [], name
        tried += 1
    assert tried >= 15


def test_intro_in_legacy_wording_gives_nothing_when_headings_are_standard(linter):
    # 033, 035, 041, 049, 052: the intro names the parts in legacy wording; 041's S204 was false.
    for name in ("033-pingtan-jtj-2021.txt", "035-pingtan-czj-2022.txt", "041-pingtan-scj-2023.txt", "049-pingtan-czj-2019.txt", "052-pingtan-htp-2020.txt"):
        assert s_findings(linter, REAL / name) == [], name


# -- the corpus cases ------------------------------------------------------------------------------


def test_040_reworded_last_heading_and_seven_intro_names(linter):
    assert s_findings(linter, REAL / "040-pingtan-nyn-2023.txt") == [
        ("S201", "error", 10, 169, "引言称报告共六个部分，但列出的部分有7个：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
         "政府信息公开行政复议、行政诉讼情况、提起行政诉讼的情况、存在的主要问题及改进情况、其他需要报告的事项"),
        ("S104", "error", 10, 2825, "标题「六、需要说明的其他事项与附表」与格式规定的「六、其他需要报告的事项」不一致"),
    ]


@pytest.mark.parametrize(
    "name, extra, problems, written, missing",
    [
        ("042-pingtan-spp-2023.txt", (10, 2113), (10, 2160), "六、存在的主要问题和改进情况", (10, 2397)),
        ("048-pingtan-jjp-2025.txt", (10, 2386), (10, 2424), "六、存在的主要问题及改进措施", (10, 2693)),
    ],
)
def test_extra_fee_part_and_no_other_matters(linter, name, extra, problems, written, missing):
    assert s_findings(linter, REAL / name) == [
        ("S110", "error", *extra, "「四、政府信息公开行政复议、行政诉讼情况」之后插入了格式没有的一个一级部分「五、信息处理费收取情况」，"
         "其后部分的编号随之顺延（格式规定为六个部分）"),
        # 和 for 及 / 及改进措施 for 和改进措施 (a listed variant): joiners only, a variant
        ("S103", "warning", *problems, f"标题「{written}」是常见的非规范写法，格式规定为「五、存在的主要问题及改进情况」"),
        ("S101", "error", *missing, "缺少第六部分「六、其他需要报告的事项」（应位于报告末尾）"),
    ]


def test_048_intro_announces_the_same_structure(linter):
    # The intro lists 信息处理费收取情况 as part five, so the body agrees with it: no S2 finding.
    from disclint.analysis.outline import build
    from disclint.resources import rules_dir as _rules  # noqa: F401

    doc = linter.read(str(REAL / "048-pingtan-jjp-2025.txt"))
    o = build(doc, linter.rulesets["outline-check"].schemas["sections"])
    assert o.intro.names[4:] == ["信息处理费收取情况", "存在的主要问题及改进措施"]
    assert [t.shown for t in o.top][4:] == ["五、信息处理费收取情况", "六、存在的主要问题及改进措施"]


def test_036_misspelt_heading_is_reported_once(linter):
    assert s_findings(linter, REAL / "036-pingtan-shs-2022.txt") == [
        ("S104", "error", 10, 2166, "标题「四、政府信息公开行政法复议、行政诉讼情况」与格式规定的「四、政府信息公开行政复议、行政诉讼情况」不一致"),
    ]


# -- the intro's list read against the known part names (legacy names included) ------------------

LEGACY_SIX = ["需要说明的其他事项与附表", "其他需要说明的事项与附表", "需要说明的其他事项及附表"]


@pytest.mark.parametrize("legacy", LEGACY_SIX)
def test_intro_legacy_name_with_yu_is_one_part_whatever_the_headings(linter, tmp_path, legacy):
    # held-out class F1: 「……，需要说明的其他事项与附表等六部分」 with the body's heading 「六、其他需要报告的事项」
    # was read as seven names (split at 与). The list is now aligned with the part names of
    # rules/sections.yaml first, so the intro (changed only there) still announces six parts.
    from disclint.analysis.outline import build, parts_of

    tried = 0
    for name in STANDARD:
        text = text_of(name)
        first = heading_at(text, 0)
        if first is None:
            continue
        at = text.find("其他需要报告的事项", 0, first)
        if at < 0:
            continue
        changed = text[:at] + legacy + text[at + len("其他需要报告的事项") :]
        path = write(tmp_path, name, changed)
        assert s_findings(linter, path) == [], (name, legacy)
        doc = linter.read(str(path))
        schema = linter.forced.schemas["sections"]
        names = build(doc, schema).intro.names
        assert names is not None and names[-1] == legacy and len(names) == len(parts_of(schema)), (name, names)
        tried += 1
    assert tried >= 10


# -- class 1: a reworded part among misnumbered headings ---------------------------------------


@pytest.mark.parametrize("name", ["011-shanghai-stcsm-2024.md", "012-shanghai-szfbgt-2025.md"])
def test_reworded_heading_under_another_number_is_a_title_finding_not_an_extra_part(linter, tmp_path, name):
    # 011 numbers the sub-items of 总体情况 as top-level parts (二、工作机制保障 … 六、…) and
    # then restarts at 一、主动公开…: a reworded part there is still that part (S104),
    # never a heading of the sub-list read as the part with an extra part before it (S110)
    from metamorphic.transforms import reword  # the harness's rewording: 工作 before 情况, …

    text = text_of(name)
    before = {f[0] for f in s_findings(linter, REAL / name)}
    tried = 0
    for k in range(1, 6):
        title = OFFICIAL[k].split("、", 1)[1]
        new = reword(title)
        found = [m for m in re.finditer(r"(?m)^([一二三四五六七八九十]+)、" + re.escape(title) + "$", text)]
        if len(found) != 1:
            continue
        m = found[0]
        changed = text[: m.start(0)] + m.group(1) + "、" + new + text[m.end(0):]
        got = s_findings(linter, write(tmp_path, name, changed))
        line, _ = place(changed, m.start(0))
        assert (("S104", "error", line, 1, f"标题「{m.group(1)}、{new}」与格式规定的「{OFFICIAL[k]}」不一致") in got
                or any(f[0] == "S103" and f[2] == line for f in got)), (k, got)
        assert {f[0] for f in got} - before <= {"S103", "S104", "S203"}, (k, got)
        tried += 1
    assert tried >= 2

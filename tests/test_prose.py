"""The prose checks (C codes) on the real reports, the seed and edited copies.

Runs go through the engine with the `prose` rule set forced, with only the built-in
readers, the prose plugin and ``rules/prose.yaml`` loaded, so that work in progress
elsewhere cannot change these outcomes. One test goes through the CLI to show the
leaf rule sets (gov-2019, gov-2021, legacy-2008) carry the prose rules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import regex

from disclint.checking import Options
from disclint.plugins import _import_file
from disclint.resources import plugins_dir

from conftest import REAL, findings
from helpers import diagnostics, isolated_linter, write

HERE = Path(__file__).parent
DATA = HERE / "data" / "real"
SEED = HERE / "data" / "seed" / "mudanjiang-housing-2020.txt"
EXAMPLES = HERE.parent / "examples"

prose_plugin = _import_file(plugins_dir() / "prose.py")


def run(path):
    return diagnostics(isolated_linter(prose_plugin, "prose", Options(today=date(2026, 11, 27))), path, "C")


def seed_with(tmp_path, old, new, name="edited.txt"):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, name, text.replace(old, new, 1))


# -- what the MANIFEST names ---------------------------------------------------------------

# Every C finding on the real corpus, the seed and the examples; everything else is clean.
EXPECTED = {
    # section 五: 「一是…；三是…；三是…」 (二是 missing, then 三是 repeated)
    "006-pingtan-zhqgwh-2023.txt": [
        ("C101", "warning", 10, 2779, "列举顺序有误：「一是」之后应为「二是」，实为「三是」"),
        ("C101", "warning", 10, 2812, "列举顺序有误：「三是」之后应为「四是」，实为「三是」"),
    ],
    "017-pingtan-zhqgwh-2018-legacy.txt": [
        ("C302", "warning", 10, 81, "书名号重复「《《」，应为「《」"),
    ],
    # 「2、突出重点… 一是门户网站…三是网络安全保密措施严密」
    "020-pingtan-dishui-2013-legacy.txt": [
        ("C101", "warning", 10, 835, "列举顺序有误：「一是」之后应为「二是」，实为「三是」"),
    ],
    "022-pingtan-zhqgwh-2011-legacy.txt": [
        ("C301", "warning", 10, 519,
         "文件名称《中华人民共和国政府信息公开工作条例》有误，应为《中华人民共和国政府信息公开条例》"),
    ],
    # Not in the MANIFEST rows, but the same sentence is carried into the zone's 2012 and
    # 2013 reports: 「贯彻实施《中华人民共和国政府信息公开工作条例》（以下简称…」 (checked by eye).
    "023-pingtan-zhqgwh-2012-legacy.txt": [
        ("C301", "warning", 10, 542,
         "文件名称《中华人民共和国政府信息公开工作条例》有误，应为《中华人民共和国政府信息公开条例》"),
    ],
    "024-pingtan-zhqgwh-2013-legacy.txt": [
        ("C301", "warning", 10, 563,
         "文件名称《中华人民共和国政府信息公开工作条例》有误，应为《中华人民共和国政府信息公开条例》"),
    ],
    # 「一是推进行政权力清单公开。一是按照…二是…二是推进财政资金…三是推进公共资源配置信息公开。
    # 一是…二是…三是…四是推进政府采购…四是推进重大建设项目…五是…六是」: the nested lists
    # are read as such; the repeated 四是 is the defect.
    "026-pingtan-zhqgwh-2015-legacy.txt": [
        ("C101", "warning", 10, 2371, "列举顺序有误：「四是」之后应为「五是」，实为「四是」"),
    ],
    "027-pingtan-zhqgwh-2016-legacy.txt": [
        ("C201", "error", 10, 2694,
         "正文中残留Word 列表编号的网页条件注释「<!--[if !supportLists]-->7、<!--[endif]-->」，应删除注释标记，只保留编号"),
    ],
    # MANIFEST: 「一是突出抓好财政预决算公开。1.…2.…3.…4.…五是加强考核。…二是…三是突出抓好政府采购…
    # 三是积极加强宣传…四是…」, and in 改进措施 「一是…二是…三是…三是…」; the leaked Word markup
    # before 表二 is an empty conditional comment (no list number inside)
    "049-pingtan-czj-2019.txt": [
        ("C101", "warning", 10, 913, "列举顺序有误：「一是」之后应为「二是」，实为「五是」"),
        ("C101", "warning", 10, 1473, "列举顺序有误：「三是」之后应为「四是」，实为「三是」"),
        ("C201", "error", 10, 2104,
         "正文中残留Word 的网页条件注释「<!--[if !supportMisalignedColumns]--><!--[endif]-->」，应删除"),
        ("C101", "warning", 10, 3516, "列举顺序有误：「三是」之后应为「四是」，实为「三是」"),
    ],
}

ALL_FILES = sorted(
    [p for p in DATA.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf")] + [SEED]
    + [p for p in EXAMPLES.iterdir() if p.is_file()],
    key=lambda p: (p.parent.name, p.name),
)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_report_has_exactly_the_expected_prose_findings(path):
    assert run(path) == EXPECTED.get(path.name, [])


def test_the_sweep_covers_the_corpus():
    names = {p.name for p in ALL_FILES}
    assert set(EXPECTED) <= names
    assert len([p for p in ALL_FILES if p.parent == DATA]) >= 33


def test_027_list_in_order_is_not_an_enumeration_defect():
    # 027's orphan paragraph 「一是…二是…三是」 counts correctly; its lost headings are not
    # an ordering defect (see the report), so no C101.
    assert [c for c in run(DATA / "027-pingtan-zhqgwh-2016-legacy.txt") if c[0] == "C101"] == []


def test_leaf_rule_sets_carry_the_prose_rules():
    got = {(d["code"], d["line"], d["column"]) for d in findings(DATA / "027-pingtan-zhqgwh-2016-legacy.txt")}
    assert ("C201", 10, 2694) in got  # legacy-2008
    got = {(d["code"], d["line"], d["column"]) for d in findings(DATA / "006-pingtan-zhqgwh-2023.txt")}
    assert {("C101", 10, 2779), ("C101", 10, 2812)} <= got  # gov-2021
    assert not [d for d in findings(DATA / "030-pingtan-scjg-2019.txt") if d["code"].startswith("C")]  # gov-2019


# -- enumerations on edited copies of the seed ------------------------------------------


def test_seed_list_with_a_missing_item(tmp_path):
    p = seed_with(tmp_path, "二是进一步健全工作机制", "三是进一步健全工作机制")
    # 一是, 三是, 三是: the gap, then the repeat (as in 006)
    assert run(p) == [
        ("C101", "warning", 93, 1, "列举顺序有误：「一是」之后应为「二是」，实为「三是」"),
        ("C101", "warning", 95, 1, "列举顺序有误：「三是」之后应为「四是」，实为「三是」"),
    ]


def test_seed_list_restarted_after_a_heading_is_fine(tmp_path):
    p = seed_with(tmp_path, "二是进一步健全工作机制", "（二）工作机制\n一是进一步健全工作机制")
    text = p.read_text(encoding="utf-8").replace("三是进一步加大宣传力度", "二是进一步加大宣传力度", 1)
    assert run(write(tmp_path, "restart.txt", text)) == []


def test_first_second_lists(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "我们将做好以下工作：第一，加强领导；第二，健全机制；第四，加大宣传。服务第一，质量第一。\n")
    assert run(p) == [("C101", "warning", 2, 27, "列举顺序有误：「第二」之后应为「第三」，实为「第四」")]


def test_list_without_a_first_item_is_not_judged(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n（一）主要问题\n二是宣传不够；四是培训不足。\n")
    assert run(p) == []


def test_words_ending_in_a_numeral_are_not_markers(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "一是统一标准，目标统一是关键；唯一是指本机关；二是加强培训；三是接受监督。\n")
    assert run(p) == []


def test_inline_headings_end_a_list_in_a_flattened_page(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "（一）主动公开一是公开文件；二是公开预算。（二）依申请公开二是规范答复；三是按时办结。\n")
    assert run(p) == []


def test_numbered_subitems_do_not_end_the_list(tmp_path):
    # 「一是…。1.…2.…五是…二是…」: 1. 2. number the items under 一是; 五是 is the slip, 二是 goes on
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "主要做法：一是推进预算公开。1.公开预算。2.公开决算。五是加强考核。二是推进采购公开。三是加强宣传。\n")
    assert run(p) == [("C101", "warning", 2, 29, "列举顺序有误：「一是」之后应为「二是」，实为「五是」")]
    p = write(tmp_path, "y.txt", "某局2020年政府信息公开工作年度报告\n"
              "主要做法：一是推进预算公开。1.公开预算。2.公开决算。二是推进采购公开。三是加强宣传。\n")
    assert run(p) == []


def _marker_events(doc):
    """The 是-markers and list-ending headings of a document, in order."""
    out = []
    for block in doc.blocks:
        if isinstance(block, prose_plugin.Table) or getattr(block, "kind", "") == "heading":
            out.append(None)
            continue
        for _, what, m in prose_plugin._markers(block):
            if what == "heading":
                out.append(None)
            elif what == "marker" and m.kind == "是":
                out.append(m)
    return out


def test_a_list_item_repeated_is_found_in_every_real_report(tmp_path):
    """The last item of each list the corpus numbers correctly, written with the number before it
    (「…二是…三是」 → 「…二是…二是」): exactly one C101 more, at that item."""
    lint = isolated_linter(prose_plugin, "prose", Options(today=date(2026, 11, 27)))
    tried = set()
    for path in sorted(DATA.glob("*.txt")):
        before = run(path)
        events = _marker_events(lint.read(str(path)))
        for i, m in enumerate(events):
            if m is None or m.n < 3 or i == 0 or events[i - 1] is None or events[i - 1].n != m.n - 1:
                continue
            opened = False
            for e in reversed(events[:i]):
                if e is None:
                    break
                opened = opened or e.n == 1
            if not opened:
                continue  # no 一是 opened this list (its start is in a heading): not judged
            nxt = events[i + 1] if i + 1 < len(events) else None
            if nxt is not None and nxt.n == m.n + 1:
                continue  # not the last item
            sp = m.block.textmap.span(m.start, m.end)
            if any(d[2:4] == (sp.start.line, sp.start.column) for d in before):
                continue
            lines = path.read_text(encoding="utf-8").split("\n")
            src = lines[sp.start.line - 1]
            assert src[sp.start.column - 1:sp.start.column + 1] == m.text
            prev = prose_plugin._label("是", m.n - 1)
            lines[sp.start.line - 1] = src[:sp.start.column - 1] + prev + src[sp.start.column + 1:]
            out = write(tmp_path, path.name, "\n".join(lines))
            new = [d for d in run(out) if d not in before]
            assert new == [("C101", "warning", sp.start.line, sp.start.column,
                            f"列举顺序有误：「{prev}」之后应为「{m.text}」，实为「{prev}」")], (path.name, new)
            tried.add(path.name)
    assert len(tried) >= 15


def test_nested_list_returns_to_the_outer_list(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "主要做法：一是推进清单公开。一是公布权力清单，二是公布责任清单。"
              "二是推进财政公开。一是公开预算；二是公开决算；三是公开三公经费。三是推进采购公开。\n")
    assert run(p) == []


# -- leaked markup, template notes, placeholders ----------------------------------------


def test_template_note_and_placeholders_in_the_seed(tmp_path):
    p = seed_with(tmp_path, "一是进一步加强领导", "编写说明：可先适当综述。一是进一步加强领导，XX局××年（填写机关名称）")
    line = p.read_text(encoding="utf-8").split("\n")[90]
    assert run(p) == [
        ("C202", "error", 91, 1, "正文中残留格式模板的编写说明「编写说明：」，应删除模板说明，写入本机关的实际情况"),
        ("C203", "error", 91, line.index("XX") + 1, "正文中有未填写的占位符「XX」，应填写实际内容"),
        ("C203", "error", 91, line.index("××") + 1, "正文中有未填写的占位符「××」，应填写实际内容"),
        ("C203", "error", 91, line.index("（填写") + 1, "正文中有未填写的模板空位「（填写机关名称）」，应填写实际内容"),
    ]


def test_markup_and_entities_in_plain_text(tmp_path):
    p = seed_with(tmp_path, "一是进一步加强领导", "一是进一步<span style=\"x\">加强</span>领导&nbsp;")
    line = p.read_text(encoding="utf-8").split("\n")[90]
    assert run(p) == [
        ("C201", "error", 91, line.index("<span") + 1, "正文中残留网页标签「<span style=\"x\">」，应删除"),
        ("C201", "error", 91, line.index("</span>") + 1, "正文中残留网页标签「</span>」，应删除"),
        ("C201", "error", 91, line.index("&nbsp;") + 1, "正文中残留未转换的网页字符实体「&nbsp;」，应换成它所代表的字符"),
    ]


def test_lower_case_xx_in_addresses_and_angle_titles_are_fine(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "电子邮箱：pzxxgkb@163.com，网址 www.xx.gov.cn。印发<平潭综合实验区政务公开实施方案>的通知。\n")
    assert run(p) == []


# -- names of documents -------------------------------------------------------------------


def test_format_name_misquoted_and_accepted_short_forms(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n"
              "根据《条例》《政府信息公开条例》《福建省政府信息公开办法》和《中华人民共和国政府信息年度报告格式》编制。\n"
              "学习《〈中华人民共和国政府信息公开条例〉释义》，落实《江苏省政府信息公开条例》。\n"
              "印发〈x〉：《国务院办公厅关于印发〈中华人民共和国政府信息公开工作年度报表格式〉的通知》。\n")
    assert run(p) == [
        ("C301", "warning", 2, 31,
         "文件名称《中华人民共和国政府信息年度报告格式》有误，应为《中华人民共和国政府信息公开工作年度报告格式》"),
        ("C301", "warning", 4, 18,
         "文件名称〈中华人民共和国政府信息公开工作年度报表格式〉有误，应为《中华人民共和国政府信息公开工作年度报告格式》"),
    ]


def test_doubled_closing_marks(tmp_path):
    p = write(tmp_path, "x.txt", "某局2020年政府信息公开工作年度报告\n根据《条例》》编制。\n")
    assert run(p) == [("C302", "warning", 2, 6, "书名号重复「》》」，应为「》」")]


def test_outer_item_after_a_nested_list_and_its_repeat(tmp_path):
    # The shape of 026: 「四是推进政府采购公开。」 fits both the inner list (after 三是) and the
    # outer one; like the outer titles it has a body, unlike the inner items, so it is the
    # outer 四是 — and the next 四是 is the repeat.
    line = ("重点工作：一是推进清单公开。公布清单3646项。二是推进财政公开。公开预决算。"
            "三是推进资源配置公开。一是推进征地公开，公开批文12份。二是做好房屋征收，实行阳光征收。"
            "三是通过电视台宣传，发布公告。四是推进政府采购公开。加大采购公开力度。"
            "四是推进重大项目公开。发布简报5期。五是推进公共服务公开。")
    p = write(tmp_path, "x.txt", "某局2015年政府信息公开工作年度报告\n" + line + "\n")
    col = line.index("四是推进重大项目") + 1
    assert run(p) == [("C101", "warning", 2, col, "列举顺序有误：「四是」之后应为「五是」，实为「四是」")]


# -- the whole-document prefilter of leaked-text patterns ----------------------------------


@pytest.mark.parametrize("pattern, free", [
    (r"<!--\[if [^\]]{0,40}\]-->.{1,12}?<!--\[endif\]-->", True),
    (r"(?:编写|填写|填报)说明[：:]", True),
    (r"[^^$]x\$", True),  # ^ and $ inside a class, an escaped $
    (r"(?<![A-Za-z0-9])(?:[XＸ]{2,})(?![A-Za-z0-9])", False),
    (r"^说明", False),
    (r"说明$", False),
    (r"\b说明", False),
    (r"(?=说)说明", False),
])
def test_only_patterns_that_ignore_their_context_are_prefiltered(pattern, free):
    from disclint import safe_regex

    assert safe_regex.compile(pattern, shipped=True).context_free is free


def test_the_prefilter_never_hides_a_match_a_text_holds():
    """Whatever the texts, a pattern that matches one of them passes the joined-text search."""
    import random

    from disclint import safe_regex

    rnd = random.Random(7)
    patterns = [r"a.b", r"[^a]{2}c", r"(?:ab|ba)+", r"x?y", r"a(?:b|$)", r"^a", r"(?<!b)a", r"a\b"]
    for _ in range(2000):
        texts = ["".join(rnd.choice("abcxy \n") for _ in range(rnd.randint(0, 6))) for _ in range(rnd.randint(1, 4))]
        for p in patterns:
            engines = [safe_regex.compile(p, shipped=True)]  # regex; and RE2 for a pattern it runs
            engines += [] if "(?<" in p or "\\b" in p else [safe_regex.compile(p, shipped=False)]
            if any(regex.search(p, t, flags=regex.VERSION0) for t in texts):
                for rx in engines:
                    assert rx.may_match_in(texts, safe_regex.Budget()), (p, rx.engine, texts)


# -- lists cut by a line or page break (PDF) ----------------------------------------------

def test_a_marker_cut_by_a_line_break_is_still_one_marker(tmp_path):
    """A PDF line may end in 「一」 and the next begin with 「是」: the paragraphs that end
    mid-sentence are read as one text, so 「一是」 opens the list and 「二是」 follows it."""
    lines = ["五、存在的主要问题及改进情况",
             "一是公开不够及时。二是解读形式单一。三是平台建设滞后。2023年将采取以下措施。一",
             "是完善制度，加强审核把关。二是丰富解读形",
             "式。三是加强平台建设。"]
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines), encoding="utf-8")
    assert [d for d in findings(cut) if d["code"] == "C101"] == []
    # a real slip across the same break is still found, at its place on the next line
    lines[3] = "式。四是加强平台建设。"
    cut.write_text("\n".join(lines), encoding="utf-8")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in findings(cut) if d["code"] == "C101"] == [
        ("C101", 4, 3, "列举顺序有误：「二是」之后应为「三是」，实为「四是」")]


def test_005_printed_to_pdf_keeps_its_list_findings(tmp_path_factory):
    """005 printed to PDF: its 「…改进。一」/「是丰富…」 page line break no longer hides a 一是
    (a false C101 「三是」之后应为「四是」，实为「二是」 on page 4); the findings equal the text file's."""
    from metamorphic.findings import make_linter
    from metamorphic.run import apply
    from metamorphic.transforms import Env

    env = Env(make_linter(), str(tmp_path_factory.mktemp("prose-pdf")))
    outcome = apply(env, "render-pdf", str(REAL / "005-pingtan-zhqgwh-2022.txt"))
    assert outcome.status == "ok", outcome.diff()

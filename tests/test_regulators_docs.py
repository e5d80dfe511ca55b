"""Every YAML and Python example in docs/writing-rules.md and docs/writing-plugins.md runs.

YAML rule sets are loaded together (each doc's examples form one rule folder) and run on
real reports; the worked province example's findings on 047 are the ones its text says
(六 「无。」, 表三 （七）总计 0 beside 新收 4 — MANIFEST.tsv).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from disclint.checking import Options
from disclint.engine import Linter
from disclint.plugins import make_manager

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REAL = ROOT / "tests" / "data" / "real"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(doc: str, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall((DOCS / doc).read_text(encoding="utf-8")) if kind == lang]


def _write_sets(tmp_path: Path, doc: str) -> Path:
    folder = tmp_path / doc.replace(".md", "")
    folder.mkdir()
    for body in blocks(doc, "yaml"):
        name = YAML(typ="safe").load(body)["name"]
        (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return folder


def test_every_example_is_fenced():
    # Every fenced block of the docs, by the test that runs it: yaml here; schemas in
    # test_schema_remove.py; yml in test_reader_vocabulary.py; api.md's python in test_api.py.
    # A block of another language (or a bare ```) would run nowhere.
    def langs(doc: str) -> list[str]:
        return sorted(re.findall(r"^```(\S*)\n.*?^```", (DOCS / doc).read_text(encoding="utf-8"), re.S | re.M))

    assert langs("writing-rules.md") == ["schemas", "yaml", "yaml", "yaml", "yml"]
    assert langs("writing-plugins.md") == ["python", "python", "toml", "yaml"]
    assert langs("api.md") == ["python", "python"]


# The worked example's own findings on every real report, read off the reports (MANIFEST.tsv
# and the reports' text): 六 without 信息处理费/信息公开处理费; publication dates after the
# province's 1月20日 (departments) / 2月底 (governments); 表三 新收 above （七）总计 or above
# 1000; 表四 总计 0 beside 结果维持 (013); 新收+上年结转 ≠ （七）总计 where 四 is not 0.
ZJ_ON_CORPUS = [
    ("001-shanghai-szfbgt-2019.html", 1, 117, "ZJ103", "发布日期2020年1月31日不早于2020年1月21日（本省对县级以上人民政府部门的要求）"),
    ("001-shanghai-szfbgt-2019.html", 1, 10285, "ZJ201", "表三总计列：本年新收859件>本年办理结果总计805件"),
    ("001-shanghai-szfbgt-2019.html", 1, 25608, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("002-pingtan-zhqgwh-2019.txt", 10, 5990, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("003-pingtan-zhqgwh-2020.txt", 2, 7, "ZJ103", "发布日期2021年3月5日不早于2021年3月1日（本省对县级以上地方人民政府的要求）"),
    ("003-pingtan-zhqgwh-2020.txt", 10, 5902, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("004-pingtan-zhqgwh-2021.txt", 10, 2351, "ZJ201", "表三总计列：本年新收70件>本年办理结果总计69件"),
    ("004-pingtan-zhqgwh-2021.txt", 10, 2869, "ZJ301", "表三自然人列：新收与上年结转之和64≠办理结果总计63"),
    ("004-pingtan-zhqgwh-2021.txt", 10, 2876, "ZJ301", "表三总计列：新收与上年结转之和70≠办理结果总计69"),
    ("006-pingtan-zhqgwh-2023.txt", 2, 7, "ZJ103", "发布日期2024年3月8日不早于2024年3月1日（本省对县级以上地方人民政府的要求）"),
    ("007-pingtan-zhqgwh-2024.txt", 2, 7, "ZJ103", "发布日期2025年3月10日不早于2025年3月1日（本省对县级以上地方人民政府的要求）"),
    ("008-pingtan-zhqgwh-2025.txt", 2, 7, "ZJ103", "发布日期2026年3月10日不早于2026年3月1日（本省对县级以上地方人民政府的要求）"),
    ("008-pingtan-zhqgwh-2025.txt", 10, 1526, "ZJ201", "表三总计列：本年新收154件>本年办理结果总计148件"),
    ("008-pingtan-zhqgwh-2025.txt", 10, 2050, "ZJ301", "表三自然人列：新收与上年结转之和151≠办理结果总计147"),
    ("008-pingtan-zhqgwh-2025.txt", 10, 2053, "ZJ301", "表三商业企业列：新收与上年结转之和3≠办理结果总计1"),
    ("008-pingtan-zhqgwh-2025.txt", 10, 2058, "ZJ301", "表三总计列：新收与上年结转之和154≠办理结果总计148"),
    ("009-shuyang-county-2025.txt", 155, 11, "ZJ301", "表三自然人列：新收与上年结转之和741≠办理结果总计710"),
    ("009-shuyang-county-2025.txt", 155, 37, "ZJ301", "表三总计列：新收与上年结转之和749≠办理结果总计718"),
    ("010-shuyang-fgj-2023.html", 1200, 177, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("011-shanghai-stcsm-2024.md", 177, 11, "ZJ301", "表三自然人列：新收与上年结转之和34≠办理结果总计33"),
    ("011-shanghai-stcsm-2024.md", 177, 36, "ZJ301", "表三总计列：新收与上年结转之和36≠办理结果总计35"),
    ("012-shanghai-szfbgt-2025.md", 115, 50, "ZJ104", "表三「一、本年新收政府信息公开申请数量」行「总计」列为1295，应不大于1000，请核实是否填写有误"),
    ("012-shanghai-szfbgt-2025.md", 115, 50, "ZJ201", "表三总计列：本年新收1295件>本年办理结果总计1191件"),
    ("012-shanghai-szfbgt-2025.md", 168, 11, "ZJ301", "表三自然人列：新收与上年结转之和1429≠办理结果总计1139"),
    ("012-shanghai-szfbgt-2025.md", 168, 18, "ZJ301", "表三商业企业列：新收与上年结转之和51≠办理结果总计48"),
    ("012-shanghai-szfbgt-2025.md", 168, 39, "ZJ301", "表三总计列：新收与上年结转之和1484≠办理结果总计1191"),
    ("013-huaian-hongze-district-2023.pdf", 154, 16, "ZJ202", "表四行政复议：总计0<结果维持10"),
    ("013-huaian-hongze-district-2023.pdf", 154, 46, "ZJ202", "表四复议后起诉：总计0<结果维持5"),
    ("013-huaian-hongze-district-2023.txt", 149, 23, "ZJ202", "表四行政复议：总计0<结果维持10"),
    ("013-huaian-hongze-district-2023.txt", 149, 67, "ZJ202", "表四复议后起诉：总计0<结果维持5"),
    ("015-huaian-city-2024.pdf", 129, 78, "ZJ104", "表三「一、本年新收政府信息公开申请数量」行「总计」列为3119，应不大于1000，请核实是否填写有误"),
    ("015-huaian-city-2024.pdf", 129, 78, "ZJ201", "表三总计列：本年新收3119件>本年办理结果总计3050件"),
    ("015-huaian-city-2024.pdf", 205, 32, "ZJ301", "表三自然人列：新收与上年结转之和3035≠办理结果总计2932"),
    ("015-huaian-city-2024.pdf", 205, 72, "ZJ301", "表三总计列：新收与上年结转之和3153≠办理结果总计3050"),
    ("015-huaian-city-2024.txt", 123, 81, "ZJ104", "表三「一、本年新收政府信息公开申请数量」行「总计」列为3119，应不大于1000，请核实是否填写有误"),
    ("015-huaian-city-2024.txt", 123, 81, "ZJ201", "表三总计列：本年新收3119件>本年办理结果总计3050件"),
    ("015-huaian-city-2024.txt", 194, 38, "ZJ301", "表三自然人列：新收与上年结转之和3035≠办理结果总计2932"),
    ("015-huaian-city-2024.txt", 194, 93, "ZJ301", "表三总计列：新收与上年结转之和3153≠办理结果总计3050"),
    ("016-huaian-city-2024-sec3-fragment.txt", 23, 35, "ZJ104", "表三「一、本年新收政府信息公开申请数量」行「总计」列为3119，应不大于1000，请核实是否填写有误"),
    ("029-pingtan-lwtj-2019.txt", 10, 2822, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("030-pingtan-scjg-2019.txt", 10, 2589, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    *[(f"{n}.txt", 2, 7, "ZJ103", f"发布日期{d}不早于{b}（本省对县级以上人民政府部门的要求）") for n, d, b in [
        ("039-pingtan-gwh-2023", "2024年1月31日", "2024年1月21日"), ("040-pingtan-nyn-2023", "2024年1月31日", "2024年1月21日"),
        ("041-pingtan-scj-2023", "2024年1月31日", "2024年1月21日"), ("042-pingtan-spp-2023", "2024年1月26日", "2024年1月21日"),
        ("043-pingtan-tzcj-2024", "2025年1月26日", "2025年1月21日"), ("044-pingtan-lwtj-2024", "2025年1月26日", "2025年1月21日"),
        ("045-pingtan-zhz-2024", "2025年1月31日", "2025年1月21日"), ("046-pingtan-htp-2024", "2025年1月23日", "2025年1月21日"),
        ("047-pingtan-jjf-2025", "2026年1月30日", "2026年1月21日")]],
    ("047-pingtan-jjf-2025.txt", 10, 1488, "ZJ201", "表三总计列：本年新收4件>本年办理结果总计0件"),
    ("047-pingtan-jjf-2025.txt", 10, 2000, "ZJ301", "表三自然人列：新收与上年结转之和4≠办理结果总计0"),
    ("047-pingtan-jjf-2025.txt", 10, 2006, "ZJ301", "表三总计列：新收与上年结转之和4≠办理结果总计0"),
    ("047-pingtan-jjf-2025.txt", 10, 2484, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("049-pingtan-czj-2019.txt", 10, 3673, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("050-pingtan-gaj-2019.txt", 10, 2715, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("051-pingtan-jjf-2020.txt", 2, 7, "ZJ103", "发布日期2021年1月27日不早于2021年1月21日（本省对县级以上人民政府部门的要求）"),
    ("051-pingtan-jjf-2020.txt", 10, 3343, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ("052-pingtan-htp-2020.txt", 2, 7, "ZJ103", "发布日期2021年1月27日不早于2021年1月21日（本省对县级以上人民政府部门的要求）"),
    ("052-pingtan-htp-2020.txt", 10, 3267, "ZJ101", "「六、其他需要报告的事项」未说明信息处理费收取情况"),
]
S103_ZJ = "标题「{found}」不规范，本省要求写作「{expected}」"


def test_worked_province_example_on_every_real_report(tmp_path, monkeypatch):
    """Written only from writing-rules.md: a section-text requirement and a forbidden
    phrase, a ≤ and a ≥ table-relation, a date-window by organ kind, a cell-value range,
    an override and an identity merged into the national ones, applied with the national
    set of each report's years to every real report."""
    monkeypatch.chdir(ROOT)
    linter = Linter(Options(today=date(2026, 12, 2)), extra_rule_paths=[_write_sets(tmp_path, "writing-rules.md")])
    results = linter.check_paths([os.path.join("tests", "data", "real")])
    assert not [r.internal_errors for r in results if r.internal_errors]
    got = [d.as_json() for r in results for d in r.diagnostics]
    assert [(Path(d["path"]).name, d["line"], d["column"], d["code"], d["message"]) for d in got if d["code"].startswith("ZJ")] == ZJ_ON_CORPUS
    # Every report of the province's years is checked with its set, the others with legacy-2008.
    sets = {Path(r.path).name: r.ruleset for r in results}
    assert {s for n, s in sets.items() if "legacy" in n} == {"legacy-2008"}
    assert sets["049-pingtan-czj-2019.txt"] == "zj-2019" and sets["009-shuyang-county-2025.txt"] == "zj-2021"
    assert sorted(set(sets.values())) == ["legacy-2008", "zj-2019", "zj-2021"]
    # The national findings are all still there, word for word, but for the override of S103
    # in zj-2021 (severity and message) and the name of the set checked with.
    golden = json.loads((ROOT / "tests" / "data" / "golden" / "real-findings.json").read_text(encoding="utf-8"))
    renamed = {"gov-2019": "zj-2019", "gov-2021": "zj-2021"}
    s103 = re.compile(r"标题「(.*)」是常见的非规范写法，格式规定为「(.*)」$")

    def as_zj(d: dict) -> dict:
        d = dict(d, ruleset=renamed.get(d["ruleset"], d["ruleset"]))
        if d["code"] == "X011":
            d["message"] = d["message"].replace("（gov-2021）", "（zj-2021）").replace("（gov-2019）", "（zj-2019）")
        if d["code"] == "S103" and d["ruleset"] == "zj-2021":  # the override is zj-2021's
            found, expected = s103.match(d["message"]).groups()
            d.update(severity="error", message=S103_ZJ.format(found=found, expected=expected))
        return d

    assert [(Path(d["path"]).name, d["severity"], d["message"]) for d in got if d["code"] == "S103" and d["ruleset"] == "zj-2021"] == [
        ("009-shuyang-county-2025.txt", "error", "标题「五、政府信息公开工作存在的主要问题及改进情况」不规范，本省要求写作「五、存在的主要问题及改进情况」"),
        ("042-pingtan-spp-2023.txt", "error", "标题「六、存在的主要问题和改进情况」不规范，本省要求写作「五、存在的主要问题及改进情况」"),
        ("046-pingtan-htp-2024.txt", "error", "标题「五、存在的主要问题及改进措施」不规范，本省要求写作「五、存在的主要问题及改进情况」"),
        ("047-pingtan-jjf-2025.txt", "error", "标题「四、政府信息公开行政复议与行政诉讼情况」不规范，本省要求写作「四、政府信息公开行政复议、行政诉讼情况」"),
        ("048-pingtan-jjp-2025.txt", "error", "标题「六、存在的主要问题及改进措施」不规范，本省要求写作「五、存在的主要问题及改进情况」"),
    ]
    assert [d for d in got if not d["code"].startswith("ZJ")] == [as_zj(d) for d in golden]


def test_the_analysis_api_named_in_the_docs_exists():
    import importlib

    text = (DOCS / "writing-plugins.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(disclint\.analysis\.\w+)` \| (.*) \|$", text, re.M)
    assert [m for m, _ in rows] == [f"disclint.analysis.{n}" for n in ("tables", "outline", "dates", "text", "evidence", "organ")]
    for module, what in rows:
        names = re.findall(r"`([A-Za-z_]\w*)(?:\(|`)", what)
        assert names, module
        for name in names:
            assert hasattr(importlib.import_module(module), name), f"{module}.{name}"
    assert "view_for" in rows[0][1] and "OBSERVATIONS" in rows[0][1]


def test_plugin_example(tmp_path, monkeypatch):
    plugin, usage = blocks("writing-plugins.md", "python")
    pkg = tmp_path / "doc_plugin"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "plugin.py").write_text(plugin, encoding="utf-8")
    [rules] = blocks("writing-plugins.md", "yaml")
    (pkg / "rules" / "pending.yaml").write_text(rules, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("doc_plugin_example", pkg / "plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    linter = Linter(Options(today=date(2026, 12, 2)), pm=make_manager(extra=[module]))
    result = linter.check_file(str(REAL / "031-pingtan-gaj-2021.txt"))
    assert not result.internal_errors
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code == "PS101"] == [
        ("PS101", 10, 2071, "表三结转下年度1件，超过应办理申请1件的两成"),
    ]
    # The usage example runs as written, from the project root.
    monkeypatch.chdir(ROOT)
    exec(compile(usage, "writing-plugins.md", "exec"), {})
    [toml] = blocks("writing-plugins.md", "toml")
    assert tomllib.loads(toml)["project"]["entry-points"]["disclint"] == {"fj": "fj_disclint.plugin"}

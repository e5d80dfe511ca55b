"""The example province package (examples/province-plugin) installed, used, and gone.

It is built offline (``pip install --no-deps --no-build-isolation --target DIR``) and
put on the path of a ``disclint`` run in a child process; without it on the path the
run is the national one. Expected findings were read off the reports (MANIFEST.tsv):
031 表三 新收1 上年结转0 结转下年度1 (100%); 047 （七）总计 0 beside 新收 4 and 六 「无。」;
008 新收154 > （七）总计148; 010 六 says 「未发生收费情况」 without the word 处理费.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = Path("tests") / "data" / "real"
GOLDEN = ROOT / "tests" / "data" / "golden" / "real-findings.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target), str(ROOT / "examples" / "province-plugin")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def _run(*args: str, site: Path | None = None, lang: str | None = None) -> subprocess.CompletedProcess:
    # this checkout's disclint (not the one the venv was installed from), with the package
    # on the path when installed
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*([str(site)] if site is not None else []), str(ROOT / "src")])
    if lang is not None:
        env["LC_ALL"] = lang
    return subprocess.run([sys.executable, "-m", "disclint.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env)


FJ_ON_CORPUS = [
    ("001-shanghai-szfbgt-2019.html", 1, 10285, "FJ201", "warning", "表三总计列：本年新收859件>本年办理结果总计805件", "fj-2019"),
    ("001-shanghai-szfbgt-2019.html", 1, 25608, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("002-pingtan-zhqgwh-2019.txt", 10, 5990, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("003-pingtan-zhqgwh-2020.txt", 10, 5902, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("004-pingtan-zhqgwh-2021.txt", 10, 2351, "FJ201", "warning", "表三总计列：本年新收70件>本年办理结果总计69件", "fj-2021"),
    ("008-pingtan-zhqgwh-2025.txt", 10, 1526, "FJ201", "warning", "表三总计列：本年新收154件>本年办理结果总计148件", "fj-2021"),
    ("010-shuyang-fgj-2023.html", 1200, 177, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2021"),
    ("012-shanghai-szfbgt-2025.md", 115, 50, "FJ201", "warning", "表三总计列：本年新收1295件>本年办理结果总计1191件", "fj-2021"),
    ("015-huaian-city-2024.pdf", 129, 78, "FJ201", "warning", "表三总计列：本年新收3119件>本年办理结果总计3050件", "fj-2021"),
    ("015-huaian-city-2024.txt", 123, 81, "FJ201", "warning", "表三总计列：本年新收3119件>本年办理结果总计3050件", "fj-2021"),
    ("029-pingtan-lwtj-2019.txt", 10, 2822, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("030-pingtan-scjg-2019.txt", 10, 2589, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("031-pingtan-gaj-2021.txt", 10, 2071, "FJ301", "info", "表三结转下年度1件，占应办理申请1件的100.0%，超过20%", "fj-2021"),
    ("047-pingtan-jjf-2025.txt", 10, 1488, "FJ201", "warning", "表三总计列：本年新收4件>本年办理结果总计0件", "fj-2021"),
    ("047-pingtan-jjf-2025.txt", 10, 2484, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2021"),
    ("049-pingtan-czj-2019.txt", 10, 3673, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("050-pingtan-gaj-2019.txt", 10, 2715, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("051-pingtan-jjf-2020.txt", 10, 3343, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
    ("052-pingtan-htp-2020.txt", 10, 3267, "FJ101", "warning", "「六、其他需要报告的事项」未说明信息处理费收取情况", "fj-2019"),
]


def _golden_keys(found: list[dict]) -> list[dict]:
    """The CLI's json findings with only the keys the golden file keeps (``logical``,
    ``related`` and ``version``, added to the json output later, are tested with the formats)."""
    return [{k: v for k, v in d.items() if k not in ("logical", "related", "version")} for d in found]


def _mine(found: list[dict]) -> list[tuple]:
    return [(Path(d["path"]).name, d["line"], d["column"], d["code"], d["severity"], d["message"], d["ruleset"]) for d in found if d["code"].startswith("FJ")]


def test_installed_package_adds_its_rules_to_the_national_ones(installed):
    proc = _run("check", "--today", "2026-12-02", "--format", "json", str(REAL), site=installed)
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    found = json.loads(proc.stdout)
    assert _mine(found) == FJ_ON_CORPUS
    # The national findings are all still there, word for word, from the province's sets
    # (each composed with the national set of its years; legacy reports keep legacy-2008).
    renamed = {"gov-2019": "fj-2019", "gov-2021": "fj-2021"}
    # X011 names the set it checks with: the composed one.
    want = [
        dict(d, ruleset=renamed.get(d["ruleset"], d["ruleset"]), message=d["message"].replace("（gov-2021）", "（fj-2021）") if d["code"] == "X011" else d["message"])
        for d in json.loads(GOLDEN.read_text(encoding="utf-8"))
    ]
    assert [d for d in _golden_keys(found) if not d["code"].startswith("FJ")] == want


def test_template_leftover(installed, tmp_path):
    # A clean report changed the way the failure class says: a template's placeholder left in.
    src = (ROOT / REAL / "009-shuyang-county-2025.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    src[176] = "（此处填写机关名称）" + src[176]
    leftover = tmp_path / "009-leftover.txt"
    leftover.write_text("".join(src), encoding="utf-8")
    proc = _run("check", "--today", "2026-12-02", "--format", "json", str(leftover), site=installed)
    assert _mine(json.loads(proc.stdout)) == [("009-leftover.txt", 177, 1, "FJ102", "error", "报告中留有模板文字「（此处填写机关名称）」", "fj-2021")]


def test_installed_package_is_listed(installed):
    rules = _run("rules", site=installed).stdout
    assert "fj-2021: 某省补充要求（2021年版格式） [2021–]" in rules
    assert "  FJ301  info     pending-share" in rules
    kinds = _run("kinds", site=installed, lang="en_US.UTF-8").stdout  # the frame in English (the locale)
    assert "pending-share: 表三结转下年度的申请占应办理申请（新收＋上年结转）的比例不超过规定\n  param max-share (int|float, required)" in kinds
    assert "checker kind pending-share" in _run("rule", "FJ301", site=installed, lang="en_US.UTF-8").stdout


def test_uninstalled_it_is_gone_without_errors():
    proc = _run("check", "--today", "2026-12-02", "--format", "json", str(REAL))
    assert proc.stderr == ""
    assert _golden_keys(json.loads(proc.stdout)) == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert "fj-2021" not in _run("rules").stdout
    assert "pending-share" not in _run("kinds").stdout

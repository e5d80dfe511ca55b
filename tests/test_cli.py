"""The command line: output shapes, exit codes, and bad input that never stops the run."""

import json
import re

from conftest import REAL, SEED, findings, run_cli

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "ruleset", "logical", "related", "version"}


def test_json_elements_have_exactly_the_contract_keys():
    items = findings(REAL / "005-pingtan-zhqgwh-2022.txt")
    assert items, "005 has a real defect"
    for d in items:
        assert set(d) == JSON_KEYS
        assert d["line"] >= 1 and d["column"] >= 1
        assert d["severity"] in ("error", "warning", "info")
        assert d["ruleset"] == "gov-2021"


def test_text_output_is_lint_style_and_sorted():
    code, out, _ = run_cli("check", "--today", "2026-11-27", str(REAL / "005-pingtan-zhqgwh-2022.txt"),
                           str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    assert code == 1
    lines = out.splitlines()
    expected = f"{REAL / '005-pingtan-zhqgwh-2022.txt'}:10:3175: S104 [error] 标题「四、政府信息公开行政法复议、行政诉讼情况」与格式规定的「四、政府信息公开行政复议、行政诉讼情况」不一致 (section-title-wrong)"
    assert expected in lines
    # info findings (004's X010) are hidden by default and counted in the last line
    assert not any("X010" in line for line in lines)
    assert lines[-2:] == ["发现2条问题（错误1条，警告1条），共2个文件。", "另有1条提示，用 --show-info 查看"]


def test_exit_codes_follow_fail_level():
    # The seed has warnings (「增 1」 in 表二, 16 cells in 表四) and no error.
    assert run_cli("check", "--today", "2026-11-27", str(SEED))[0] == 0
    assert run_cli("check", "--today", "2026-11-27", "--fail-level", "warning", str(SEED))[0] == 1
    assert run_cli("check", "--today", "2026-11-27", "--fail-level", "warning", "--exit-zero", str(SEED))[0] == 0
    assert run_cli("check", "--format", "nope", str(SEED))[0] == 2


def test_bad_inputs_get_their_own_codes_and_the_run_goes_on(tmp_path):
    binary = tmp_path / "a-binary.txt"
    binary.write_bytes(b"\x7fELF\x00\x00\x01\x02" * 64)
    empty = tmp_path / "b-empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "c-undecodable.txt"
    latin.write_bytes(bytes(range(0x80, 0x100)) * 8)
    truncated = tmp_path / "d-truncated.txt"
    truncated.write_bytes("某局2021年政府信息公开工作年度报告".encode("utf-8")[:-1])
    nothing = tmp_path / "e-empty-dir"
    nothing.mkdir()
    code, out, err = run_cli("check", "--format", "json", str(binary), str(empty), str(latin), str(truncated), str(nothing), str(tmp_path / "missing.txt"), str(SEED))
    assert code == 1 and "Traceback" not in err
    items = json.loads(out)
    by_file = {}
    for d in items:
        by_file.setdefault(d["path"].rsplit("/", 1)[-1], []).append(d["code"])
    assert by_file["a-binary.txt"] == ["X002"]
    assert by_file["b-empty.txt"] == ["X004"]
    assert by_file["c-undecodable.txt"] == ["X003"]
    assert "X005" in by_file["d-truncated.txt"]
    assert by_file["e-empty-dir"] == ["X001"]
    assert by_file["missing.txt"] == ["X001"]
    # The run went on to the good report after the bad ones: it was checked, and is clean.
    seed = [d for d in items if d["path"] == str(SEED)]
    assert all(d["severity"] != "error" for d in seed)


def test_gbk_and_utf16_reports_read_like_utf8(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    want = [(d["code"], d["line"], d["column"]) for d in findings(SEED)]
    for enc in ("gb18030", "utf-16", "utf-8-sig"):
        p = tmp_path / f"seed-{enc}.txt"
        p.write_bytes(text.encode(enc))
        assert [(d["code"], d["line"], d["column"]) for d in findings(p)] == want, enc


def test_directories_are_walked_for_reports(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(tmp_path))
    paths = {d["path"] for d in json.loads(out)}
    assert all(p.endswith("r.txt") for p in paths)


def test_version_rules_and_rule_docs():
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("disclint, version ")
    code, out, _ = run_cli("rules")
    assert code == 0 and "gov-2021" in out and "S101" in out
    code, out, _ = run_cli("rule", "S101")
    assert code == 0
    assert "S101 (section-missing)" in out and "检查什么：" in out and "不通过的写法：" in out and "通过的写法：" in out
    code, out, _ = run_cli("rule", "S101", "--lang", "en")
    assert "S101 (section-missing)" in out and "What it checks:" in out and "Fails:" in out and "Passes:" in out
    assert run_cli("rule", "Z999") == (2, "", "disclint: 没有规则 'Z999'；`disclint rules` 列出全部规则\n")
    assert run_cli("rule", "Z999", "--lang", "en") == (2, "", "disclint: no rule 'Z999'; `disclint rules` lists them\n")


RULES = REAL.parent.parent.parent / "rules"
X902 = {"zh": ["X902 (waiver-expired)", "  级别：warning    检查器：accepted    定义于：suppressions",
               "  消息：豁免（{code}，{path}）已于{expires}到期，不再生效：{reason}",
               "  检查器类型 accepted：Findings about suppressions, waivers and baselines, made after checking.（`disclint kinds` 列出其参数）",
               "", "检查什么：", "    disclint-waivers.yaml 中一条豁免的 expires 日期已过。", "", "为什么：",
               "    豁免是有期限的例外；到期后被豁免的问题重新报告，由作者改正或重新评估后续期。", "", "不通过的写法：",
               '    - {path: "report-2021.txt", code: B508, reason: 申请人分类已人工核对, expires: 2024-03-31}', "", "通过的写法：",
               '    - {path: "report-2021.txt", code: B508, reason: 申请人分类已人工核对}', "",
               f"（示例是写在 {RULES / 'examples' / 'report-2021.txt'} 旁边的文件 disclint-waivers.yaml，与该报告一起检查。）", ""],
        "en": ["X902 (waiver-expired)", "  severity: warning    checker: accepted    defined in: suppressions",
               "  message: 豁免（{code}，{path}）已于{expires}到期，不再生效：{reason}",
               "  checker kind accepted: Findings about suppressions, waivers and baselines, made after checking. (`disclint kinds` lists its parameters)",
               "", "What it checks:", "    disclint-waivers.yaml 中一条豁免的 expires 日期已过。", "", "Why:",
               "    豁免是有期限的例外；到期后被豁免的问题重新报告，由作者改正或重新评估后续期。", "", "Fails:",
               '    - {path: "report-2021.txt", code: B508, reason: 申请人分类已人工核对, expires: 2024-03-31}', "", "Passes:",
               '    - {path: "report-2021.txt", code: B508, reason: 申请人分类已人工核对}', "",
               f"(The examples are the file disclint-waivers.yaml written beside {RULES / 'examples' / 'report-2021.txt'}, which is checked with it.)", ""]}


def test_rule_documentation_frame_is_chinese_by_default_english_with_lang_en(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    assert run_cli("rule", "X902") == (0, "\n".join(X902["zh"]) + "\n", "")
    assert run_cli("rule", "x902", "--lang", "en") == (0, "\n".join(X902["en"]) + "\n", "")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run_cli("rule", "X902")[1] == "\n".join(X902["en"]) + "\n"


PROVINCE = """\
name: province-2021
title: 某省补充要求
applies-to: {from: 2021}
extends: [gov-2021]
overrides:
  S105: {enabled: false}
rules:
  - id: P601
    name: fee-stated
    check: section-text
    severity: warning
    message: "「{section}」应说明{expected}"
    params: {section: 六, require: [信息处理费]}
    examples:
      - text: "五、存在的主要问题及改进情况\\n无。\\n六、其他需要报告的事项\\n无。\\n"
        expect: []
      - file: six.txt
        expect: [P601]
"""


def test_rule_examples_kinds_and_test_rules_frames_in_both_languages(tmp_path):
    (tmp_path / "six.txt").write_text("五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n", encoding="utf-8")
    rules = tmp_path / "province.yaml"
    rules.write_text(PROVINCE, encoding="utf-8")
    _, out, _ = run_cli("rule", "P601", "--rules", str(rules))
    assert out.endswith(f"\n示例1（应得 无 P601）：\n    五、存在的主要问题及改进情况\n    无。\n    六、其他需要报告的事项\n    无。\n\n示例2（应得 P601）：{tmp_path / 'six.txt'}\n\n")
    _, out, _ = run_cli("rule", "P601", "--rules", str(rules), "--lang", "en")
    assert out.endswith(f"\nExample 1 (gives no P601):\n    五、存在的主要问题及改进情况\n    无。\n    六、其他需要报告的事项\n    无。\n\nExample 2 (gives P601): {tmp_path / 'six.txt'}\n\n")
    # both examples are wrong: the first gives P601, the second (with the fee sentence) does not
    code, out, _ = run_cli("test-rules", str(rules))
    assert (code, out.splitlines()) == (1, ["失败 P601（0/2个示例）",
                                            f"  {rules}:15: 示例1：应得 无 P601，实得 P601, S101, T201, X011",
                                            f"  {rules}:17: 示例2：应得 P601，实得 S101, T201, X011",
                                            "disclint: 1条规则的2个示例：0个通过，2个失败"])
    code, out, _ = run_cli("test-rules", str(rules), "--lang", "en")
    assert (code, out.splitlines()) == (1, ["FAIL P601 (0/2 examples)",
                                            f"  {rules}:15: example 1: expected no P601, found P601, S101, T201, X011",
                                            f"  {rules}:17: example 2: expected P601, found S101, T201, X011",
                                            "disclint: 2 example(s) of 1 rule(s): 0 passed, 2 failed"])
    _, out, _ = run_cli("kinds")
    assert out.startswith("accepted: Findings about suppressions, waivers and baselines, made after checking.\n  占位符：{kind}, {codes}, {code}, {path}, {expires}, {reason}, {text}, {what}\n\n")
    assert "\n  参数 table（str，必需） 可选值：table3, table4：table3 | table4\n" in out
    _, out, _ = run_cli("kinds", "--lang", "en")
    assert out.startswith("accepted: Findings about suppressions, waivers and baselines, made after checking.\n  placeholders: {kind}, {codes}, {code}, {path}, {expires}, {reason}, {text}, {what}\n\n")
    assert "\n  param table (str, required) choices: table3, table4: table3 | table4\n" in out
    _, out, _ = run_cli("rules", "--rules", str(rules))
    assert "\nprovince-2021: 某省补充要求 [2021–]\n" in out and "\n  S105   error    section-number-wrong（已停用）\n" in out and "\n  P601   warning  fee-stated\n" in out
    _, out, _ = run_cli("rules", "--rules", str(rules), "--lang", "en")
    assert "\n  S105   error    section-number-wrong (disabled)\n" in out


def test_cache_clear_says_it_in_chinese(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from disclint.rules import cache

    folder = cache.cache_dir()
    assert run_cli("cache", "clear") == (0, f"disclint: 已从 {folder} 删除0个缓存文件（规则集、入口点、报告标题、检查结果）\n", "")
    assert run_cli("cache", "clear", "--lang", "en") == (0, f"disclint: removed 0 cached file(s) from {folder} (rule sets, entry points, report titles, results)\n", "")


def test_forced_ruleset_by_name():
    items = findings(SEED, "--ruleset", "gov-2021")
    assert {d["ruleset"] for d in items} <= {"gov-2021"}
    assert run_cli("check", "--ruleset", "nope", str(SEED))[0] == 2


def test_forced_ruleset_by_path(tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text("name: own\ntitle: 自定\napplies-to: {from: 1900}\nextends: [sections]\n", encoding="utf-8")
    items = findings(SEED, "--ruleset", str(own))
    assert {d["ruleset"] for d in items} <= {"own"}
    code, out, err = run_cli("check", "--ruleset", str(tmp_path / "absent.yaml"), str(SEED))
    assert code == 2 and "unknown rule set" in err


def test_oversized_file_is_refused_not_read(tmp_path, monkeypatch):
    import disclint.engine as engine

    monkeypatch.setattr(engine, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    items = findings(big)
    assert [(d["code"], d["line"]) for d in items] == [("X002", 1)]
    assert "文件过大" in items[0]["message"]


def test_jobs_give_the_same_report_as_one_process(monkeypatch):
    # Includes consecutive years of one organ, so the cross-report rules run on what workers gathered.
    import disclint.engine

    monkeypatch.setattr(disclint.engine, "MIN_PARALLEL_FILES", 2)  # workers even for a few files
    files = [str(REAL / f"00{i}-pingtan-zhqgwh-{2017 + i}.txt") for i in range(4, 9)] + [str(SEED)]
    one = run_cli("check", "--format", "json", "--today", "2026-11-27", *files)
    two = run_cli("check", "--format", "json", "--today", "2026-11-27", "--jobs", "2", *files)
    assert one == two
    assert any(d["code"].startswith("B6") for d in json.loads(one[1]))


def test_progress_bar_goes_to_stderr_only():
    code, out, err = run_cli("check", "--format", "json", "--progress", str(SEED), str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    assert re.search(r"/\d+ \[", err) and "file" in err  # the bar (tqdm may clear its last state); last year's reports found count too
    json.loads(out)  # stdout stays a clean report


def test_a_closed_pipe_is_not_an_error():
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "disclint.cli", "check", "--format", "json", str(REAL)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)  # like `| head -c 10`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() in (0, 1)
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_few_files_are_checked_in_one_process_whatever_jobs_says(monkeypatch):
    import disclint.parallel

    def no_workers(*args, **kwargs):
        raise AssertionError("workers started for two files")

    monkeypatch.setattr(disclint.parallel, "check_in_workers", no_workers)
    files = [str(REAL / "004-pingtan-zhqgwh-2021.txt"), str(SEED)]
    assert run_cli("check", "--format", "json", "--today", "2026-11-27", "--jobs", "2", *files) == run_cli("check", "--format", "json", "--today", "2026-11-27", *files)

"""`.disclint.yaml`: project defaults for a repository of reports (the pre-commit hook passes no options)."""

import json

from conftest import REAL, SEED, run_cli


def test_config_sets_organ_kind_fail_level_and_extra_rules(tmp_path, monkeypatch):
    report = tmp_path / "003.txt"
    report.write_text((REAL / "003-pingtan-zhqgwh-2020.txt").read_text(encoding="utf-8"), encoding="utf-8")
    # 003 (published 2021-03-05) is on time for a government, late for a department.
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(report))
    assert "D302" not in {d["code"] for d in json.loads(out)}
    (tmp_path / ".disclint.yaml").write_text("organ-kind: department\nfail-level: warning\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "003.txt")
    late = [d for d in json.loads(out) if d["code"] == "D302"]
    assert [(d["line"], d["column"]) for d in late] == [(2, 7)]
    # fail-level warning from the file: the seed's warnings now fail the run; the command line still wins.
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("check", "--today", "2026-11-27", "seed.txt")[0] == 1
    assert run_cli("check", "--today", "2026-11-27", "--fail-level", "error", "seed.txt")[0] == 0


def test_config_is_found_in_a_parent_folder_and_rules_are_relative_to_it(tmp_path, monkeypatch):
    (tmp_path / "province.yaml").write_text(
        "name: province-2020\ntitle: 某省\napplies-to: {from: 2020, to: 2020}\nextends: [gov-2019]\n"
        "overrides:\n  T206: {severity: error}\n",
        encoding="utf-8",
    )
    (tmp_path / ".disclint.yaml").write_text("rules: [province.yaml]\n", encoding="utf-8")
    sub = tmp_path / "reports" / "2020"
    sub.mkdir(parents=True)
    (sub / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(sub)
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "seed.txt")
    t206 = [d for d in json.loads(out) if d["code"] == "T206"]
    assert [(d["severity"], d["ruleset"]) for d in t206] == [("error", "province-2020")]
    assert code == 1


def test_a_bad_config_names_file_line_and_column(tmp_path, monkeypatch):
    (tmp_path / ".disclint.yaml").write_text("organ-kind: ministry\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_cli("check", str(SEED))
    assert code == 2  # the tool's own words: Chinese by default, English with --lang en
    assert err == f"{tmp_path / '.disclint.yaml'}:1:13: 「organ-kind」应为 department, government 之一，而不是 'ministry'\n"
    code, _out, err = run_cli("check", "--lang", "en", str(SEED))
    assert code == 2 and err == f"{tmp_path / '.disclint.yaml'}:1:13: `organ-kind` must be one of department, government, not 'ministry'\n"
    (tmp_path / ".disclint.yaml").write_text("colour: red\n", encoding="utf-8")
    code, _out, err = run_cli("check", str(SEED))
    assert code == 2 and err.startswith(f"{tmp_path / '.disclint.yaml'}:1:1: 未知设置项「colour」（可用：extend, extend-ignore,")


def test_a_toml_syntax_fault_has_a_chinese_lead_in_and_keeps_tomllibs_words(tmp_path, monkeypatch):
    (tmp_path / "disclint.toml").write_text('select = ["S1"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text((REAL / "005-pingtan-zhqgwh-2022.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "r.txt") == (2, "", f"{tmp_path / 'disclint.toml'}:1:1: TOML 语法错误：Unclosed array\n")
    assert run_cli("check", "--lang", "en", "r.txt") == (2, "", f"{tmp_path / 'disclint.toml'}:1:1: TOML syntax error: Unclosed array\n")

"""Text output controls on real reports: info hidden by default, --show-info, --quiet,
--statistics, --show-source (a window around the column of a flattened line)."""

import json
import unicodedata

from conftest import REAL, run_cli

R005 = REAL / "005-pingtan-zhqgwh-2022.txt"
R011 = REAL / "011-shanghai-stcsm-2024.md"


def test_info_hidden_by_default_and_shown_with_show_info():
    _, out, _ = run_cli("check", "--today", "2026-11-27", str(R011))
    assert "[info]" not in out
    assert out.splitlines()[-2:] == ["发现7条问题（错误4条，警告3条），共1个文件。", "另有3条提示，用 --show-info 查看"]
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--show-info", str(R011))
    assert sum("[info]" in line for line in out.splitlines()) == 3
    assert out.splitlines()[-1] == "发现10条问题（错误4条，警告3条，提示3条），共1个文件。"


def test_quiet_prints_only_finding_lines():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "-q", "--select", "S105", str(R011))
    assert [line.split(": ")[0] for line in out.splitlines()] == [f"{R011}:{n}:1" for n in (73, 91, 180, 205)]


def test_statistics_counts_per_code():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--statistics", str(R011))
    assert out.splitlines() == [
        "    4  S105   [error] section-number-wrong",
        "    1  B406   [warning] table-cell-blank",
        "    1  S109   [warning] section-heading-missing",
        "    1  T204   [warning] table-row-foreign",
    ]


def test_show_source_clips_a_flattened_line_around_the_column():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--show-source", "--select", "S104", str(R005))
    lines = out.splitlines()
    assert lines[0].startswith(f"{R005}:10:3175: S104 [error]")
    source, caret = lines[1], lines[2]
    assert source.startswith("    …") and source.endswith("…")
    assert len(source) == 4 + 1 + 80 + 1  # 40 characters each side of column 3175
    assert "四、政府信息公开行政法复议、行政诉讼情况" in source
    # the caret starts under the title's first character (display width: CJK is two columns)
    before = source[4: source.index("四、政府信息公开行政法复议")]
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in before)
    assert caret == "    " + " " * width + "^" * 40


def test_min_severity_hides_below_it_in_text_and_in_every_format():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--min-severity", "error", str(R011))
    lines = out.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines[:-2]] == ["S105"] * 4
    assert lines[-2:] == ["发现4条问题（错误4条），共1个文件。", "另有6条低于错误级别的发现未显示，用 --min-severity info 查看"]
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--min-severity", "info", str(R011))
    assert out.splitlines()[-1] == "发现10条问题（错误4条，警告3条，提示3条），共1个文件。"
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--min-severity", "warning", "--format", "json", str(R011))
    assert sorted({d["severity"] for d in json.loads(out)}) == ["error", "warning"] and len(json.loads(out)) == 7
    code, out, _ = run_cli("check", "--today", "2026-11-27", "--format", "json", str(R011))
    assert len(json.loads(out)) == 10  # machine formats show all unless asked
    code, _, _ = run_cli("check", "--today", "2026-11-27", "--min-severity", "error", "--fail-level", "warning", "--select", "B406", str(R011))
    assert code == 1  # exit codes see the hidden warning


def test_verbose_names_each_file_with_nothing_shown():
    clean, infos = REAL / "015-huaian-city-2024.txt", REAL / "004-pingtan-zhqgwh-2021.txt"
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--verbose", "--select", "B406,X010", str(clean), str(infos))
    assert out.splitlines() == [
        f"{infos}: 无显示的问题（1条较低级别的发现未显示）",
        f"{clean}: 无问题",
        "全部通过：检查了2个文件，无问题。",
        "另有1条提示，用 --show-info 查看",
    ]
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--lang", "en", "-v", "--select", "B406,X010", str(clean), str(infos))
    assert out.splitlines() == [f"{infos}: nothing shown (1 lower finding not shown)", f"{clean}: clean",
                                "All clean: 2 files checked.", "1 info finding not shown; --show-info shows them"]


def test_lang_follows_the_option_then_the_locale():
    from disclint.textview import lang_of

    assert lang_of(None, {}) == "zh" and lang_of(None, {"LANG": "C.UTF-8"}) == "zh"
    assert lang_of(None, {"LANG": "en_US.UTF-8"}) == "en" and lang_of(None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}) == "zh"
    assert lang_of("zh", {"LANG": "en_US.UTF-8"}) == "zh"
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--lang", "en", str(R011))
    assert out.splitlines()[-2:] == ["Found 7 findings (4 error, 3 warning) in 1 file.", "3 info findings not shown; --show-info shows them"]


def test_color_on_a_terminal_only_and_never_with_no_color(monkeypatch):
    import io

    from disclint.textview import color_of

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert color_of("auto", Tty(), {}) is True and color_of("auto", io.StringIO(), {}) is False
    assert color_of("auto", Tty(), {"NO_COLOR": "1"}) is False and color_of("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert color_of("never", Tty(), {}) is False
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--color", "always", "--select", "S104", str(R005))
    assert out.splitlines()[0] == f"\x1b[1m{R005}:10:3175\x1b[0m: \x1b[31m\x1b[1mS104\x1b[0m \x1b[31m[error]\x1b[0m " + out.splitlines()[0].split("\x1b[31m[error]\x1b[0m ", 1)[1]
    assert out.splitlines()[0].endswith(" (section-title-wrong)")
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--select", "S104", str(R005))  # not a terminal: no colour
    assert "\x1b" not in out


def test_on_the_whole_real_corpus_text_hides_every_info_line_and_show_info_restores_them():
    """Done-when of issue 10: the default text output of the real corpus has no info line, one
    count line for them, and --show-info prints exactly the JSON output's findings."""
    from collections import Counter

    _, js, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(REAL))
    items = json.loads(js)
    every = Counter(f"{d['path']}:{d['logical'] or str(d['line']) + ':' + str(d['column'])}: {d['code']} [{d['severity']}]" for d in items)
    info = sum(d["severity"] == "info" for d in items)
    assert info >= 40  # the corpus has info findings to hide (46 when written)
    sev = Counter(d["severity"] for d in items)
    files = len(list(p for p in REAL.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf")))

    code, out, _ = run_cli("check", "--today", "2026-11-27", str(REAL))
    lines = out.splitlines()
    assert code == 1 and not [line for line in lines if "[info]" in line]
    assert lines[-2:] == [f"发现{sev['error'] + sev['warning']}条问题（错误{sev['error']}条，警告{sev['warning']}条），共{files}个文件。",
                          f"另有{info}条提示，用 --show-info 查看"]
    assert Counter(line.split("] ")[0] + "]" for line in lines[:-2]) == Counter({k: n for k, n in every.items() if "[info]" not in k})
    code, out, _ = run_cli("check", "--today", "2026-11-27", "--show-info", str(REAL))
    lines = out.splitlines()
    assert lines[-1] == f"发现{len(items)}条问题（错误{sev['error']}条，警告{sev['warning']}条，提示{info}条），共{files}个文件。"
    assert Counter(line.split("] ")[0] + "]" for line in lines[:-1]) == every
    assert sum("[info]" in line for line in lines) == info

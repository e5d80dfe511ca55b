"""Hostile rule sets and configurations: a load error with file:line:col, or a bounded run."""

from __future__ import annotations

import json

import generate as g
import pytest
from runner import TODAY, assert_no_traceback, check, disclint

from disclint.resources import rules_dir

RULES = rules_dir()


def _faults(run) -> list[str]:
    assert_no_traceback(run)
    assert run.code == 2
    assert run.out == ""
    return run.err.splitlines()


def _x014(rules) -> str:
    return (f"检查未完成：规则 R901（{rules}:11:5）的正则表达式 `(a|aa)+$` 在本文件上超过 2 秒，"
            "该规则在本文件上的检查已中止，其余规则照常检查")


# Without google-re2 (a platform with no wheel) a regulator's pattern runs on regex under
# the budget: the path on which a pattern can still run away, and X014 still tested.
NO_RE2 = "import sys; sys.modules['re2'] = None"
NO_RE2_NOTE = ("disclint: google-re2 is not installed: the rule sets' own patterns run on the regex module "
               "under its time budget instead of the linear-time engine (pip install google-re2)\n")


def test_catastrophic_pattern_runs_in_linear_time_on_re2(tmp_path):
    """`(a|aa)+$` from a regulator's set runs on RE2: on 280 000 characters of hostile lines
    (the most a report brings it: the readers keep 50 000 characters a line and 300 000 a
    document; a single 1 MB line is tests/test_safe_regex.py's) it neither runs away nor times
    out (no X014); its one real match, on the line that ends in a's, is found."""
    rules = g.pattern_ruleset(tmp_path, "(a|aa)+$")
    report = g.text(tmp_path, "r1.txt", g.TITLE + ("a" * 40_000 + "!\n") * 7 + "一、总体情况\n正文以字母结尾 aa\n")
    fine = g.text(tmp_path, "r2.txt", g.TITLE + "一、总体情况\n正文以字母结尾 aaa\n")
    run = check("--format", "json", "--ruleset", "reg", "--rules", str(rules), str(report), str(fine))
    assert_no_traceback(run)
    assert (run.code, run.err) == (1, "")
    assert not [d for d in run.findings() if d["code"] == "X014"]
    assert [(d["path"], d["line"], d["message"]) for d in run.findings() if d["code"] == "R901"] == [
        (str(report), 10, "残留x「aa」"), (str(fine), 3, "残留x「aaa」")]


def test_catastrophic_pattern_is_stopped_by_its_budget(tmp_path):
    """Without RE2 the rule set's pattern is at fault: an X014 error on each file it runs away
    on, the other rules of that file and the next files checked as usual (exit 1, not 2)."""
    rules = g.pattern_ruleset(tmp_path, "(a|aa)+$")
    slow = [g.text(tmp_path, f"r{i}.txt", g.TITLE + ("a" * 40 + "!\n") * 200) for i in (1, 2)]
    fine = g.text(tmp_path, "r3.txt", g.TITLE + "一、总体情况\n正文以字母结尾 aa\n")
    run = check("--format", "json", "--ruleset", "reg", "--rules", str(rules), *map(str, [*slow, fine]), prelude=NO_RE2)
    assert_no_traceback(run)
    assert (run.code, run.err) == (1, NO_RE2_NOTE)
    found = {(d["path"], d["code"]) for d in run.findings()}
    for p in slow:
        x014 = [d for d in run.findings() if d["path"] == str(p) and d["code"] == "X014"]
        assert [(d["line"], d["column"], d["severity"], d["message"]) for d in x014] == [(1, 1, "error", _x014(rules))]
    assert (str(fine), "R901") in found and (str(fine), "X014") not in found  # the next file: the pattern still works there


def test_catastrophic_pattern_in_a_set_without_the_input_rules_is_never_silent(tmp_path):
    """A set that does not extend `input` borrows the shipped input rule for X014: the finding, exit 1."""
    rules = g.ruleset(tmp_path, g.pattern_ruleset(tmp_path, "(a|aa)+$").read_text().replace("[input, prose]", "[prose]"), "bare.yaml")
    report = g.text(tmp_path, "r.txt", g.TITLE + ("a" * 40 + "!\n") * 200)
    run = check("--format", "json", "--ruleset", "reg", "--rules", str(rules), str(report), prelude=NO_RE2)
    assert_no_traceback(run)
    assert (run.code, run.err) == (1, NO_RE2_NOTE)
    assert [(d["code"], d["severity"], d["ruleset"], d["message"]) for d in run.findings() if d["code"].startswith("X")] == [
        ("X014", "error", "reg", _x014(rules))]


@pytest.mark.parametrize("pattern, construct, at", [
    (r"(?<=信息)公开", "lookbehind (?<=…)", 1),
    (r"公开(?!年报)", "negative lookahead (?!…)", 3),
    (r"(公开)\1", r"backreference \1", 5),
    (r"公开++", "possessive quantifier ++", 4),
    (r"(?>公开)", "atomic group (?>…)", 1),
    (r"\b公开", r"word boundary \b (RE2's is ASCII-only: on Chinese text it is not regex's)", 1),
])
def test_a_construct_re2_does_not_run_is_a_load_error_in_a_regulators_set(tmp_path, pattern, construct, at):
    """A regulator's pattern RE2 cannot run is refused at its file:line:col (exit 2), the construct named."""
    rules = g.pattern_ruleset(tmp_path, pattern)
    report = g.text(tmp_path, "r.txt", g.TITLE)
    assert _faults(check("--ruleset", "reg", "--rules", str(rules), str(report)))[:-1] == [
        f"{rules}:8:16: `pattern`: pattern uses a construct the linear-time engine (RE2) does not run: {construct}; "
        f"rewrite it without it (character {at} of the pattern)"]


def test_the_shipped_lookbehind_pattern_still_runs(tmp_path):
    """The shipped prose schema's placeholder pattern (lookbehind and lookahead, reviewed) keeps the
    regex engine: its finding on a report, and a regulator's set extending `prose` still loads."""
    rules = g.pattern_ruleset(tmp_path, "残留标记")
    report = g.text(tmp_path, "r.txt", g.TITLE + "一、总体情况\n本机关XX局负责公开工作，型号ABXX12不是占位符。\n")
    for args in ((), ("--ruleset", "reg", "--rules", str(rules))):
        run = check("--format", "json", *args, str(report))
        assert_no_traceback(run)
        assert run.err == ""
        assert [(d["line"], d["column"], d["message"]) for d in run.findings() if d["code"] == "C203"] == [
            (3, 4, "正文中有未填写的占位符「XX」，应填写实际内容")], args


BARE = "name: reg\nextends: [prose]\napplies-to: {from: 2000}\nrules: []\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_set_without_input_rules_still_reports_unreadable_input(tmp_path, jobs):
    """A regulator's set applied alone (no `extends: [input]`): each bad file still gets its X
    finding from the shipped input rules, never a silent pass."""
    rules = g.ruleset(tmp_path, BARE, "bare.yaml")
    folder = tmp_path / "reports"
    folder.mkdir()
    empty = g.text(folder, "a-empty.txt", "")
    junk = folder / "b-junk.pdf"
    junk.write_bytes(b"\x00\x01not a pdf" * 20)
    big = folder / "c-big.txt"
    with open(big, "wb") as fh:
        fh.truncate(65 * g.MB)  # sparse: 65 MB of size, no disk
    files = [empty, junk, big, g.fifo(folder, "d-pipe.txt"), g.device_link(folder, "e-zero.txt"), folder / "f-missing.txt"]
    run = check("--format", "json", "--jobs", jobs, "--ruleset", "reg", "--rules", str(rules), *map(str, files),
                prelude="import disclint.engine as e; e.MIN_PARALLEL_FILES = 2")
    assert_no_traceback(run)
    assert (run.code, run.err) == (1, "")
    assert [(d["path"].rsplit("/", 1)[1], d["code"], d["severity"], d["ruleset"], d["message"]) for d in run.findings()] == [
        ("a-empty.txt", "X004", "error", "reg", "文件没有可检查的内容：文件为空"),
        ("b-junk.pdf", "X002", "error", "reg", "无法读取文件：文件扩展名为 .pdf，但内容不是 PDF"),
        ("c-big.txt", "X002", "error", "reg", "无法读取文件：文件过大（超过 64 MB），不像是一份年度报告"),
        ("d-pipe.txt", "X007", "error", "reg", "无法检查：不是普通文件，而是命名管道（FIFO）；未读取"),
        ("e-zero.txt", "X007", "error", "reg", "无法检查：不是普通文件，而是字符设备；未读取"),
        ("f-missing.txt", "X001", "error", "reg", "无法检查：文件不存在"),
    ]


def test_set_without_input_rules_reports_a_partly_read_file_and_checks_the_rest(tmp_path):
    """A warning-level input problem (a bad byte, X013) is borrowed too, and the set's own rules still run."""
    rules = g.ruleset(tmp_path, BARE, "bare.yaml")
    p = tmp_path / "bad.txt"
    p.write_bytes((g.TITLE + "一、总体情况\n本机关").encode() + b"\xff" + "主动公开政府信息<!--x-->。\n".encode() * 20)
    run = check("--format", "json", "--ruleset", "reg", "--rules", str(rules), str(p))
    assert_no_traceback(run)
    assert [(d["code"], d["line"], d["column"]) for d in run.findings()] [:2] == [("X013", 3, 4), ("C201", 3, 13)]


def test_set_that_turns_an_input_rule_off_is_obeyed(tmp_path):
    """Borrowing is only for problem kinds a set has no rule for: a set that disables X004 gets none."""
    rules = g.ruleset(tmp_path, "name: reg\nextends: [input]\napplies-to: {from: 2000}\noverrides:\n  X004: {enabled: false}\n", "off.yaml")
    run = check("--format", "json", "--ruleset", "reg", "--rules", str(rules), str(g.text(tmp_path, "e.txt", "")))
    assert_no_traceback(run)
    assert (run.code, run.findings()) == (0, [])


def test_uncompilable_pattern_is_a_load_error_at_its_place(tmp_path):
    rules = g.pattern_ruleset(tmp_path, "(a|aa")
    assert _faults(check("--rules", str(rules), str(tmp_path)))[0] == f"{rules}:8:16: `pattern`: bad regular expression: missing )"


def test_uncompilable_pattern_in_rule_parameters_is_a_load_error_at_its_place(tmp_path):
    """Any parameter named *-pattern is a regular expression, checked before its checker is asked whether it takes it."""
    body = g.pattern_ruleset(tmp_path, "x").read_text().replace("params: {schema: leaked-text2}", "params: {schema: leaked-text2, stop-pattern: '(a|b'}")
    rules = g.ruleset(tmp_path, body, "params.yaml")
    assert _faults(check("--rules", str(rules), str(tmp_path)))[0] == f"{rules}:16:50: `stop-pattern`: bad regular expression: missing )"


def test_rule_set_that_is_a_fifo_or_a_device(tmp_path):
    for p in (g.fifo(tmp_path, "pipe.yaml"), g.device_link(tmp_path, "zero.yaml")):
        what = "命名管道（FIFO）" if p.name == "pipe.yaml" else "字符设备"
        assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:1:1: cannot read rule set: not a regular file ({what})"


def test_fifo_inside_a_rules_folder_is_reported_not_waited_on(tmp_path):
    """The rule-set cache hashes every file of the folder first: that read is bounded too."""
    folder = tmp_path / "rules"
    folder.mkdir()
    g.ruleset(folder, "name: reg\nrules: []\n", "a.yaml")
    pipe = g.fifo(folder, "pipe.yaml")
    assert _faults(check("--rules", str(folder), str(tmp_path)))[0] == f"{pipe}:1:1: cannot read rule set: not a regular file (命名管道（FIFO）)"


def test_baseline_that_is_a_fifo_a_device_or_nested_too_deeply(tmp_path):
    report = g.text(tmp_path, "r.txt", g.TITLE)
    deep = g.text(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)
    # the tool's own words are Chinese by default (clilang.py)
    for p, why in ((g.fifo(tmp_path, "pipe.json"), "不是普通文件（命名管道（FIFO））"),
                   (g.device_link(tmp_path, "zero.json"), "不是普通文件（字符设备）"),
                   (deep, "嵌套过深")):
        assert _faults(check("--baseline", str(p), str(report))) == [f"disclint: {p}：无法读取基线：{why}"]


@pytest.mark.parametrize("command", ["check", "config"])
def test_waiver_file_that_is_a_fifo_or_a_device_is_refused_not_skipped(tmp_path, command):
    """Looked up beside the report like a configuration: a FIFO or a link to /dev/zero by that
    name is refused with its reason (exit 2), never taken as "no waivers"."""
    for make, what in ((g.fifo, "命名管道（FIFO）"), (g.device_link, "字符设备")):
        folder = tmp_path / f"{command}-{make.__name__}"
        folder.mkdir()
        report = g.text(folder, "r.txt", g.TITLE)
        waivers = make(folder, "disclint-waivers.yaml")
        args = ["--today", TODAY, str(report)] if command == "check" else [str(report)]
        assert _faults(disclint(command, *args)) == [f"{waivers}:1:1: 无法读取豁免文件：不是普通文件（{what}）"]


@pytest.mark.parametrize("name", [".disclint.yaml", "disclint.toml", "pyproject.toml"])
def test_configuration_found_beside_a_report_that_is_a_fifo_is_refused_not_skipped(tmp_path, name):
    report = g.text(tmp_path, "r.txt", g.TITLE)
    conf = g.fifo(tmp_path, name)
    assert _faults(check(str(report))) == [f"{conf}:1:1: 无法读取配置：不是普通文件（命名管道（FIFO））"]


def test_deeply_nested_toml_config(tmp_path):
    """tomllib recurses per level: a RecursionError becomes a load error where the nesting passes the cap."""
    for sub in "ab":
        (tmp_path / sub).mkdir()
        g.text(tmp_path / sub, "r.txt", g.TITLE)
    conf = g.text(tmp_path / "a", "disclint.toml", "ignore = " + "{a=" * 5000 + "1" + "}" * 5000 + "\n")
    assert _faults(check(str(tmp_path / "a"))) == [f"{conf}:1:{9 + 64 * 3 + 1}: nested more than 64 levels deep"]
    pyproject = g.text(tmp_path / "b", "pyproject.toml", '[tool.disclint]\nx = "[" # [[[\ny = ' + "[" * 20000 + "]" * 20000 + "\n")
    assert _faults(check(str(tmp_path / "b"))) == [f"{pyproject}:3:{4 + 64 + 1}: nested more than 64 levels deep"]


def test_config_that_is_a_device(tmp_path):
    p = g.device_link(tmp_path, "conf.yaml")
    assert _faults(check("--config", str(p), str(tmp_path))) == [f"{p}:1:1: 无法读取配置：不是普通文件（字符设备）"]


def test_config_rules_entry_that_is_a_device(tmp_path):
    g.device_link(tmp_path, "zero.yaml")
    conf = g.text(tmp_path, ".disclint.yaml", "rules: [zero.yaml]\n")
    assert _faults(check("--config", str(conf), str(tmp_path)))[0] == f"{tmp_path / 'zero.yaml'}:1:1: cannot read rule set: not a regular file (字符设备)"


def test_alias_bomb_in_a_rule_set_schema(tmp_path):
    body = "name: reg\nschemas:\n" + "\n".join("  " + line for line in g.alias_bomb().splitlines()) + "\nrules: []\n"
    p = g.ruleset(tmp_path, body)
    assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:8:47: more than 500000 values or 20000000 characters once aliases are expanded"


def test_alias_bomb_in_title_and_doc(tmp_path):
    body = g.alias_bomb(levels=5) + "\nname: reg\ntitle: [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\nrules: []\n"
    p = g.ruleset(tmp_path, body)
    assert _faults(check("--rules", str(p), str(tmp_path)))[0].startswith(f"{p}:7:")


def test_alias_bomb_in_config(tmp_path):
    conf = g.text(tmp_path, ".disclint.yaml", g.alias_bomb() + "\n")
    assert _faults(check("--config", str(conf), str(tmp_path))) == [f"{conf}:6:45: more than 500000 values or 20000000 characters once aliases are expanded"]


def test_deeply_nested_rule_set_and_config(tmp_path):
    p = g.ruleset(tmp_path, "name: reg\nrules: " + "[" * 10000 + "\n")
    assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:2:71: nested more than 64 levels deep"
    conf = g.text(tmp_path, ".disclint.yaml", "rules: " + "[" * 10000 + "\n")
    assert _faults(check("--config", str(conf), str(tmp_path))) == [f"{conf}:1:71: nested more than 64 levels deep"]


def test_python_tags_are_refused_in_title_doc_and_extends(tmp_path):
    for field, value in (("title", "!!python/name:os.system x"), ("extends", "!!python/object/apply:os.system [x]"), ("basis", "!custom x")):
        p = g.ruleset(tmp_path, f"name: reg\n{field}: {value}\nrules: []\n", f"{field}.yaml")
        tag = value.split()[0].replace("!!", "tag:yaml.org,2002:")
        assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:2:{len(field) + 3}: tagged value {tag} is not allowed in a rule set"
    p = g.ruleset(tmp_path, "name: reg\nrules:\n  - id: R901\n    doc: {what: !!binary aGVsbG8=}\n", "doc.yaml")
    assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:4:17: tagged value tag:yaml.org,2002:binary is not allowed in a rule set"


def test_huge_rule_set_is_refused_by_size(tmp_path):
    p = g.ruleset(tmp_path, "name: reg\nrules: []\n" + "# filler\n" * 200_000)
    assert _faults(check("--rules", str(p), str(tmp_path)))[0] == f"{p}:1:1: cannot read rule set: larger than 256 KB"


OVERRIDE = "name: reg\nextends: [gov-2021]\napplies-to: {{from: 2030}}\noverrides:\n  S101: {{message: {m}}}\n"


def test_override_messages_are_validated_at_load(tmp_path):
    cases = {
        "123": "`message` must be a non-empty string",
        "[a, b]": "`message` must be a non-empty string",
        "null": "`message` must be a non-empty string",
        "'{0}'": "placeholder `{0}` must be a plain name like {found}",
        "'{found'": "bad message template: expected '}' before end of string",
        "'{title:>300000000}'": "placeholder `{title:>300000000}` must be a plain name like {found}",
        "'{title.__class__.__mro__}'": "placeholder `{title.__class__.__mro__}` must be a plain name like {found}",
        "'{title!r}'": "placeholder `{title!r}` must be a plain name like {found}",
        "'缺少{nope}'": "unknown placeholder `{nope}` for checker `section-missing`",
    }
    for i, (value, message) in enumerate(cases.items()):
        p = g.ruleset(tmp_path, OVERRIDE.format(m=value), f"o{i}.yaml")
        (fault,) = _faults(check("--rules", str(p), str(tmp_path)))[:-1]
        assert fault.startswith(f"{p}:5:19: {message}"), fault


def test_replaced_schema_must_keep_its_shape(tmp_path):
    base = "name: reg\nextends: [prose]\napplies-to: {from: 2030}\nschemas:\n  leaked-text:\n"
    cases = {
        "    - {kind: markup, pattern: 'x'}\n": "schema `leaked-text` entry 1 lacks `expected`, `what`",
        "    just a string\n": "schema `leaked-text` must be a list, not a string",
        "    - {kind: markup, pattern: [x], what: a, expected: b}\n": "schema `leaked-text` entry 1: `pattern` must be a string, not a list",
    }
    for i, (body, message) in enumerate(cases.items()):
        p = g.ruleset(tmp_path, base + body, f"s{i}.yaml")
        faults = _faults(check("--rules", str(p), str(tmp_path)))
        assert any(f.startswith(f"{p}:6:5: {message} (as in {RULES}/prose.yaml:12:5)") for f in faults), faults


def test_schemas_read_by_name_are_checked_against_their_shape_at_load(tmp_path):
    """Every schema a checker reads by fixed name (rules/shapes/NAME.json): a wrong type is a load fault at its place."""
    from disclint.rules.shapes import SHAPES

    names = sorted(p.stem for p in SHAPES.glob("*.json"))
    assert {"table2", "table3", "table4", "table3-other-processing", "table-identities", "crossyear", "narrative-terms",
            "text-lists", "format-fingerprints", "table-cell-values", "legacy-markers"} <= set(names)
    for name in names:
        p = g.ruleset(tmp_path, f"name: reg\nrules: []\nschemas:\n  {name}: 123\n", f"{name}.yaml")
        kind = "object" if json.loads((SHAPES / f"{name}.json").read_text())["type"] == "object" else "array"
        assert _faults(check("--rules", str(p), str(tmp_path))) == [
            f"{p}:4:{len(name) + 5}: schema `{name}`: 123 is not of type '{kind}' (its shape: shapes/{name}.json)",
            "disclint: 规则集中有1处错误，未检查任何文件",  # the tool's own words: Chinese by default
        ]


def test_schema_missing_a_key_its_checker_indexes_is_a_load_fault(tmp_path):
    body = ("name: reg\nrules: []\nschemas:\n  crossyear:\n    table3-carry: {this-year: 二}\n"
            "  table-identities:\n    - {id: T9, table: table3, per: row, left: [总计], right: [7]}\n")
    p = g.ruleset(tmp_path, body)
    assert _faults(check("--rules", str(p), str(tmp_path)))[:2] == [
        f"{p}:5:5: schema `crossyear/table3-carry`: 'last-year' is a required property (its shape: shapes/crossyear.json)",
        f"{p}:7:5: schema `table-identities[0]/right[0]`: 7 is not of type 'string', 'object' (its shape: shapes/table-identities.json)",
    ]


def test_tags_aliases_and_nesting_in_configuration_and_waivers(tmp_path):
    """The same YAML bounds as rule sets, at file:line:col, in .disclint.yaml and disclint-waivers.yaml
    (found beside the report, not named on the command line)."""
    cases = [
        (".disclint.yaml", "ignore: [S101]\nfail-level: !custom error\n", "2:13: tagged value !custom is not allowed in the configuration"),
        (".disclint.yaml", "ignore: !!python/object/apply:os.system [x]\n", "1:9: tagged value tag:yaml.org,2002:python/object/apply:os.system is not allowed in the configuration"),
        ("disclint-waivers.yaml", "- path: r.txt\n  code: S101\n  reason: !!python/name:os.system x\n",
         "3:11: tagged value tag:yaml.org,2002:python/name:os.system is not allowed in the waivers"),
        ("disclint-waivers.yaml", g.alias_bomb() + "\n", "6:45: more than 500000 values or 20000000 characters once aliases are expanded"),
        ("disclint-waivers.yaml", "- " + "[" * 10000 + "\n", "1:66: nested more than 64 levels deep"),
    ]
    for i, (name, body, fault) in enumerate(cases):
        folder = tmp_path / str(i)
        folder.mkdir()
        report = g.text(folder, "r.txt", g.TITLE)
        conf = g.text(folder, name, body)
        assert _faults(check(str(report))) == [f"{conf}:{fault}"]


def test_bad_pattern_in_a_rule_set_named_by_a_repository_configuration(tmp_path):
    """A rule set reached through `.disclint.yaml` (`rules:`, found from the working folder) gets the same pattern check as --rules."""
    rules = g.pattern_ruleset(tmp_path, "[a-")
    g.text(tmp_path, ".disclint.yaml", f"rules: [{rules.name}]\nruleset: reg\n")
    report = g.text(tmp_path, "r.txt", g.TITLE)
    assert _faults(check(str(report), cwd=tmp_path))[0] == f"{rules}:8:16: `pattern`: bad regular expression: unterminated character set"


def test_catastrophic_pattern_from_a_repository_configuration_is_stopped_by_its_budget(tmp_path):
    rules = g.pattern_ruleset(tmp_path, "(a|aa)+$")
    g.text(tmp_path, ".disclint.yaml", f"rules: [{rules.name}]\nruleset: reg\n")
    report = g.text(tmp_path, "r.txt", g.TITLE + ("a" * 40 + "!\n") * 200)
    run = check("--format", "json", str(report), cwd=tmp_path, prelude=NO_RE2)
    assert_no_traceback(run)
    assert (run.code, run.err) == (1, NO_RE2_NOTE)
    assert [d["message"] for d in run.findings() if d["code"] == "X014"] == [_x014(rules)]


def test_message_template_longer_than_the_cap_is_a_load_error(tmp_path):
    p = g.ruleset(tmp_path, OVERRIDE.format(m="'" + "缺" * 501 + "'"))
    (fault,) = _faults(check("--rules", str(p), str(tmp_path)))[:-1]
    assert fault == f"{p}:5:19: message is 501 characters long (at most 500)"

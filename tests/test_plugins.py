"""Third-party plugins are found through the `disclint` entry-point group, like built-ins."""

import json
import sys
import textwrap

import pytest

from conftest import SEED, run_cli
from disclint.plugins import PluginError, checker_kinds, make_manager

PLUGIN = textwrap.dedent(
    '''
    """A regulator's plugin: one checker kind and its own rule set."""
    from pathlib import Path
    from disclint.checking import CheckerKind, Finding
    from disclint.hookspecs import hookimpl

    def check_contact(doc, rule, ctx):
        if not any("联系电话" in b.text or "电话" in b.text for b in doc.text_blocks):
            yield Finding(doc.blocks[0].span, {})

    @hookimpl
    def disclint_checker_kinds():
        return [CheckerKind("contact-phone", check_contact, doc="The report gives a phone number.")]

    @hookimpl
    def disclint_rule_paths():
        return [str(Path(__file__).with_name("province_rules.yaml"))]
    '''
)

RULES = textwrap.dedent(
    """\
    name: province-2020
    title: 某省2020年度报告规则
    applies-to: {from: 2020, to: 2020}
    extends: [gov-2019]
    overrides:
      S103: {severity: error}
    rules:
      - id: P101
        name: contact-phone-missing
        check: contact-phone
        severity: warning
        message: 报告未提供联系电话
        doc: {what: 报告应写明咨询电话。}
    """
)


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    (tmp_path / "province_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "province_rules.yaml").write_text(RULES, encoding="utf-8")
    dist = tmp_path / "province_disclint-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: province-disclint\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[disclint]\nprovince = province_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("province_plugin", None)


def test_entry_point_plugin_adds_a_checker_and_a_rule_set(installed_plugin):
    pm = make_manager()
    assert "contact-phone" in checker_kinds(pm)
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", str(SEED))
    items = json.loads(out)
    assert {d["ruleset"] for d in items} <= {"province-2020"}
    # The seed gives no phone number: the regulator's own rule fires at the first block.
    assert [(d["code"], d["line"], d["severity"], d["message"]) for d in items if d["code"] == "P101"] == [
        ("P101", 3, "warning", "报告未提供联系电话")
    ]


def test_a_broken_plugin_is_named(tmp_path, monkeypatch):
    (tmp_path / "broken_plugin.py").write_text("raise ImportError('missing dependency')\n", encoding="utf-8")
    dist = tmp_path / "broken_disclint-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-disclint\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[disclint]\nbroken = broken_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match="plugin 'broken' from package 'broken-disclint' failed to load"):
        make_manager()
    code, _out, err = run_cli("check", str(SEED))
    assert code == 2 and "broken-disclint" in err and "Traceback" not in err


def test_collection_kind_sees_every_report(tmp_path):
    """A kind with collect/check_collection compares reports of one run (e.g. two of the same year)."""
    import types

    from disclint.checking import CheckerKind, Finding
    from disclint.engine import Linter
    from disclint.hookspecs import hookimpl

    def collect(doc, rule, ctx):
        return (ctx.year, ctx.year_span) if ctx.year else None

    def across(items, rule):
        seen = {}
        for path, (year, span) in sorted(items, key=lambda item: item[0].rsplit("/", 1)[-1]):
            if year in seen:
                yield path, Finding(span, {"other": seen[year]})
            seen.setdefault(year, path.rsplit("/", 1)[-1])

    module = types.ModuleType("same_year_plugin")
    module.disclint_checker_kinds = hookimpl(lambda: [CheckerKind("same-year", None, placeholders=("other",), collect=collect, check_collection=across)])
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "name: run-2020\napplies-to: {from: 2020, to: 2020}\nextends: [gov-2019]\nrules:\n"
        "  - id: R100\n    name: same-year-twice\n    check: same-year\n    severity: warning\n    message: 与{other}是同一年度的报告\n",
        encoding="utf-8",
    )
    from disclint.plugins import make_manager

    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    linter = Linter(extra_rule_paths=[rules], pm=make_manager(extra=[module]))
    results = linter.check_paths([str(SEED), str(copy)])
    found = [(r.path.rsplit("/", 1)[-1], d.code, d.line, d.message) for r in results for d in r.diagnostics if d.code == "R100"]
    assert found == [("mudanjiang-housing-2020.txt", "R100", 3, "与copy.txt是同一年度的报告")]

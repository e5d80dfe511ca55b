"""JUnit XML for CI test dashboards: one testcase per file; its error and warning findings
are one <failure>, info findings go to <system-out>. Built with ElementTree (XML escaping
included); control characters in paths and quoted text are shown escaped (``\\x1b``), as
in the text output: XML 1.0 cannot hold most of them, and a dashboard would show them raw."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .escape import escape
from .text import location


def build(results) -> ET.Element:
    suites = ET.Element("testsuites", name="disclint")
    suite = ET.SubElement(suites, "testsuite", name="disclint")
    failures = 0
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="disclint", name=escape(result.path))
        failing = [d for d in result.diagnostics if d.severity != "info"]
        lines = [f"{location(d)}: {d.code} [{d.severity}] {escape(d.message)} ({d.name})" for d in failing]
        if failing:
            failures += 1
            codes = ", ".join(sorted({d.code for d in failing}))
            failure = ET.SubElement(case, "failure", message=f"{len(failing)} finding(s): {codes}", type="error" if any(d.severity == "error" for d in failing) else "warning")
            failure.text = "\n".join(lines)
        info = [f"{location(d)}: {d.code} [info] {escape(d.message)} ({d.name})" for d in result.diagnostics if d.severity == "info"]
        if info:
            ET.SubElement(case, "system-out").text = "\n".join(info)
    suite.set("tests", str(len(results)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites.set("tests", str(len(results)))
    suites.set("failures", str(failures))
    return suites


def report(results, stream) -> None:
    tree = ET.ElementTree(build(results))
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(ET.tostring(tree.getroot(), encoding="unicode"))
    stream.write("\n")

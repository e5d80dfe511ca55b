"""Lint-style lines: ``path:line:col: CODE [severity] message (name)``, then a summary.

Written file by file as each finishes (``streams``), so an interrupted run keeps what
it finished. Paths and messages come from files and reports: control characters in
them are shown escaped (``\\n``, ``\\x1b``) so they can neither forge a line nor drive
the terminal; colour (``--color``) is added after escaping, by us only.
"""

from __future__ import annotations

from collections import Counter

import click

from .escape import escape

_COLOR = {"error": "red", "warning": "yellow", "info": "blue"}
_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

# The tool's own words in each --lang; the findings themselves are Chinese in both.
_WORDS = {
    "zh": {
        "found": lambda total, parts, files: f"发现{total}条问题（{parts}），共{files}个文件。",
        "part": lambda n, sev: f"{_SEV_ZH[sev]}{n}条",
        "sep": "，",
        "clean": lambda files: f"全部通过：检查了{files}个文件，无问题。",
        "hidden-info": lambda n: f"另有{n}条提示，用 --show-info 查看",
        "hidden": lambda n, floor: f"另有{n}条低于{_SEV_ZH[floor]}级别的发现未显示，用 --min-severity info 查看",
        "file-clean": lambda path: f"{path}: 无问题",
        "file-hidden": lambda path, n: f"{path}: 无显示的问题（{n}条较低级别的发现未显示）",
    },
    "en": {
        "found": lambda total, parts, files: f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}.",
        "part": lambda n, sev: f"{n} {sev}",
        "sep": ", ",
        "clean": lambda files: f"All clean: {files} file{'s' if files != 1 else ''} checked.",
        "hidden-info": lambda n: f"{n} info finding{'s' if n != 1 else ''} not shown; --show-info shows them",
        "hidden": lambda n, floor: f"{n} finding{'s' if n != 1 else ''} below {floor} not shown; --min-severity info shows them",
        "file-clean": lambda path: f"{path}: clean",
        "file-hidden": lambda path, n: f"{path}: nothing shown ({n} lower finding{'s' if n != 1 else ''} not shown)",
    },
}


def location(d) -> str:
    # DOCX has no lines: show the logical path (table[2]/row[5]/cell[3]) instead.
    if d.logical:
        return f"{escape(d.path)}:{d.logical}"
    return f"{escape(d.path)}:{d.line}:{d.column}"


def paint(text: str, severity: str | None, color: bool, bold: bool = False) -> str:
    """``text`` in the colour of ``severity`` (None: a clean file's green) when colouring; shared
    by check's text output and ``disclint show``."""
    if not color:
        return text
    return click.style(text, fg=_COLOR[severity] if severity else "green", bold=bold or None)


def line(d, color: bool = False) -> str:
    where, code, sev = location(d), d.code, f"[{d.severity}]"
    if color:
        where, code, sev = click.style(where, bold=True), paint(code, d.severity, color, bold=True), paint(sev, d.severity, color)
    return f"{where}: {code} {sev} {escape(d.message)} ({d.name})"


def report(results, stream, view=None) -> None:
    """``view`` (textview.TextView, optional): source excerpts, no summary (--quiet), hidden
    findings count, a line per clean file (--verbose), colour, the summary's language."""
    color = bool(view and view.color)
    words = _WORDS[view.lang if view else "en"]
    counts: Counter = Counter()
    files = 0
    for result in results:
        files += not result.cross
        for d in result.diagnostics:
            counts[d.severity] += 1
            stream.write(line(d, color) + "\n")
            for extra in view.excerpt(d) if view else ():
                stream.write(escape(extra) + "\n")
        if view and view.verbose and not result.cross and not result.diagnostics:
            hidden = view.hidden_by.get(result.path, 0)
            text = words["file-hidden"](escape(result.path), hidden) if hidden else words["file-clean"](escape(result.path))
            stream.write((paint(text, None, color) if not hidden else text) + "\n")
        stream.flush()
    if view and view.quiet:
        return
    total = sum(counts.values())
    if total:
        parts = words["sep"].join(words["part"](counts[s], s) for s in ("error", "warning", "info") if counts[s])
        stream.write(words["found"](total, parts, files) + "\n")
    else:
        stream.write(words["clean"](files) + "\n")
    if view and view.hidden:
        floor = view.min_severity
        stream.write((words["hidden-info"](view.hidden) if floor == "warning" else words["hidden"](view.hidden, floor)) + "\n")


report.streams = True

"""Lint-style lines: ``path:line:col: CODE [severity] message (name)``, then a summary.

Written file by file as each finishes (``streams``), so an interrupted run keeps what
it finished. Paths and messages come from files and reports: control characters in
them are shown escaped (``\\n``, ``\\x1b``) so they can neither forge a line nor drive
the terminal.
"""

from __future__ import annotations

from collections import Counter

from .escape import escape


def location(d) -> str:
    # DOCX has no lines: show the logical path (table[2]/row[5]/cell[3]) instead.
    if d.logical:
        return f"{escape(d.path)}:{d.logical}"
    return f"{escape(d.path)}:{d.line}:{d.column}"


def report(results, stream, view=None) -> None:
    """``view`` (textview.TextView, optional): source excerpts, no summary (--quiet), hidden info count."""
    counts: Counter = Counter()
    files = 0
    for result in results:
        files += not result.cross
        for d in result.diagnostics:
            counts[d.severity] += 1
            stream.write(f"{location(d)}: {d.code} [{d.severity}] {escape(d.message)} ({d.name})\n")
            for extra in view.excerpt(d) if view else ():
                stream.write(escape(extra) + "\n")
        stream.flush()
    if view and view.quiet:
        return
    total = sum(counts.values())
    if total:
        parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        stream.write(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}.\n")
    else:
        stream.write(f"All clean: {files} file{'s' if files != 1 else ''} checked.\n")
    if view and view.hidden:
        stream.write(f"另有{view.hidden}条提示，用 --show-info 查看\n")


report.streams = True

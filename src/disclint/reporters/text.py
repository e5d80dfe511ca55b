"""Lint-style lines: ``path:line:col: CODE [severity] message (name)``, then a summary."""

from __future__ import annotations

from collections import Counter


def location(d) -> str:
    # DOCX has no lines: show the logical path (table[2]/row[5]/cell[3]) instead.
    if d.logical:
        return f"{d.path}:{d.logical}"
    return f"{d.path}:{d.line}:{d.column}"


def report(results, stream, view=None) -> None:
    """``view`` (textview.TextView, optional): source excerpts, no summary (--quiet), hidden info count."""
    counts: Counter = Counter()
    for result in results:
        for d in result.diagnostics:
            counts[d.severity] += 1
            stream.write(f"{location(d)}: {d.code} [{d.severity}] {d.message} ({d.name})\n")
            for extra in view.excerpt(d) if view else ():
                stream.write(extra + "\n")
    if view and view.quiet:
        return
    files = len(results)
    total = sum(counts.values())
    if total:
        parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        stream.write(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}.\n")
    else:
        stream.write(f"All clean: {files} file{'s' if files != 1 else ''} checked.\n")
    if view and view.hidden:
        stream.write(f"另有{view.hidden}条提示，用 --show-info 查看\n")

"""PDF and page-layout text recognition on real reports (issue 8, classes 16–18).

* pdftotext-style layout text sets a 表三 label wrapped in its narrow cell over several
  lines, the numbers beside its first, middle or last line. A label that lost its
  numbering (「部分公开（区分处理的」 for 「（二）部分公开（区分处理的」) under a row that
  already has its numbers is the next row, not the tail of the row above: one T214 at
  the row, and nothing else changes (013/014/016 read the whole label otherwise as
  「（一）予以公开部分公开…」 and lost the row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint import tablematch
from test_tables_classes import edited, env, findings, new_and_gone, view  # noqa: F401  (env is a fixture)
from test_tables_real import REAL, lint

LAYOUT_TEXT = ["013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt",
               "016-huaian-city-2024-sec3-fragment.txt"]


def numbered_rows(env, src: Path):
    """(schema label, line, column, numbering as printed) of each 表三 row read exactly
    whose label cell begins, in the source, with its numbering."""
    lines = src.read_text(encoding="utf-8").split("\n")
    t3 = view(env, src).table3
    out = []
    for key in t3.order:
        m = t3.rows.get(key)
        if m is None or m.row is None or m.how != "exact" or not m.row.values:
            continue
        cell = m.row.labels[-1]
        num = tablematch.numbering(m.label.normed)
        line, col = cell.span.start.line, cell.span.start.column
        printed = lines[line - 1][col - 1:]
        n = tablematch._NUMBERING.match(tablematch.norm(printed))
        if num and n and tablematch.numbering(n.group(0)) == num and tablematch.norm(printed[: n.end()]) == n.group(0):
            out.append((m.label.canonical, line, col, printed[: n.end()]))
    return out


@pytest.mark.parametrize("name", LAYOUT_TEXT)
def test_a_wrapped_layout_row_without_its_numbering_is_the_next_row(env, tmp_path, name):
    src = REAL / name
    lines = src.read_text(encoding="utf-8").split("\n")
    base = findings(env, src)
    tried = []
    for label, line, col, num in numbered_rows(env, src):
        changed = list(lines)
        changed[line - 1] = lines[line - 1][: col - 1] + lines[line - 1][col - 1 + len(num):]
        out = edited(tmp_path, src, changed)
        new, gone = new_and_gone(base, findings(env, out))
        plain = tablematch.core(tablematch.norm(label))
        assert [c for c, _ in new] == ["T214"] and gone == [], (label, new, gone)
        t214 = [f for f in lint(env, out, "warning") if f[0] == "T214"]
        assert len(t214) == 1 and t214[0][1] == line, (label, t214)
        assert t214[0][3].endswith(f"应为「{label}」") and plain in tablematch.norm(t214[0][3]), t214
        tried.append(label)
    # the wrapped （二） row (its numbers on a later line, or beside its second line) is among them
    assert any(lab.startswith("（二）部分公开") for lab in tried), tried
    assert len(tried) >= 10

"""A unit or word inside a 表二 value cell is a finding whatever the digit split.

Flattened 2019-format pages glue 表二 cells together (「政府集中采购 2笔 984361元」), so a
row whose digits split several ways is kept out of the arithmetic (X010 info). The unit
check must still see its raw value text: each real report below is changed in tmp_path
by appending a unit or word to the value run of one 表二 row at a time, and exactly one
B407 must appear at that place, with no other new warning or error.

Rows are found in the text, not through the reader: the block captions and row labels
come from the 2019 rule set (rules/tables-2019.yaml), the value run is the digits after
the label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclint import safe_yaml
from test_tables_real import REAL, RULES, env, lint  # noqa: F401  (env is a fixture)

FLAT_2019 = ["002-pingtan-zhqgwh-2019.txt", "003-pingtan-zhqgwh-2020.txt", "029-pingtan-lwtj-2019.txt",
             "030-pingtan-scjg-2019.txt", "049-pingtan-czj-2019.txt", "050-pingtan-gaj-2019.txt",
             "051-pingtan-jjf-2020.txt", "052-pingtan-htp-2020.txt"]
UNITS = ["元", "万元", "笔"]
# a value run as printed: digits, signs, decimal points and spaces (a run that already
# holds a unit or word is not a clean place to add one)
_RUN = re.compile(r"[0-9.+\-\s\u3000]*")
# a run followed by one of these already carries a unit (030's 「156805947.43元」)
_WORDY = set("元万个件项条笔")


def _blocks() -> list[tuple[str, list[str], list[str]]]:
    path = RULES / "tables-2019.yaml"
    t2 = safe_yaml.load(path.read_text(encoding="utf-8"), str(path))["schemas"]["table2"]
    return [(b["label"], b["rows"], b["columns"]) for b in t2["blocks"]]


def _rows(line: str):
    """(block caption, row label, last column, start, end of the value run) for each 表二 row."""
    pos = 0
    for caption, labels, columns in _blocks():
        at = line.find(caption, pos)
        if at < 0:
            continue
        pos = at + len(caption)
        for label in labels:
            i = line.find(label, pos)
            # labels follow one another in the rule set's order
            if i < 0:
                continue
            s = i + len(label)
            e = _RUN.match(line, s).end()
            pos = e
            while e > s and line[e - 1].isspace():
                e -= 1
            if e > s and any(ch.isdigit() for ch in line[s:e]) and line[e:e + 1] not in _WORDY:
                yield caption, label, columns[-1], s, e


def _shift(found, line_no: int, at: int, by: int):
    """Findings with columns past ``at`` on ``line_no`` moved by ``by`` (text was inserted)."""
    return sorted((c, ln, col + by if ln == line_no and col > at else col, m) for c, ln, col, m in found)


def _cases():
    for name in FLAT_2019:
        lines = (REAL / name).read_text(encoding="utf-8").split("\n")
        no = next(k for k, ln in enumerate(lines) if "第二十条第（一）项" in ln)
        for caption, label, column, s, e in _rows(lines[no]):
            for unit in UNITS:
                yield pytest.param(name, no, caption, label, column, s, e, unit, id=f"{name[:3]}-{label}-{unit}")


CASES = list(_cases())


def test_every_report_has_rows():
    names = {c.values[0] for c in CASES}
    assert names == set(FLAT_2019)
    assert len(CASES) >= 8 * 7 * len(UNITS)  # at least seven of the nine rows in each


@pytest.mark.parametrize("name,no,caption,label,column,s,e,unit", CASES)
def test_unit_in_a_value_cell(env, tmp_path: Path, name, no, caption, label, column, s, e, unit):
    src = REAL / name
    before = [f for f in lint(env, src, "warning") if f[0] != "B407"]
    lines = src.read_text(encoding="utf-8").split("\n")
    raw = lines[no][s:e]
    lines[no] = lines[no][:e] + unit + lines[no][e:]
    out = tmp_path / name
    out.write_text("\n".join(lines), encoding="utf-8")
    after = lint(env, out, "warning")
    new = [f for f in after if f[0] == "B407" and f[3].startswith(f"表二{caption}「{label}」行")]
    assert len(new) == 1, (new, raw)
    code, line, col, msg = new[0]
    assert (code, line) == ("B407", no + 1)
    folded = " ".join(raw.split())
    unsplit = (e + 1, f"表二{caption}「{label}」行应为数字，实为「{folded}{unit}」")
    if (col, msg) != unsplit:
        # the row split into cells: the last cell carries the unit and is reported at its start
        cell = msg.rsplit("「", 1)[1].rstrip("」")
        assert cell.endswith(unit) and folded.endswith(cell[: -len(unit)]) and cell[: -len(unit)], msg
        assert (col, msg) == (e + 1 - (len(cell) - len(unit)),
                              f"表二{caption}「{label}」行「{column}」列应为数字，实为「{cell}」")
    rest = sorted(f for f in after if f != new[0])
    assert rest == _shift(lint(env, src, "warning"), no + 1, e, len(unit))

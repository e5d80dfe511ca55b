"""Property tests: a balanced 表三/表四 gives no B finding; changing any one number gives
exactly the B findings the identities predict (and points at the right cell)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_tables_synthetic import (
    RESULT_ROWS, balanced_table3, make_doc, rulesets, run, table2_rows_2021, table3_rows, table4_rows,
)

_ = rulesets  # the session fixture, imported so pytest finds it here
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

counts = st.lists(st.integers(0, 40), min_size=6, max_size=6)
leaves = st.dictionaries(st.sampled_from(RESULT_ROWS[:-1] + [22]), counts, max_size=6)
TOTAL_ROW, NEW, CARRIED, OUT = 23, 0, 1, 24


def _b(found):
    return sorted((c, line, col) for c, line, col, _ in found if c.startswith("B"))


@SETTINGS
@given(leaves=leaves, carried=counts, out=counts)
def test_balanced_table3_has_no_b_finding(rulesets, leaves, carried, out):
    vals = balanced_table3(leaves, carried, out)
    # keep 一 non-negative: out is part of the sum, never more than it
    doc = make_doc(table2_rows_2021(), table3_rows(vals), table4_rows())
    found = run(doc, rulesets)
    assert _b(found) == []


@SETTINGS
@given(leaves=leaves, row=st.sampled_from([NEW, CARRIED] + RESULT_ROWS + [TOTAL_ROW, OUT]),
       col=st.integers(0, 6), delta=st.integers(1, 9))
def test_one_changed_number_in_table3(rulesets, leaves, row, col, delta):
    vals = balanced_table3(leaves, carried=(1, 0, 0, 0, 0, 0), out=(0, 0, 0, 0, 0, 0))
    vals[row][col] += delta
    doc = make_doc(table2_rows_2021(), table3_rows(vals), table4_rows())
    found = run(doc, rulesets)
    line = 200 + 3 + row  # 3 header rows
    expected = [("B402", line, 1 + 10 * 9)]  # the row's 总计 cell
    column_x = 1 + 10 * (3 + col)
    total_line = 200 + 3 + TOTAL_ROW
    if row in (NEW, CARRIED, OUT, TOTAL_ROW):
        expected.append(("B401", total_line, column_x))  # T3-1 is reported at （七）总计
    if row in RESULT_ROWS or row == TOTAL_ROW:
        expected.append(("B403", total_line, column_x))
    assert _b(found) == sorted(expected)


@SETTINGS
@given(values=st.lists(st.integers(0, 50), min_size=12, max_size=12), cell=st.integers(0, 14), delta=st.integers(1, 9))
def test_one_changed_number_in_table4(rulesets, values, cell, delta):
    row = []
    for g in range(3):
        four = values[g * 4:(g + 1) * 4]
        row += four + [sum(four)]
    assert _b(run(make_doc(table2_rows_2021(), table3_rows(balanced_table3()), table4_rows(row)), rulesets)) == []
    row[cell] += delta
    found = run(make_doc(table2_rows_2021(), table3_rows(balanced_table3()), table4_rows(row)), rulesets)
    group = cell // 5
    assert _b(found) == [("B404", 303, 1 + 10 * (group * 5 + 4))]
    assert f"总计为{row[group * 5 + 4]}，" in found[0][3]

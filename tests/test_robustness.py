"""Damaged copies of real reports never crash a reader or a checker (bad input is reported, never fatal)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REAL, SEED
from disclint.checking import Options
from disclint.engine import Linter

SOURCES = [SEED, *(REAL / n for n in (
    "001-shanghai-szfbgt-2019.html", "004-pingtan-zhqgwh-2021.txt", "009-shuyang-county-2025.txt",
    "013-huaian-hongze-district-2023.txt", "015-huaian-city-2024.pdf", "017-pingtan-zhqgwh-2018-legacy.txt",
))]


@pytest.fixture(scope="module")
def linter():
    return Linter(Options(today=date(2026, 11, 27)))


@st.composite
def damaged(draw):
    source = draw(st.sampled_from(SOURCES))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["truncate", "flip", "insert", "repeat", "cut"]))
        if op == "truncate":
            data = data[:at]
        elif op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 2000))] * draw(st.integers(1, 4))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 4000))]
    return source.suffix, bytes(data)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(damaged())
def test_damaged_reports_are_checked_without_internal_errors(linter, tmp_path_factory, case):
    suffix, data = case
    path = tmp_path_factory.mktemp("damaged") / f"report{suffix}"
    path.write_bytes(data)
    result = linter.check_file(str(path))
    assert result.internal_errors == []
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.severity in ("error", "warning", "info")

"""Shared fixtures: the real reports copied from the corpus, and a runner for the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import main

# The results cache (results_cache.py) would answer a test's run from an earlier identical run,
# in this session or a past one, and hide what a test patched in (a crashing checker, workers):
# off for the suite; tests/test_results_cache.py turns it on in a cache folder of its own.
os.environ.setdefault("DISCLINT_NO_RESULTS_CACHE", "1")

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
SEED = DATA / "seed" / "mudanjiang-housing-2020.txt"


@pytest.fixture(scope="session")
def linter():
    from disclint.engine import Linter

    return Linter()


def run_cli(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings(path: Path | str, *extra: str) -> list[dict]:
    """The JSON findings disclint reports for one file (pinned --today for reproducibility)."""
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", *extra, str(path))
    assert code in (0, 1), err
    return json.loads(out)


def codes(items: list[dict], family: str = "") -> list[tuple[str, int, int]]:
    return [(d["code"], d["line"], d["column"]) for d in items if d["code"].startswith(family)]

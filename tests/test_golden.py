"""The national rule sets give the same findings on the whole real corpus as main did.

tests/data/golden/real-findings.json is `disclint check --today 2026-12-02 --format json
tests/data/real` as produced on main (regenerate it from main only, never from a branch's
own output, and only when verified changes on main moved it).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from disclint.checking import Options
from disclint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden" / "real-findings.json"


def test_real_corpus_findings_match_golden(monkeypatch):
    monkeypatch.chdir(ROOT)
    linter = Linter(Options(today=date(2026, 12, 2)))
    results = linter.check_paths([os.path.join("tests", "data", "real")])
    got = [d.as_json() for r in results for d in r.diagnostics]
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    # Compare file by file so a difference says where it is.
    by_path = lambda items: {p: [d for d in items if d["path"] == p] for p in {d["path"] for d in items}}
    g, w = by_path(got), by_path(want)
    assert sorted(g) == sorted(w)
    for path in sorted(w):
        assert g[path] == w[path], path

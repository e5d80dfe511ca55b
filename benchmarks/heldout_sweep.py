"""Score disclint on the precision sweep (issue 8), printed (an evaluation, never asserted).

    python benchmarks/heldout_sweep.py [--today YYYY-MM-DD]

Runs ``disclint check --format json`` over benchmarks/heldout/sweep and compares every error and
warning with the verdicts written by hand in benchmarks/heldout/sweep/VERDICTS.tsv (each finding
of the first run was read against the spec and judged ``true``, ``false`` or ``doubtful``):

- a finding matches a verdict row by file, code and column (same report text, so same column);
- a finding with no verdict row is ``unjudged`` (new since the judged run: read it by hand),
  unless it names a ``missed`` row (below): then it is counted ``true``;
- a ``true`` row whose finding is gone is ``lost``;
- a ``missed`` row (a firm defect no finding named) counts as found once a finding of its family
  (first letter and digit) stands within 30 columns of it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from heldout import ROOT, run_disclint  # noqa: E402  (same runner as the blind set)

SWEEP = ROOT / "benchmarks" / "heldout" / "sweep"
NEAR = 30


def _names(f: dict, miss: dict) -> bool:
    """Whether finding ``f`` names the firm miss ``miss`` (same file and family, near it)."""
    return (Path(f["path"]).name == miss["file"] and f["code"][:2] == miss["code"]
            and abs(f["column"] - int(miss["column"])) <= NEAR)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--today", default="2026-12-02", help="date passed to disclint (reproducible runs)")
    args = ap.parse_args()

    with (SWEEP / "VERDICTS.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    judged = {(r["file"], r["code"], int(r["column"])): r for r in rows if r["verdict"] != "missed"}
    missed = [r for r in rows if r["verdict"] == "missed"]

    findings = [f for f in run_disclint(SWEEP, args.today) if f["severity"] != "info"]
    tally: Counter = Counter()
    seen = set()
    unjudged = []
    for f in findings:
        key = (Path(f["path"]).name, f["code"], f["column"])
        row = judged.get(key)
        fills = [r for r in missed if _names(f, r)]
        if row is None and fills:
            tally[(f["severity"], "true")] += 1  # the finding that names a firm miss
        elif row is None:
            unjudged.append(f)
            tally[(f["severity"], "unjudged")] += 1
        else:
            seen.add(key)
            tally[(f["severity"], row["verdict"])] += 1
    lost = [k for k, r in judged.items() if r["verdict"] == "true" and k not in seen]
    found_missed = [r for r in missed if any(_names(f, r) for f in findings)]

    reports = len([p for p in SWEEP.iterdir() if p.suffix in (".txt", ".pdf")])
    print(f"sweep: {reports} reports, {len(findings)} errors/warnings")
    for sev in ("error", "warning"):
        parts = ", ".join(f"{v} {tally[(sev, v)]}" for v in ("true", "false", "doubtful", "unjudged"))
        print(f"  {sev + 's':9} {parts}")
    print(f"  lost true findings {len(lost)}; firm misses found {len(found_missed)}/{len(missed)}")
    for f in unjudged:
        print(f"  UNJUDGED {Path(f['path']).name}:{f['line']}:{f['column']} {f['code']} [{f['severity']}] "
              f"{f['message'][:120]}")
    for k in lost:
        print(f"  LOST     {k[0]}:{k[2]} {k[1]}")
    for r in missed:
        state = "found " if r in found_missed else "MISSED"
        print(f"  {state}   {r['file']}:{r['column']} {r['code']} {r['note'][:80]}")


if __name__ == "__main__":
    main()

"""Speed figures for disclint (printed, never asserted: targets live here, not in tests).

    python benchmarks/run.py [--repeat N] [PATH...]

Reports start-up time (plugins + rule sets), then per-file and total checking time
over the bundled example reports and the test copies of the real corpus.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "examples", ROOT / "tests" / "data" / "real"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="also time a whole run with this many worker processes")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from disclint.engine import Linter

    linter = Linter()
    startup = time.perf_counter() - t0
    files = linter.collect([str(p) for p in args.paths])
    print(f"start-up (plugins + rule sets): {startup * 1000:.0f} ms")
    print(f"files: {len(files)}, repeats: {args.repeat}")

    per_file: dict[str, list[float]] = {f: [] for f in files}
    totals = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for f in files:
            s = time.perf_counter()
            linter.check_file(f)
            per_file[f].append(time.perf_counter() - s)
        totals.append(time.perf_counter() - t)
    best = min(totals)
    size = sum(Path(f).stat().st_size for f in files if Path(f).is_file())
    print(f"total (best of {args.repeat}): {best:.2f} s  = {len(files) / best:.1f} files/s, {size / best / 1e6:.2f} MB/s")
    if args.jobs > 1:
        t = time.perf_counter()
        linter.check_paths([str(p) for p in args.paths], jobs=args.jobs)
        whole = time.perf_counter() - t
        print(f"whole run with --jobs {args.jobs} (incl. worker start-up and cross-report rules): {whole:.2f} s = {len(files) / whole:.1f} files/s")
    print("slowest files (median):")
    for f, ts in sorted(per_file.items(), key=lambda kv: -statistics.median(kv[1]))[:8]:
        print(f"  {statistics.median(ts) * 1000:8.1f} ms  {Path(f).name}")


if __name__ == "__main__":
    main()

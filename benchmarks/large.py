"""Time and memory for one large input per reader (printed, never asserted).

    python benchmarks/large.py [--size MB] [--case NAME ...] [--profile]

Each input (built by tests/hostile/generate.py, the hostile battery's builders) is
checked in its own process, so the peak resident memory is that run's. The targets:
no input under the size cap takes more than 10 s or 1 GB. ``--profile`` runs each case
under cProfile and prints the 15 functions that took the most time themselves, to find a
super-linear step.
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import generate as g  # noqa: E402

CASES = {b.__name__: b for b in (g.large_text, g.one_line, g.one_letter, g.empty_lines, g.markdown_table, g.large_html, g.markup_heavy_html, g.large_docx)}
_MAIN = "from disclint.cli import main; main()"
_SCRIPT = "import sys; sys.argv[1:1] = ['check']; " + _MAIN  # cProfile runs a file, not -c


def run(path: Path, profile: Path | None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of ``disclint check PATH`` in a child process."""
    if profile:
        script = profile.with_suffix(".py")
        script.write_text(_SCRIPT)
        cmd = ["-m", "cProfile", "-o", str(profile), str(script)]
    else:
        cmd = ["-c", _MAIN, "check"]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *cmd, "--today", "2026-12-02", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory and CPU
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=10, help="input size in MB (default 10)")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="only this case (repeatable; default all)")
    ap.add_argument("--profile", action="store_true", help="print each case's 15 most expensive functions")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.case or CASES:
            # Each case alone in its folder: a report's folder is searched for last year's
            # report (analysis/identity.py), which would read the other cases' inputs too.
            folder = Path(tmp) / name
            folder.mkdir()
            path = CASES[name](folder, int(args.size * g.MB))
            profile = Path(tmp) / f"{name}.prof" if args.profile else None
            wall, cpu, peak = run(path, profile)
            print(f"{name:<16} {path.stat().st_size / g.MB:6.1f} MB on disk  {wall:6.2f} s wall  {cpu:6.2f} s CPU  peak RSS {peak:.0f} MB", flush=True)
            if profile and profile.exists():
                pstats.Stats(str(profile)).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()

"""Time and memory for one large input per reader (printed, never asserted).

    python benchmarks/large.py [--size MB]

Each input (built by tests/hostile/generate.py, the hostile battery's builders) is
checked in its own process, so the peak resident memory is that run's. The targets:
no input under the size cap takes more than 10 s or 1 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import generate as g  # noqa: E402

CASES = (g.large_text, g.one_line, g.one_letter, g.markdown_table, g.large_html, g.large_docx)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=10, help="input size in MB (default 10)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for build in CASES:
            path = build(Path(tmp), args.size * g.MB)
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", "from disclint.cli import main; main()", "check", "--today", "2026-12-02", str(path)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _pid, _status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
            seconds = time.perf_counter() - start
            print(f"{build.__name__:<16} {path.stat().st_size / g.MB:6.1f} MB on disk  {seconds:6.2f} s  peak RSS {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

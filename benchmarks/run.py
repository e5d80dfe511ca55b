"""Speed figures for disclint, printed (never asserted: the targets live in issue 12, not in tests).

    python benchmarks/run.py [--rounds N] [--files N] [--mb N] [--skip-big]

Each figure is measured in fresh processes, interleaved round by round (so a busy
machine slows every figure alike), and shown as min / median over the rounds:

- one-file cold start: ``disclint check`` on one real report vs the bare-import floor
  ``python -c "import lxml.etree, click, pluggy, ruamel.yaml"`` (ratio);
- batch: ms/report and reports/s over N files copied from tests/data/real, with
  ``--jobs 1`` and ``--jobs 2``, vs the floor of reading and decoding the same files;
- peak memory (max RSS) of the batch runs;
- time per MB for one large report (real text reports repeated to ``--mb`` MB).

The rule-set cache lives in a temporary folder; one run before the rounds warms it
(its time is printed too: the first run after a rule file changes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
ONE = REAL / "002-pingtan-zhqgwh-2019.txt"
# The results cache (src/disclint/results_cache.py): one report alone and one among its 55
# neighbours (its last years' reports among them, read for B6xx), results cache empty (the
# file just edited: the pre-commit case) and unchanged (answered from the cache).
CACHED_ONE = REAL / "004-pingtan-zhqgwh-2021.txt"
TODAY = ["--today", "2026-12-02"]
FLOOR = "import lxml.etree, click, pluggy, ruamel.yaml"
DECODE = """
import sys, time
from pathlib import Path
from disclint.readers.decode import decode
t = time.perf_counter()
for p in sorted(Path(sys.argv[1]).iterdir()):
    decode(p.read_bytes())
print(time.perf_counter() - t)
"""


CPU: dict[str, list[float]] = {}  # user+system seconds of each measured command, by label


def run(cmd: list[str], env: dict, label: str = "") -> tuple[float, int]:
    """Wall time and peak RSS (KiB, of the process and the workers it waited for);
    the CPU time (process and workers) is kept in CPU[label]: on a shared machine it
    is steadier than wall time."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    CPU.setdefault(label, []).append(usage.ru_utime + usage.ru_stime)
    if p.returncode not in (0, 1):
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss


def make_batch(folder: Path, n: int) -> list[Path]:
    sources = sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = folder / f"{i:05d}-{src.name}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def make_big(path: Path, mb: float) -> int:
    """Real text reports one after another up to ``mb`` MB (a long report, not a repeated line)."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))]
    text, i = [], 0
    size = 0
    while size < mb * 1e6:
        text.append(parts[i % len(parts)])
        size += len(parts[i % len(parts)].encode("utf-8"))
        i += 1
    path.write_text("\n".join(text), encoding="utf-8")
    return path.stat().st_size


def fmt(values: list[float], scale: float = 1000, unit: str = "ms", digits: int = 1) -> str:
    return f"min {min(values) * scale:8.{digits}f} {unit}   median {statistics.median(values) * scale:8.{digits}f} {unit}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--files", type=int, default=1000, help="reports in the batch (copies of tests/data/real)")
    ap.add_argument("--mb", type=float, default=5.0, help="size of the large report")
    ap.add_argument("--skip-big", action="store_true", help="leave out the large report")
    args = ap.parse_args()

    py = sys.executable
    lint = [py, "-m", "disclint.cli", "check", *TODAY, "--format", "json", "-o", os.devnull]
    with tempfile.TemporaryDirectory(prefix="disclint-bench-") as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONDONTWRITEBYTECODE="")
        env.pop("DISCLINT_NO_CACHE", None)
        cenv = dict(env)  # the results-cache figures; every other figure is without it
        cenv.pop("DISCLINT_NO_RESULTS_CACHE", None)
        env["DISCLINT_NO_RESULTS_CACHE"] = "1"
        alone = tmp_path / "alone"
        alone.mkdir()
        shutil.copyfile(CACHED_ONE, alone / CACHED_ONE.name)
        cached_cases = {"alone": alone / CACHED_ONE.name, "among": CACHED_ONE}
        rcache: dict[str, list[float]] = {f"{c}-{s}": [] for c in cached_cases for s in ("empty", "cached")}
        batch = tmp_path / "batch"
        batch.mkdir()
        files = make_batch(batch, args.files)
        batch_mb = sum(p.stat().st_size for p in files) / 1e6
        big = tmp_path / "big.txt"
        big_size = 0 if args.skip_big else make_big(big, args.mb)

        first, _ = run([*lint, str(ONE)], env)  # writes the rule-set cache
        print(f"first run (rule-set cache empty): {first * 1000:.0f} ms")
        print(f"rounds: {args.rounds}; batch: {len(files)} files, {batch_mb:.1f} MB; large report: {big_size / 1e6:.1f} MB")

        res: dict[str, list[float]] = {k: [] for k in ("floor", "one", "decode", "j1", "j2", "big")}
        rss: dict[str, int] = {"j1": 0, "j2": 0, "big": 0}
        for r in range(args.rounds):
            res["floor"].append(run([py, "-c", FLOOR], env, "floor")[0])
            res["one"].append(run([*lint, str(ONE)], env, "one")[0])
            for case, report in cached_cases.items():
                for stale in (tmp_path / "cache" / "disclint").glob("results-*.json"):
                    stale.unlink()
                rcache[f"{case}-empty"].append(run([*lint, str(report)], cenv, f"{case}-empty")[0])
                rcache[f"{case}-cached"].append(run([*lint, str(report)], cenv, f"{case}-cached")[0])
            out = subprocess.run([py, "-c", DECODE, str(batch)], env=env, capture_output=True, text=True, check=True)
            res["decode"].append(float(out.stdout.strip()))
            for jobs in (1, 2):
                wall, peak = run([*lint, "--jobs", str(jobs), str(batch)], env, f"j{jobs}")
                res[f"j{jobs}"].append(wall)
                rss[f"j{jobs}"] = max(rss[f"j{jobs}"], peak)
            if big_size:
                wall, peak = run([*lint, str(big)], env, "big")
                res["big"].append(wall)
                rss["big"] = max(rss["big"], peak)
            last = {k: v[-1] for k, v in res.items() if v}
            print(f"  round {r + 1}/{args.rounds}: " + ", ".join(f"{k} {v * 1000:.0f} ms (cpu {CPU[k][-1] * 1000:.0f})" if k in CPU else f"{k} {v * 1000:.0f} ms" for k, v in last.items()), file=sys.stderr, flush=True)

    n = len(files)
    floor, one = res["floor"], res["one"]
    print("\none-file cold start")
    print(f"  bare-import floor        {fmt(floor)}")
    print(f"  disclint check, 1 file   {fmt(one)}")
    print(f"  CPU time: floor          {fmt(CPU['floor'])}")
    print(f"  CPU time: 1 file         {fmt(CPU['one'])}   ratio min {min(CPU['one']) / min(CPU['floor']):.2f}x")
    print(f"  ratio                    min {min(one) / min(floor):.2f}x   median {statistics.median(one) / statistics.median(floor):.2f}x   (target <= 1.5x)")
    print("\none-file, results cache (CPU time, ratio to the floor's CPU time)")
    for case, label in (("alone", f"{CACHED_ONE.name} alone"), ("among", f"{CACHED_ONE.name} among 55 neighbours")):
        for state, what in (("empty", "one-file (results cache empty)"), ("cached", "one-file (unchanged file, results cached)")):
            cpu = CPU[f"{case}-{state}"]
            print(f"  {label}: {what:42s} wall {fmt(rcache[f'{case}-{state}'])}   cpu {fmt(cpu)}   ratio min {min(cpu) / min(CPU['floor']):.2f}x")
    dec = res["decode"]
    print(f"\nbatch of {n} reports (whole process, start-up included)")
    print(f"  read+decode floor        {fmt([d / n for d in dec], digits=3)}/report")  # tens of µs: shown to the µs
    for jobs in (1, 2):
        walls = res[f"j{jobs}"]
        per = [w / n for w in walls]
        print(f"  --jobs {jobs}                {fmt(per)}/report   {n / min(walls):7.1f} reports/s (best)   "
              f"ratio to floor {min(walls) / min(dec):6.1f}x   peak RSS {rss[f'j{jobs}'] / 1024:.0f} MB")
    for jobs in (1, 2):
        print(f"  --jobs {jobs} CPU time      {fmt([c / n for c in CPU[f'j{jobs}']])}/report")
    print(f"  speed-up --jobs 2        min {min(res['j1']) / min(res['j2']):.2f}x   median {statistics.median(res['j1']) / statistics.median(res['j2']):.2f}x   (cpu count {os.cpu_count()})")
    if big_size:
        mb = big_size / 1e6
        print(f"\nlarge report ({mb:.1f} MB)")
        print(f"  whole run                {fmt(res['big'], 1, 's')}   peak RSS {rss['big'] / 1024:.0f} MB")
        per_mb = [(w - min(one)) / mb for w in res["big"]]
        print(f"  CPU time                 {fmt(CPU['big'], 1, 's')}")
        print(f"  per MB (start-up off)    {fmt(per_mb, 1, 's')}/MB")


if __name__ == "__main__":
    main()

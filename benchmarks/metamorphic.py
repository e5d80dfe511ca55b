"""Metamorphic pass rates: every transformation over every real report (issue 8).

    python benchmarks/metamorphic.py [--corpus DIR] [--only NAME[,NAME]] [--jobs N] [--quiet]

Each transformation (tests/metamorphic/transforms.py) makes a new file from a real report
and says how disclint's warning/error findings must change: not at all (re-encodings,
renderings into HTML/DOCX/markdown/PDF, look-alike characters, notes on headings, a
sentence after a table, wrapped labels) or by exactly the findings named (one misspelt
label → one T finding, a reworded heading → S103/S104, +1 in a 表三 cell → its B4xx,
a wrong 表四 total → B404). Prints: transformation | applicable reports | behaved as
specified | rate %, then every shortfall with its diff, then why reports were n/a.

The corpus defaults to /work/shared/corpus/real, else tests/data/real. Nothing is
asserted here: tests/test_metamorphic.py holds the CI subset.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from metamorphic.findings import make_linter  # noqa: E402
from metamorphic.run import Outcome, apply  # noqa: E402
from metamorphic.transforms import TRANSFORMS, Env  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus/real")
FALLBACK_CORPUS = ROOT / "tests" / "data" / "real"
_ENDINGS = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def reports(corpus: Path) -> list[str]:
    return sorted(str(p) for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in _ENDINGS)


_ENV: Env | None = None


def _work(job: tuple[str, list[str]]) -> list[Outcome]:
    """All the given transformations of one report (one worker keeps one linter)."""
    global _ENV
    if _ENV is None:
        _ENV = Env(make_linter(), tempfile.mkdtemp(prefix="disclint-metamorphic-"))
    path, names = job
    return [apply(_ENV, name, path) for name in names]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help=f"folder of real reports (default {DEFAULT_CORPUS}, else {FALLBACK_CORPUS})")
    ap.add_argument("--only", default="", help="comma-separated transformation names (default: all)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--quiet", action="store_true", help="the table only, no shortfall diffs")
    args = ap.parse_args()

    corpus = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else FALLBACK_CORPUS)
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(TRANSFORMS)
    unknown = [n for n in names if n not in TRANSFORMS]
    if unknown:
        ap.error(f"unknown transformation(s): {', '.join(unknown)} (known: {', '.join(TRANSFORMS)})")
    files = reports(corpus)
    if not files:
        ap.error(f"no reports in {corpus}")
    jobs = [(f, names) for f in files]
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = [o for batch in pool.map(_work, jobs) for o in batch]
    else:
        results = [o for job in jobs for o in _work(job)]

    print(f"corpus: {corpus} ({len(files)} reports)\n")
    print_table(names, results)
    if not args.quiet:
        print_shortfalls(results)
        print_not_applicable(results)
    return 0


def print_table(names: list[str], results: list[Outcome]) -> None:
    rows = []
    for n in names:
        mine = [o for o in results if o.transform == n]
        appl = [o for o in mine if o.applicable]
        ok = sum(1 for o in appl if o.status == "ok")
        errors = sum(1 for o in mine if o.status == "harness-error")
        rate = f"{100 * ok / len(appl):.0f}" if appl else "-"
        rows.append((n, str(len(appl)), str(ok), rate, str(sum(1 for o in mine if o.status == "n/a")), str(errors)))
    head = ("transformation", "applicable reports", "behaved as specified", "rate %", "n/a", "harness errors")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    appl = [o for o in results if o.applicable]
    ok = sum(1 for o in appl if o.status == "ok")
    print(f"\ntotal: {ok}/{len(appl)} behaved as specified" + (f" ({100 * ok / len(appl):.0f}%)" if appl else ""))


def print_shortfalls(results: list[Outcome]) -> None:
    bad = [o for o in results if o.status in ("shortfall", "harness-error")]
    if not bad:
        return
    print("\n## shortfalls\n")
    for o in bad:
        print(f"{o.report} | {o.transform} | {o.status}")
        print(o.diff())
        print()


def print_not_applicable(results: list[Outcome]) -> None:
    na = Counter((o.transform, o.reason) for o in results if o.status == "n/a")
    if not na:
        return
    print("\n## not applicable\n")
    for (t, reason), n in sorted(na.items()):
        print(f"{t}: {n} × {reason}")


if __name__ == "__main__":
    sys.exit(main())

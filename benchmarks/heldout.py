"""Score disclint on the blind held-out set (issue 8), printed (an evaluation, never asserted).

    python benchmarks/heldout.py [--medium txt|html] [--tolerance N] [--today YYYY-MM-DD] [--details]

Runs ``disclint check --format json`` over one medium of the blind reports and matches its findings
to the firm defects written in benchmarks/heldout/MANIFEST.tsv before disclint ever saw the files.
``--medium txt`` (default) reads benchmarks/heldout/reports (the archived page.txt); ``--medium html``
reads benchmarks/heldout/html (the archived page.html of the same reports, named by the manifest's
number: 301-....html). The defects are the report's, whatever the medium; only their line differs,
and no honest line map exists between the two media, so for html a defect matches by family alone
(any line). A manifest report whose file is missing in the medium is listed and not scored.
``html/SOURCES.tsv`` names each page's archive source and its length in characters as the archive's
file look-up counts it (without the final line break); an html file whose length differs is not the verbatim page: it is listed and
not scored. ``--dir`` reads the medium from another folder (same file names), e.g. for a test.

- a finding matches a defect when its code starts with the defect's family (``S1``, ``B4``…;
  ``T2/B4`` accepts either) and its line is within ``--tolerance`` lines of the defect's line;
- each defect takes at most one finding (the nearest); a further finding that matches an
  already found defect is counted as ``extra`` (the same defect reported again), not as false;
- a finding that matches only a doubtful point of the notes (``?FAMILY@LINE``) is ``doubtful``;
- every other error is a false error, every other warning a false warning; info is not scored.

The per-report table and the totals are followed (with ``--details``, the default) by every
missed defect and every false finding, so each can be judged by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "heldout"
ITEM = re.compile(r"^(?P<fams>[A-Z]\d(?:/[A-Z]\d)*)@(?P<line>\d+)\s*(?P<desc>.*)$", re.S)
DOUBT = re.compile(r"\?(?P<fams>[A-Z]\d(?:/[A-Z]\d)*)@(?P<line>\d+)")


@dataclass
class Defect:
    fams: tuple[str, ...]
    line: int
    desc: str
    finding: dict | None = None


@dataclass
class Report:
    file: str
    defects: list[Defect]
    doubts: list[tuple[tuple[str, ...], int]]
    findings: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    doubtful: list[dict] = field(default_factory=list)
    false_errors: list[dict] = field(default_factory=list)
    false_warnings: list[dict] = field(default_factory=list)


def load_manifest(path: Path) -> list[Report]:
    reports = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            defects = []
            if row["defects"].strip() != "none":
                for item in row["defects"].split(" ; "):
                    m = ITEM.match(item.strip())
                    if not m:
                        sys.exit(f"{row['file']}: cannot read defect {item!r}")
                    defects.append(Defect(tuple(m["fams"].split("/")), int(m["line"]), m["desc"]))
            doubts = [(tuple(m["fams"].split("/")), int(m["line"])) for m in DOUBT.finditer(row["notes"])]
            reports.append(Report(row["file"], defects, doubts))
    return reports


def disclint_command() -> list[str]:
    exe = Path(sys.executable).with_name("disclint")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("disclint")
    if found:
        return [found]
    return [sys.executable, "-c", "from disclint.cli import main; main()"]


def run_disclint(folder: Path, today: str) -> list[dict]:
    cmd = disclint_command() + ["check", "--format", "json", "--exit-zero", "--no-cache",
                                "--today", today, str(folder)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"disclint failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout)


def matches(fams: tuple[str, ...], line: int, finding: dict, tolerance: int | None) -> bool:
    """Same family, and (unless ``tolerance`` is None: any line) within ``tolerance`` lines."""
    if finding["code"][:2] not in fams:
        return False
    return tolerance is None or abs(finding["line"] - line) <= tolerance


def medium_files(folder: Path, reports: list[Report], suffix: str) -> dict[str, Report]:
    """Map each medium file to its manifest report by the leading number (301-…)."""
    by_number = {r.file.split("-", 1)[0]: r for r in reports}
    found = {}
    for path in sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []:
        r = by_number.get(path.name.split("-", 1)[0])
        if r is not None:
            found[path.name] = r
    return found


def verbatim_lengths(folder: Path) -> dict[str, int]:
    """Expected character counts per file name from ``folder/SOURCES.tsv`` (empty when it has none)."""
    sources = folder / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    with sources.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: int(row["chars"])
                for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("chars")}


def not_verbatim(folder: Path, names, lengths: dict[str, int]) -> dict[str, str]:
    """Files whose decoded length differs from SOURCES.tsv's count: name -> what differs."""
    bad = {}
    for name in names:
        want = lengths.get(name)
        if want is None:
            continue
        data = (folder / name).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            bad[name] = "not UTF-8"
            continue
        got = len(text)
        # the look-up does not count a file's final line break (301's page.txt: 3,047 characters
        # on disk ending in "\n", 3,046 in the look-up), so a length that differs only there agrees
        if want not in (got, len(text.rstrip("\r\n"))):
            bad[name] = f"{got} characters, the archive's page has {want}"
    return bad


def score(report: Report, tolerance: int | None) -> None:
    pool = [f for f in report.findings if f["severity"] != "info"]
    for d in report.defects:
        cands = [f for f in pool if matches(d.fams, d.line, f, tolerance)]
        if cands:
            d.finding = min(cands, key=lambda f: abs(f["line"] - d.line))
            pool.remove(d.finding)
    for f in pool:
        if any(matches(d.fams, d.line, f, tolerance) for d in report.defects):
            report.extra.append(f)
        elif any(matches(fams, line, f, tolerance) for fams, line in report.doubts):
            report.doubtful.append(f)
        elif f["severity"] == "error":
            report.false_errors.append(f)
        else:
            report.false_warnings.append(f)


def where(folder: Path) -> str:
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


def show(f: dict) -> str:
    return f"{f['line']}:{f['column']} {f['code']} [{f['severity']}] {f['message'][:160]} ({f['name']})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--medium", choices=("txt", "html"), default="txt",
                    help="which archived medium of the reports to check (default txt)")
    ap.add_argument("--tolerance", type=int, default=2,
                    help="line distance still matching (default 2; ignored for html: any line)")
    ap.add_argument("--today", default="2026-12-02", help="date passed to disclint (reproducible runs)")
    ap.add_argument("--dir", type=Path, default=None,
                    help="read the medium's files from this folder instead of benchmarks/heldout/reports|html")
    ap.add_argument("--no-details", dest="details", action="store_false", help="tables only")
    args = ap.parse_args()

    reports = load_manifest(HELDOUT / "MANIFEST.tsv")
    folder, suffix = (HELDOUT / "reports", ".txt") if args.medium == "txt" else (HELDOUT / "html", ".html")
    lengths = verbatim_lengths(folder)
    if args.dir is not None:
        folder = args.dir.resolve()
    by_file = medium_files(folder, reports, suffix)
    for name, why in not_verbatim(folder, list(by_file), lengths).items():
        print(f"{name}: not the archived page ({why}), not scored")
        del by_file[name]
    present = {id(r) for r in by_file.values()}
    missing = [r.file for r in reports if id(r) not in present]
    if missing:
        print(f"not in medium {args.medium} ({where(folder)}), not scored: {', '.join(missing)}\n")
    reports = [r for r in reports if id(r) in present]
    if not reports:
        sys.exit(f"no report of the manifest is present in {where(folder)}")
    for f in run_disclint(folder, args.today):
        r = by_file.get(Path(f["path"]).name)
        if r is not None:
            r.findings.append(f)
    tolerance = args.tolerance if args.medium == "txt" else None
    for r in reports:
        score(r, tolerance)

    head = f"{'report':36} {'defects':>7} {'found':>5} {'missed':>6} {'false err':>9} {'false warn':>10} {'extra':>5} {'doubtful':>8}"
    print(head)
    print("-" * len(head))
    tot = [0] * 7
    for r in reports:
        found = sum(d.finding is not None for d in r.defects)
        vals = [len(r.defects), found, len(r.defects) - found, len(r.false_errors),
                len(r.false_warnings), len(r.extra), len(r.doubtful)]
        tot = [a + b for a, b in zip(tot, vals)]
        print(f"{r.file:36} " + " ".join(f"{v:>{w}}" for v, w in zip(vals, (7, 5, 6, 9, 10, 5, 8))))
    print("-" * len(head))
    print(f"{'TOTAL (' + str(len(reports)) + ' reports)':36} " + " ".join(f"{v:>{w}}" for v, w in zip(tot, (7, 5, 6, 9, 10, 5, 8))))
    if tot[0]:
        print(f"\nrecall {tot[1]}/{tot[0]} = {tot[1] / tot[0]:.0%}; false errors {tot[3]}; false warnings {tot[4]}")
    if not args.details:
        return
    for r in reports:
        lines = [f"  MISSED {'/'.join(d.fams)}@{d.line} {d.desc}" for d in r.defects if d.finding is None]
        lines += [f"  FALSE ERROR   {show(f)}" for f in r.false_errors]
        lines += [f"  FALSE WARNING {show(f)}" for f in r.false_warnings]
        lines += [f"  found {'/'.join(d.fams)}@{d.line} by {d.finding['code']} {d.finding['message'][:90]}"
                  for d in r.defects if d.finding is not None]
        lines += [f"  extra    {show(f)}" for f in r.extra]
        lines += [f"  doubtful {show(f)}" for f in r.doubtful]
        if lines:
            print(f"\n{r.file}")
            print("\n".join(lines))


if __name__ == "__main__":
    main()

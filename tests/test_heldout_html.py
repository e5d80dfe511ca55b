"""The html medium of the blind held-out set (benchmarks/heldout.py --medium html).

The archive's page.html files are named in benchmarks/heldout/html/SOURCES.tsv with their length in
characters (as the archive's file look-up counts it); the scorer refuses a file whose length differs,
so a cleaned, cut or re-typed page is never scored as the archived medium. For html a defect matches
by family at any line (no line map exists between page.txt line 10 and an HTML page).
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "heldout"
SCRIPT = ROOT / "benchmarks" / "heldout.py"


def scorer():
    spec = importlib.util.spec_from_file_location("heldout_scorer", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(mod)
    return mod


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_html_sources_are_the_manifest_pages_beside_page_txt():
    manifest = rows(HELDOUT / "MANIFEST.tsv")
    sources = rows(HELDOUT / "html" / "SOURCES.tsv")
    assert len(sources) == len(manifest) == 27
    for m, s in zip(manifest, sources):
        assert s["file"] == m["file"].removesuffix(".txt") + ".html"
        txt = m["source"].split(" ; ")[0]
        assert s["source"] == txt.removesuffix("page.txt") + "page.html"
        assert 100_000 < int(s["chars"]) < 600_000
    assert sources[0]["chars"] == "367428"  # 301's page, the length RESULTS.md quotes


def test_a_page_of_another_length_is_refused_not_scored(tmp_path):
    # a real corpus page put under 301's name: not the archived page (length differs), never scored
    shutil.copy(ROOT / "tests/data/real/001-shanghai-szfbgt-2019.html", tmp_path / "301-pingtan-spp-2019.html")
    out = subprocess.run([sys.executable, str(SCRIPT), "--medium", "html", "--dir", str(tmp_path), "--no-details"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    got = len((tmp_path / "301-pingtan-spp-2019.html").read_text(encoding="utf-8"))
    assert out.stdout.splitlines()[0] == (
        f"301-pingtan-spp-2019.html: not the archived page ({got} characters, the archive's page has 367428), not scored")
    assert "no report of the manifest is present in " + str(tmp_path) in out.stderr


def test_medium_files_map_by_number_and_skip_other_files(tmp_path):
    mod = scorer()
    reports = mod.load_manifest(HELDOUT / "MANIFEST.tsv")
    for name in ("305-pingtan-spp-2025.html", "399-unknown.html", "SOURCES.tsv", "306-pingtan-gaj-2022.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = mod.medium_files(tmp_path, reports, ".html")
    assert {k: v.file for k, v in found.items()} == {"305-pingtan-spp-2025.html": "305-pingtan-spp-2025.txt"}


def test_html_matches_by_family_at_any_line():
    mod = scorer()
    r = mod.Report("x", [mod.Defect(("B7",), 10, "d"), mod.Defect(("T2", "B4"), 10, "e")], [(("S1",), 1)])
    f = lambda code, line, sev="error": {"code": code, "line": line, "severity": sev}  # noqa: E731
    r.findings = [f("B701", 880, "warning"), f("B407", 1203), f("B407", 1300), f("S108", 5, "warning"),
                  f("D303", 40), f("C201", 9, "info")]
    mod.score(r, None)
    assert [d.finding["line"] for d in r.defects] == [880, 1203]
    assert [x["line"] for x in r.extra] == [1300]
    assert [x["code"] for x in r.doubtful] == ["S108"]
    assert [x["code"] for x in r.false_errors] == ["D303"] and r.false_warnings == []


def test_length_check_ignores_only_the_final_line_break(tmp_path):
    # the look-up counts 301's page.txt as 3,046 characters; on disk it has 3,047, the last one "\n"
    mod = scorer()
    shutil.copy(HELDOUT / "reports/301-pingtan-spp-2019.txt", tmp_path / "a.txt")
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert len(text) == 3047 and text.endswith("\n")
    (tmp_path / "b.txt").write_text(text[:-2], encoding="utf-8")  # one real character cut off
    (tmp_path / "c.txt").write_bytes(text.encode("gb18030"))
    lengths = {"a.txt": 3046, "b.txt": 3046, "c.txt": 3046}
    assert mod.not_verbatim(tmp_path, ["a.txt", "b.txt", "c.txt"], lengths) == {
        "b.txt": "3045 characters, the archive's page has 3046", "c.txt": "not UTF-8"}

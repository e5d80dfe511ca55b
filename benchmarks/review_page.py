"""The review page of the real corpus: its weight and how fast a headless browser loads it.

    python benchmarks/review_page.py [PATH...]

Printed, never asserted (targets: under 5 MB, loaded in under 2 s). The load time needs
Debian's Chromium (/usr/bin/chromium) and the playwright package (the test extra).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "real"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from disclint.checking import Options
    from disclint.engine import Linter
    from disclint.reporters import review_html

    linter = Linter(Options(today=date(2026, 12, 2)))
    t = time.perf_counter()
    results = linter.check_paths([str(p) for p in args.paths])
    checked = time.perf_counter() - t
    t = time.perf_counter()
    page = review_html.render(results, linter)
    rendered = time.perf_counter() - t
    size = len(page.encode("utf-8"))
    print(f"{len(results)} files, {sum(len(r.diagnostics) for r in results)} findings: checked in {checked:.2f} s, page built in {rendered:.2f} s")
    print(f"page weight: {size / 1e6:.2f} MB (target < 5 MB)")

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        print("load time: not measured (needs /usr/bin/chromium and the playwright package)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.html"
        path.write_text(page, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            times = []
            for _ in range(args.repeat):
                tab = browser.new_page(viewport={"width": 1280, "height": 900})
                t = time.perf_counter()
                tab.goto(path.as_uri(), wait_until="load")
                times.append(time.perf_counter() - t)
                tab.close()
            browser.close()
    print(f"load time in headless Chromium (best of {args.repeat}): {min(times):.2f} s, worst {max(times):.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()

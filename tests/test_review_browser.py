"""The review page of the whole real corpus, opened in a real headless browser.

Debian's Chromium (``apt-get install chromium``, done by .ci/run) driven by Playwright's
Python package through ``executable_path`` (Playwright's own browser download is not
used). Asserted in the DOM: every finding of the JSON output appears once, at its span;
the filters change what is shown; the overview counts equal the JSON's; no console
errors; no request leaves the page. Screenshots are saved under the test's tmp folder.
Without a browser the test fails in CI (CI=true) and is skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import main

REAL = Path(__file__).parent / "data" / "real"
TODAY = "2026-12-02"


def _browser() -> str:
    found = os.environ.get("DISCLINT_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    why = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        why = "the playwright package is not installed (pip install -e '.[test]')"
    if found is None:
        why = why or "no Chromium on this machine (apt-get install chromium chromium-driver)"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser test: {why}")
        pytest.skip(why)
    return found


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--today", TODAY, *args, str(REAL)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr  # the corpus has errors
    return result.stdout


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    page = out / "review.html"
    _run("--format", "html", "-o", str(page))
    findings = json.loads(_run("--format", "json"))
    return page, findings, out


# What the page shows, read in the browser.
_BADGES = """() => Array.from(document.querySelectorAll('sup.fb')).map(b => {
  const marks = Array.from(document.querySelectorAll('mark.hl')).filter(m => m.dataset.f.split(' ').includes(b.dataset.fid));
  let next = b.nextElementSibling;
  while (next && next.matches('sup.fb')) next = next.nextElementSibling;  // findings starting at one place
  return {file: b.dataset.file, code: b.dataset.code, severity: b.dataset.sev, line: +b.dataset.line, column: +b.dataset.col,
          end_line: +b.dataset.endLine, end_column: +b.dataset.endCol, exact: b.dataset.exact === '1',
          tip: b.querySelector('.tip').textContent, shown: !b.classList.contains('off'),
          first_mark_at: marks.length ? marks[0].dataset.at : null, mark_follows: !!(next && marks.includes(next)),
          marked: marks.map(m => m.textContent).join('')};
})"""
_OVERVIEW = """() => Array.from(document.querySelectorAll('#overview-table tbody tr')).map(tr => ({
  file: tr.dataset.file, shown: !tr.classList.contains('off'), verdict: tr.cells[tr.cells.length - 1].textContent,
  counts: Object.fromEntries(Array.from(tr.querySelectorAll('td[data-sev]')).map(td => [td.dataset.sev, +td.textContent]))}))"""


def test_review_page_of_the_real_corpus_in_chromium(corpus_page):
    chromium = _browser()
    from playwright.sync_api import expect, sync_playwright

    page_file, findings, out = corpus_page
    url = page_file.resolve().as_uri()
    errors, left = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            def guard(route):  # only the page itself may be loaded
                if route.request.url == url:
                    route.continue_()
                else:
                    left.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            started = time.perf_counter()
            page.goto(url, wait_until="load")
            wall = time.perf_counter() - started
            # from navigation start (ms): the DOM parsed, the load event done, and the page's
            # script finished (filters applied: its performance mark)
            timing = page.evaluate("""() => {
              const nav = performance.getEntriesByType('navigation')[0];
              const ready = performance.getEntriesByName('disclint-ready')[0];
              return {dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, ready: ready ? ready.startTime : null};
            }""")
            size = page_file.stat().st_size
            print(f"\nreview page: {size / 1e6:.2f} MB; DOMContentLoaded {timing['dom']:.0f} ms, load {timing['load']:.0f} ms,"
                  f" script done {timing['ready']:.0f} ms after navigation start; goto() took {wall:.2f} s")
            assert size < 5 * 10**6
            assert timing["ready"] is not None and timing["ready"] <= timing["load"]
            assert timing["load"] < 2000 and timing["dom"] < 2000
            page.screenshot(path=str(out / "overview.png"))
            print(f"screenshots in {out}")

            # every finding once, at its span
            badges = page.evaluate(_BADGES)
            key = lambda d: (d["path"] if "path" in d else d["file"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["severity"])
            assert Counter(map(key, badges)) == Counter(map(key, findings))
            assert len(badges) == len(findings) > 150
            by_key = {}
            for b in badges:
                by_key.setdefault(key(b), []).append(b)
            for d in findings:
                b = next(b for b in by_key[key(d)] if d["message"] in b["tip"])
                by_key[key(d)].remove(b)
                if b["exact"]:
                    assert b["mark_follows"] and b["first_mark_at"] == f"{d['line']}:{d['column']}", d
            exact = [b for b in badges if b["exact"]]
            assert len(exact) >= len(badges) - 3  # only 016's parts missing past the end of its text are not on it
            t3 = next(b for b in exact if b["file"].endswith("003-pingtan-zhqgwh-2020.txt") and b["code"] == "B403" and b["column"] == 5412)
            assert t3["marked"] == "20"  # 表三（七）总计「自然人」: the printed 20 is marked

            # the overview counts are the JSON's; a clean file says so
            per_file = {}
            for d in findings:
                per_file.setdefault(d["path"], Counter())[d["severity"]] += 1
            rows = page.evaluate(_OVERVIEW)
            assert len(rows) == len({b["file"] for b in badges} | {r["file"] for r in rows}) == len(list(REAL.glob("[0-9]*.*")))
            for r in rows:
                want = per_file.get(r["file"], Counter())
                assert r["counts"] == {s: want[s] for s in ("error", "warning", "info")}, r
                assert (r["verdict"] == "无问题") == (not want)
            assert {Path(r["file"]).name for r in rows if r["verdict"] == "无问题"} >= {"015-huaian-city-2024.txt", "015-huaian-city-2024.pdf"}

            # the filters change what is shown
            page.uncheck("input.sev-filter[value=info]")
            shown = [b for b in page.evaluate(_BADGES) if b["shown"]]
            assert len(shown) == sum(1 for d in findings if d["severity"] != "info") and all(b["severity"] != "info" for b in shown)
            assert page.locator("li.finding:not(.off)").count() == len(shown)
            page.check("input.sev-filter[value=info]")
            page.select_option("#code-filter", "B403")
            shown = [b for b in page.evaluate(_BADGES) if b["shown"]]
            assert Counter(map(key, shown)) == Counter(key(d) for d in findings if d["code"] == "B403")
            files = {r["file"] for r in page.evaluate(_OVERVIEW) if r["shown"]}
            assert files == {d["path"] for d in findings if d["code"] == "B403"}
            page.locator("#file-3 .grid-wrap[data-table=表三]").scroll_into_view_if_needed()
            page.screenshot(path=str(out / "003-table3-B403.png"))
            page.select_option("#code-filter", "")
            assert all(b["shown"] for b in page.evaluate(_BADGES))

            # sorting the overview by errors, again to reverse; by file name
            page.click("#overview-table th:has-text('错误')")
            ordered = [r["counts"]["error"] for r in page.evaluate(_OVERVIEW)]
            assert ordered == sorted(ordered) and ordered[0] < ordered[-1]
            page.click("#overview-table th:has-text('错误')")
            assert [r["counts"]["error"] for r in page.evaluate(_OVERVIEW)] == sorted(ordered, reverse=True)
            page.click("#overview-table th:has-text('文件')")
            names = [Path(r["file"]).name for r in page.evaluate(_OVERVIEW)]
            assert names == sorted(names)

            # the failing identity lights its cells; a finding's message shows on hover
            page.locator("#file-13 li[data-fail='0']").hover()
            assert page.locator("#file-13 td.fail.lit").count() == 5
            badge = page.locator("#file-3 sup.fb[data-code=B403]").first
            badge.scroll_into_view_if_needed()
            badge.hover()
            assert page.locator("#file-3 sup.fb[data-code=B403] .tip").first.is_visible()
            page.screenshot(path=str(out / "003-text-B403.png"))

            # a split digit run: each cell shows the value used, the row's note the run once with its cuts
            sec = page.locator("section.file", has=page.locator("h2", has_text="005-pingtan-zhqgwh-2022.txt"))
            row = sec.locator("tr[data-key]", has=page.locator("th.label", has_text="行政规范性文件")).first
            cells = row.locator("td.v")
            assert [cells.nth(i).evaluate("td => [td.textContent, td.querySelectorAll('.raw').length]") for i in range(3)] == [
                ["88", 0], ["55", 0], ["698", 0]]
            row.scroll_into_view_if_needed()
            assert row.locator("td.why .run").count() == 1
            expect(row.locator("td.why .run")).to_have_text("原文「88|55|698」")
            assert row.locator("td.why .run").is_visible()
            page.screenshot(path=str(out / "005-table2-raw.png"))
            # a cross-year finding names last year's cell and links to that report on the page
            rel = page.locator("section.file", has=page.locator("h2", has_text="006-pingtan-zhqgwh-2023.txt")).locator("li.finding[data-code=B602] .related")
            rel.scroll_into_view_if_needed()  # sections off screen are not rendered (content-visibility)
            # (waits for the section to be laid out: a skipped section's innerText is empty until then)

            assert rel.count() == 1
            expect(rel).to_have_text("另见 上年报告「行政规范性文件」现行有效698件：005-pingtan-zhqgwh-2022.txt:10:2368")
            rel.locator("a").click()
            assert page.evaluate("location.hash") == "#" + sec.get_attribute("id")

            # printed: no filters or tips, every report on its own page, all of it laid out
            page.emulate_media(media="print")
            printed = page.evaluate("""() => ({
              filters: getComputedStyle(document.getElementById('filters')).display,
              tips: Array.from(document.querySelectorAll('sup.fb .tip')).filter(t => getComputedStyle(t).display !== 'none').length,
              breaks: Array.from(document.querySelectorAll('section.file')).filter(s => getComputedStyle(s).breakBefore === 'page').length,
              lazy: Array.from(document.querySelectorAll('section.file')).filter(s => getComputedStyle(s).contentVisibility === 'auto').length})""")
            assert printed == {"filters": "none", "tips": 0, "breaks": len(rows), "lazy": 0}
            pdf = page.pdf(path=str(out / "review.pdf"))
            assert pdf.startswith(b"%PDF")
        finally:
            browser.close()
    assert errors == []
    assert left == []

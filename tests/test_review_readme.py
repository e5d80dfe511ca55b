"""The README's examples of the review page and of `disclint show` are what the commands give."""

from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner

from disclint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("### A reviewer's view", 1)[1].split("\n### ", 1)[0]


def _blocks() -> list[str]:
    return re.findall(r"```\n(.*?)```", SECTION, re.S)


def _run(*args: str) -> str:
    here = os.getcwd()
    os.chdir(ROOT)  # the README's paths are relative to the repository
    try:
        result = CliRunner().invoke(main, [*args[:1], "--today", "2026-12-02", *args[1:]], catch_exceptions=False)
    finally:
        os.chdir(here)
    return result.stdout


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_show_example_is_what_show_prints():
    block = next(b for b in _blocks() if b.startswith("$ disclint show "))
    command, *shown = block.rstrip("\n").split("\n")
    out = _run(*command[2:].split()[1:]).split("\n")
    # every line shown (「…」 stands for lines left out) is printed, in this order
    at = 0
    for line in shown:
        if line == "…":
            continue
        at = out.index(line, at) + 1


def test_page_example_is_what_the_page_shows(tmp_path):
    block = next(b for b in _blocks() if b.startswith("总览"))
    lines = dict(re.match(r"(\S+)\s+(.*)", x).groups() for x in block.strip().split("\n") if not x.startswith(" "))
    command = re.search(r"`(disclint check --format html -o review.html (\S+))`", SECTION)
    assert command.group(2) == "tests/data/real/"
    page_file = tmp_path / "review.html"
    _run("check", "--format", "html", "-o", str(page_file), command.group(2))
    page = page_file.read_text(encoding="utf-8")
    sec_no, = re.findall(r'<section class="file" id="file-(\d+)" data-file="[^"]*013-huaian-hongze-district-2023\.pdf"', page)
    sec = page.split(f'<section class="file" id="file-{sec_no}"', 1)[1].split("</section>", 1)[0]
    row = re.search(r'<tr data-file="[^"]*013-huaian-hongze-district-2023\.pdf">(.*?)</tr>', page).group(1)
    cells = [_text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    name, organ, year, rs, fmt, e, w, i, verdict = cells
    assert lines["总览"].split("  ") == [name, organ, year, rs, fmt, f"错误{e} 警告{w} 提示{i}", verdict]
    finding = next(_text(li) for li in re.findall(r'<li class="finding[^"]*"[^>]*>(.*?)</li>', sec) if "B404" in li)
    assert finding.replace(" (table4-group-total)", "") == lines["发现"]
    t4 = re.search(r'<div class="grid-wrap" data-table="表四">(.*?)</div>', sec, re.S).group(1)
    first = re.search(r'<th class="label">行政复议</th>(.*?)</tr>', t4).group(1)
    assert re.findall(r'<td class="v ok fail"[^>]*>(\d+)</td>', first) == lines["表四"].split("(")[0].split()[1:]
    following = block.split("\n表四", 1)[1].split("\n")[1].strip()
    assert _text(re.search(r'<li class="sev-error" data-fail="0">(.*?)</li>', t4).group(1)).split(" — ")[0] == following
    assert f'<caption class="place">{lines["正文"].split(" … ")[1]}</caption>' in sec

"""``disclint show FILE``: what disclint read in one report, for a terminal or a machine.

The outline with each heading's assignment to the six parts, the tables with the values
the balance checks used, and the findings. Columns are aligned by display width
(wcwidth: a CJK character takes two columns).
"""

from __future__ import annotations

import json
import os

from wcwidth import wcswidth

from . import review
from .analysis import identity
from .engine import Linter
from .reporters.escape import escape as e
from .reporters.text import paint

# The tool's own words in each --lang (as check's summary); what comes from the report and
# the rule sets (headings, labels, findings, reasons) stays as written.
_WORDS = {
    "zh": {
        "sev": {"error": "错误", "warning": "警告", "info": "提示"},
        "format": {"2019": "2019年格式", "2021": "2021年格式", "legacy": "旧模板（早于现行格式）", "unclear": "不明"},
        "quality": {"exact": "标题一致", "variant": "已知变体", "near": "近似（疑似写错）", "reworded": "改写的标题"},
        "title": "  标题：{}", "unrecognised": "（未识别）", "unknown": "不明",
        "facts": "  机关：{organ}  年度：{year}  规则集：{ruleset}  表格格式：{format}  读取方式：{reader}",
        "parts": "六个部分", "parts-head": ["规定的部分", "报告中的标题", "位置", "判定"], "not-found": "（未找到）",
        "repeats": "，另出现{}次", "misnumbered": "，编号写作「{}」",
        "extra": {"extra": "（格式没有的部分）", "split": "（上一部分的续写）"}, "extra-verdict": {"extra": "格式没有此部分", "split": "一个部分分写为两个"},
        "parts-legacy": "六个部分：本报告所用规则集不要求（早于现行格式的报告没有统一格式）", "parts-none": "六个部分：本报告所用规则集不要求",
        "tables-legacy": "统计表：旧模板，不按现行格式核算", "tables-none": "统计表：未读到表二、表三、表四",
        "excluded": "（整表不参与核算：{}）", "note": "说明", "missing-row": "缺此行", "note-sep": "；",
        "written": "报告写作「{}」", "raw": "原文「{}」", "raw-sep": "、", "sides": "  * {code} {where}：两边：{left} ≠ {right}",
        "findings": "发现（{}）", "clean": "发现：无问题", "see": "    另见 {what}：{path}:{where}",
    },
    "en": {
        "sev": {"error": "error", "warning": "warning", "info": "info"},
        "format": {"2019": "2019 format", "2021": "2021 format", "legacy": "legacy template (before the current formats)", "unclear": "unclear"},
        "quality": {"exact": "as required", "variant": "known variant", "near": "close (likely mistyped)", "reworded": "reworded"},
        "title": "  title: {}", "unrecognised": "(not recognised)", "unknown": "unknown",
        "facts": "  organ: {organ}  year: {year}  rule set: {ruleset}  table format: {format}  read as: {reader}",
        "parts": "The six parts", "parts-head": ["Required part", "Heading in the report", "Place", "Verdict"], "not-found": "(not found)",
        "repeats": ", {} more time(s)", "misnumbered": ", numbered 「{}」",
        "extra": {"extra": "(not in the format)", "split": "(continues the part above)"},
        "extra-verdict": {"extra": "a part the format does not have", "split": "one part written as two"},
        "parts-legacy": "The six parts: not required by this report's rule set (reports before the current formats have no common format)",
        "parts-none": "The six parts: not required by this report's rule set",
        "tables-legacy": "Tables: legacy template, not balanced by the current formats", "tables-none": "Tables: 表二, 表三, 表四 not found",
        "excluded": " (whole table kept out of the arithmetic: {})", "note": "note", "missing-row": "row missing", "note-sep": "; ",
        "written": "written 「{}」", "raw": "as written 「{}」", "raw-sep": ", ", "sides": "  * {code} {where}: sides: {left} ≠ {right}",
        "findings": "Findings ({})", "clean": "Findings: none", "see": "    see also {what}: {path}:{where}",
    },
}


def width(text: str) -> int:
    w = wcswidth(text)
    return w if w >= 0 else len(text)  # a control character: count it as one


def _pad(text: str, to: int, right: bool = False) -> str:
    gap = " " * max(to - width(text), 0)
    return gap + text if right else text + gap


def columns(rows: list[list[str]], numeric: set[int] = frozenset()) -> list[str]:
    """Rows of cells as lines, each column as wide as its widest cell (display width)."""
    n = max((len(r) for r in rows), default=0)
    widths = [max((width(r[i]) for r in rows if i < len(r)), default=0) for i in range(n)]
    out = []
    for r in rows:
        cells = [_pad(c, widths[i], right=i in numeric) for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return out


def _place(line: int, column: int, logical: str | None) -> str:
    return f"{line}:{column}" + (f" {logical}" if logical else "")


def _cell(c: review.GridCell) -> str:
    return e(c.shown) + ("*" if c.failing else "")


def _written(cells: list[review.GridCell], w: dict) -> str:
    """The texts as written where the values used differ: each digit run cut into cells once
    (two runs written alike are named twice), and each other cell read otherwise than written."""
    cut = {run.cells[0]: run for run in review.runs(cells)}
    inside = {i for run in cut.values() for i in run.cells}
    raws = []
    for i, c in enumerate(cells):
        if i in cut:
            raws.append(cut[i].raw.strip())
        elif c.raw_differs and i not in inside:
            raws.append(c.raw.strip())
        elif c.cut_from and not (i and cells[i - 1].cut_from == c.cut_from):  # words cut from one run: the run once
            raws.append(c.cut_from.strip())
    return w["raw-sep"].join(w["raw"].format(e(r)) for r in raws)


def text(rv: review.Review, lang: str = "zh", color: bool = False) -> str:
    """``lang``: the tool's own words (check's --lang); ``color``: findings coloured by severity
    as check's text output colours them (reporters/text.py). What comes from the report or the
    file name is shown with its control characters escaped (``e``), as check shows it: a
    terminal escape or a line end in a heading, a cell or a path is printed, not obeyed."""
    w = _WORDS[lang]
    lines = [e(rv.path), w["title"].format(e(rv.title) if rv.title else w["unrecognised"])]
    lines.append(w["facts"].format(organ=e(rv.organ) if rv.organ else w["unknown"], year=rv.year or w["unknown"], ruleset=e(rv.ruleset),
                                   format=w["format"][rv.format], reader=rv.reader or "—"))
    if rv.parts:
        lines += ["", w["parts"]]
        rows = [list(w["parts-head"])]
        for p in rv.parts:
            official = f"{p.number}、{p.title}" if not p.extra else w["extra"][p.extra]
            if p.extra:
                rows.append([official, e(p.heading), e(_place(p.line, p.column, p.logical)), w["extra-verdict"][p.extra]])
            elif p.heading:
                judged = (w["quality"].get(p.quality, p.quality) + (w["misnumbered"].format(e(p.numbered)) if p.misnumbered else "")
                          + (w["repeats"].format(p.repeats) if p.repeats else ""))
                rows.append([official, e(p.heading), e(_place(p.line, p.column, p.logical)), judged])
            else:
                rows.append([official, w["not-found"], "", ""])
        lines += ["  " + x for x in columns(rows)]
    else:
        lines += ["", w["parts-legacy"] if rv.format == "legacy" else w["parts-none"]]
    if not rv.tables:
        lines += ["", w["tables-legacy"] if rv.format == "legacy" else w["tables-none"]]
    for g in rv.tables:
        lines += ["", e(g.title) + (w["excluded"].format(e(g.excluded)) if g.excluded else "")]
        rows = [["", *map(e, g.columns), w["note"]]]
        for r in g.rows:
            if r.group:
                rows.append([e(r.label)])
                continue
            if not r.found:
                rows.append([e(r.label), *(["—"] * len(g.columns)), w["missing-row"]])
                continue
            note = w["note-sep"].join(x for x in (e(r.excluded), w["written"].format(e(r.written)) if r.written_differs else "", _written(r.cells, w)) if x)
            rows.append([e(r.label), *[_cell(c) for c in r.cells], note])
        lines += ["  " + x for x in columns(rows, numeric=set(range(1, len(g.columns) + 1)))]
        for f in g.failures:
            lines.append(w["sides"].format(code=f.code, where=e(f.where), left=e(f.left), right=e(f.right)))
    lines += ["", w["findings"].format(len(rv.diagnostics)) if rv.diagnostics else paint(w["clean"], None, color)]
    for d in rv.diagnostics:
        code, sev = paint(d.code, d.severity, color, bold=True), paint(f"[{w['sev'][d.severity]}]", d.severity, color)
        lines.append(f"  {e(_place(d.line, d.column, d.logical))}: {code} {sev} {e(d.message)}")
        lines += [w["see"].format(what=e(what), path=e(path), where=e(where)) for what, path, where in review.related(d)]
    return "\n".join(lines) + "\n"


def render(linter: Linter, path: str, fmt: str = "text", find_history: bool = False, lang: str = "zh", color: bool = False) -> str:
    """``find_history``: last year's report found beside ``path`` is read for the cross-year checks
    (analysis/identity.py); only ``path`` is shown."""
    history = []
    if find_history and os.path.isfile(path):
        history = identity.history_for(identity.Finder(linter.read, linter.extensions, linter.read_head), [path], [])
    result = [r for r in linter.check_paths([path, *history], context=history) if os.path.abspath(r.path) not in {os.path.abspath(h) for h in history}]
    reviews = [review.build(linter, r) for r in result]
    if fmt == "json":
        data = [rv.as_json() for rv in reviews]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(text(rv, lang, color) for rv in reviews)

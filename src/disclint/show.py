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

_SEV_CN = {"error": "错误", "warning": "警告", "info": "提示"}
_FORMAT_CN = {"2019": "2019年格式", "2021": "2021年格式", "legacy": "旧模板（早于现行格式）", "unclear": "不明"}
_QUALITY_CN = {"exact": "标题一致", "variant": "已知变体", "near": "近似（疑似写错）", "reworded": "改写的标题"}


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
    return c.shown + ("*" if c.failing else "")


def _written(cells: list[review.GridCell]) -> str:
    """The texts as written where the values used differ (a split digit run, once per row)."""
    raws = list(dict.fromkeys(c.raw.strip() for c in cells if c.raw_differs))
    return "、".join(f"原文「{r}」" for r in raws)


def text(rv: review.Review) -> str:
    lines = [rv.path]
    lines.append(f"  标题：{rv.title or '（未识别）'}")
    lines.append(f"  机关：{rv.organ or '不明'}  年度：{rv.year or '不明'}  规则集：{rv.ruleset}  "
                 f"表格格式：{_FORMAT_CN[rv.format]}  读取方式：{rv.reader or '—'}")
    if rv.parts:
        lines += ["", "六个部分"]
        rows = [["规定的部分", "报告中的标题", "位置", "判定"]]
        for p in rv.parts:
            official = f"{p.number}、{p.title}"
            if p.heading:
                judged = _QUALITY_CN.get(p.quality, p.quality) + (f"，另出现{p.repeats}次" if p.repeats else "")
                rows.append([official, p.heading, _place(p.line, p.column, p.logical), judged])
            else:
                rows.append([official, "（未找到）", "", ""])
        lines += ["  " + x for x in columns(rows)]
    else:
        lines += ["", "六个部分：本报告所用规则集不要求（早于现行格式的报告没有统一格式）" if rv.format == "legacy" else "六个部分：本报告所用规则集不要求"]
    if not rv.tables:
        lines += ["", "统计表：旧模板，不按现行格式核算" if rv.format == "legacy" else "统计表：未读到表二、表三、表四"]
    for g in rv.tables:
        lines += ["", g.title + (f"（整表不参与核算：{g.excluded}）" if g.excluded else "")]
        rows = [["", *g.columns, "说明"]]
        for r in g.rows:
            if r.group:
                rows.append([r.label])
                continue
            if not r.found:
                rows.append([r.label, *(["—"] * len(g.columns)), "缺此行"])
                continue
            note = "；".join(x for x in (r.excluded, f"报告写作「{r.written}」" if r.written_differs else "", _written(r.cells)) if x)
            rows.append([r.label, *[_cell(c) for c in r.cells], note])
        lines += ["  " + x for x in columns(rows, numeric=set(range(1, len(g.columns) + 1)))]
        for f in g.failures:
            lines.append(f"  * {f.code} {f.where}：两边：{f.left} ≠ {f.right}")
    lines += ["", f"发现（{len(rv.diagnostics)}）" if rv.diagnostics else "发现：无问题"]
    for d in rv.diagnostics:
        lines.append(f"  {_place(d.line, d.column, d.logical)}: {d.code} [{_SEV_CN[d.severity]}] {d.message}")
        lines += [f"    另见 {what}：{path}:{where}" for what, path, where in review.related(d)]
    return "\n".join(lines) + "\n"


def render(linter: Linter, path: str, fmt: str = "text", find_history: bool = False) -> str:
    """``find_history``: last year's report found beside ``path`` is read for the cross-year checks
    (analysis/identity.py); only ``path`` is shown."""
    history = []
    if find_history and os.path.isfile(path):
        history = identity.history_for(identity.Finder(linter.read, linter.extensions), [path], [])
    result = [r for r in linter.check_paths([path, *history]) if os.path.abspath(r.path) not in {os.path.abspath(h) for h in history}]
    reviews = [review.build(linter, r) for r in result]
    if fmt == "json":
        data = [rv.as_json() for rv in reviews]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(text(rv) for rv in reviews)

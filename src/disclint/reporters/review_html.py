"""``--format html``: one self-contained review page for a run (inline CSS and JS, no network).

The page holds an overview of every file, then per file its findings, the six parts as
found, the tables as read (the values the balance checks used, failing identities on
their cells) and the report text with each finding marked at its span; last, the
documentation of every rule that fired. The facts come from :mod:`disclint.review`.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from pathlib import Path

from .. import __version__, review
from ..model import Table

_ASSETS = Path(__file__).resolve().parent / "review_assets"
_SEV_CN = {"error": "错误", "warning": "警告", "info": "提示"}
_FORMAT_CN = {"2019": "2019年格式", "2021": "2021年格式", "legacy": "旧模板（早于现行格式）", "unclear": "不明"}
_QUALITY_CN = {"exact": "标题一致", "variant": "已知变体", "near": "近似（疑似写错）", "reworded": "改写的标题"}
_LONG_BLOCK = 300  # a block longer than this (a flattened page) is re-broken for reading
_SENTENCE_END = re.compile(r"[。！？；](?=.)")
_PAGE = re.compile(r"page\[(\d+)\]")
_EXTRA_CN = {"extra": ("（格式没有的部分）", "格式没有此部分"), "split": ("（上一部分的续写）", "一个部分分写为两个")}
_UNKNOWN = '<span class="meta">不明</span>'


def _e(text) -> str:
    return escape(str(text), quote=True)


def _page_of(logical: str | None) -> str:
    """A PDF place's page as a reader says it (「第4页」), '' for other places."""
    m = _PAGE.match(logical or "")
    return f"第{m.group(1)}页" if m else ""


def _where(line: int, column: int, logical: str | None, sep: str = " ") -> str:
    """line:column, then the logical place (DOCX table[2]/row[5]/cell[3], PDF page[4]/line[28]),
    then for PDF the page in words."""
    page = _page_of(logical)
    return f"{line}:{column}" + (f"{sep}{logical}" if logical else "") + (f"（{page}）" if page else "")


def _rule_id(rule) -> str:
    return f"rule-{rule.ruleset}-{rule.id}"


class _Page:
    def __init__(self, linter):
        self.linter = linter
        self.out: list[str] = []
        self.rules: dict[str, object] = {}  # anchor id -> rule, for the documentation part
        self.fid = 0
        self.page: str | None = None  # the PDF page the text shown last is on
        self.files: dict[str, int] = {}  # path -> its section's number, for links between reports

    def w(self, *parts: str) -> None:
        self.out.extend(parts)

    def rule_link(self, rv: review.Review, code: str) -> str:
        rs = self.linter.rulesets.get(rv.ruleset)
        rule = rs.rules.get(code) if rs else None
        if rule is None:
            return ""
        anchor = _rule_id(rule)
        self.rules.setdefault(anchor, rule)
        return f'<a href="#{anchor}">规则说明</a>'

    # -- one file ---------------------------------------------------------------
    def file(self, n: int, rv: review.Review, fids: list[str]) -> None:
        self.w(f'<section class="file" id="file-{n}" data-file="{_e(rv.path)}">')
        self.w(f"<h2>{_e(rv.path)}</h2>")
        self.w(f'<p class="meta">{_e(rv.title or "（未识别出标题）")} · 机关：{_e(rv.organ or "不明")} · 年度：{_e(rv.year or "不明")}'
               f" · 规则集：{_e(rv.ruleset)} · 表格格式：{_e(_FORMAT_CN[rv.format])} · 读取方式：{_e(rv.reader or '—')}</p>")
        self.findings(rv, fids)
        self.outline(rv)
        self.tables(rv)
        self.text(rv, fids)
        self.w("</section>")

    def findings(self, rv, fids) -> None:
        self.w("<h3>发现</h3>")
        if rv.clean:
            self.w('<p class="clean">无问题</p>')
            return
        self.w('<ol class="findings">')
        for p, fid in zip(rv.placed, fids):
            d = p.diagnostic
            place = _where(d.line, d.column, d.logical)
            self.w(f'<li class="finding sev-{d.severity}" data-fid="{fid}" data-code="{_e(d.code)}">'
                   f'<a class="place" href="#{fid}">{_e(place)}</a> <span class="code">{_e(d.code)}</span> '
                   f'<span class="sevname">[{_SEV_CN[d.severity]}]</span> {_e(d.message)} '
                   f'<span class="place">({_e(d.name)})</span> {self.rule_link(rv, d.code)}{self.related(d)}</li>')
        self.w("</ol>")

    def related(self, d) -> str:
        """Last year's cell for a cross-year finding, linked to that report's part of the page when it is in it."""
        out = []
        for what, path, where in review.related(d):
            n = self.files.get(path)
            shown = f"{Path(path).name}:{where}"
            link = f'<a href="#file-{n}">{_e(shown)}</a>' if n else _e(shown)
            out.append(f'<div class="related" data-path="{_e(path)}" data-where="{_e(where)}">另见 {_e(what)}：{link}</div>')
        return "".join(out)

    def outline(self, rv) -> None:
        if not rv.parts:
            return
        self.w('<h3>六个部分</h3><table class="outline"><thead><tr><th>规定的部分</th><th>报告中的标题</th><th>位置</th><th>判定</th></tr></thead><tbody>')
        for p in rv.parts:
            if p.extra:
                where = _where(p.line, p.column, p.logical)
                self.w(f'<tr class="extra"><td class="place">{_EXTRA_CN[p.extra][0]}</td><td>{_e(p.heading)}</td><td class="place">{_e(where)}</td>'
                       f"<td>{_EXTRA_CN[p.extra][1]}</td></tr>")
            elif p.heading:
                where = _where(p.line, p.column, p.logical)
                judged = (_QUALITY_CN.get(p.quality, p.quality) + (f"，编号写作「{p.numbered}」" if p.misnumbered else "")
                          + (f"，另出现{p.repeats}次" if p.repeats else ""))
                self.w(f"<tr><td>{_e(p.number)}、{_e(p.title)}</td><td>{_e(p.heading)}</td><td class=\"place\">{_e(where)}</td><td>{_e(judged)}</td></tr>")
            else:
                self.w(f'<tr><td>{_e(p.number)}、{_e(p.title)}</td><td class="missing" colspan="3">未找到</td></tr>')
        self.w("</tbody></table>")

    def tables(self, rv) -> None:
        if not rv.tables:
            if rv.format == "legacy":
                self.w('<h3>表格数值</h3><p class="meta">旧模板统计表，不按现行格式核算。</p>')
            return
        self.w("<h3>表格数值（核算所用）</h3>")
        for g in rv.tables:
            self.w(f'<div class="grid-wrap" data-table="{_e(g.title)}"><h4>{_e(g.title)}</h4>')
            if g.excluded:
                self.w(f'<p class="meta">整表不参与核算：{_e(g.excluded)}</p>')
            self.w(f'<table class="grid" data-table="{_e(g.title)}"><thead><tr><th></th>')
            self.w("".join(f"<th>{_e(c)}</th>" for c in g.columns))
            self.w("<th>说明</th></tr></thead><tbody>")
            for r in g.rows:
                cls = "excluded" if (r.excluded or g.excluded) else ("group" if r.group else ("notfound" if not r.found else ""))
                written = f"<small>报告写作：{_e(r.written)}</small>" if r.written_differs else ""
                self.w(f'<tr class="{cls}" data-key="{_e(r.key)}"><th class="label">{_e(r.label)}{written}</th>')
                if r.group:
                    self.w(f'<td colspan="{len(g.columns) + 1}"></td></tr>')
                    continue
                if not r.found:
                    self.w(f'<td colspan="{len(g.columns)}" class="blank">缺此行</td><td></td></tr>')
                    continue
                cut = review.runs(r.cells)
                in_run = {i: k for k, run in enumerate(cut) for i in run.cells}
                for i, c in enumerate(r.cells):
                    self.w(self.grid_cell(c, in_run.get(i)))
                self.w(f'<td class="why">{_e(r.excluded or g.excluded)}{"".join(self.run_note(k, run) for k, run in enumerate(cut))}</td></tr>')
            self.w("</tbody></table>")
            if g.failures:
                self.w('<ul class="failures">')
                for i, f in enumerate(g.failures):
                    self.w(f'<li class="sev-error" data-fail="{i}"><span class="code">{_e(f.code)}</span> {_e(f.where)}：'
                           f'两边：<b class="lsum">{_e(f.left)}</b> ≠ <b class="rsum">{_e(f.right)}</b> — {_e(f.message)}</li>')
                self.w("</ul>")
            self.w("</div>")

    @staticmethod
    def grid_cell(c: review.GridCell, run: int | None = None) -> str:
        """``run``: the index of the digit run this cell was cut from (its text is shown once, in
        the row's note, by :meth:`run_note`), or None."""
        classes = ["v", c.status]
        if c.failing:
            classes.append("fail")
        raw, extra = "", ""
        if run is not None:
            classes.append("cut")
            extra = f' data-run="{run}"'
        elif c.raw_differs:
            raw = f'<span class="raw">原文「{_e(c.raw)}」</span>'
        elif c.status == "blank":
            raw = '<span class="raw">空白，作加数时按0计</span>'
        elif c.status == "non-numeric":
            raw = '<span class="raw">不是数字，不参与核算' + (f"；原文「{_e(c.cut_from)}」" if c.cut_from else "") + "</span>"
        place = _where(c.line, c.column, c.logical)
        return (f'<td class="{" ".join(classes)}" data-value="{_e(c.value)}" data-status="{c.status}"{extra} '
                f'data-failing="{" ".join(map(str, c.failing))}" title="{_e(place)}">{_e(c.shown)}{raw}</td>')

    @staticmethod
    def run_note(k: int, run: review.Run) -> str:
        """A run of digits cut into cells, once: 原文「88|55|698」 with the cuts marked, or, when the
        cells' values do not make up the run exactly, the run and into how many cells it went."""
        if run.parts:
            shown = "原文「" + '<span class="cutmark">|</span>'.join(_e(p) for p in run.parts) + "」"
        else:
            shown = f"原文「{_e(run.raw)}」（拆为{len(run.cells)}个单元格）"
        return f'<span class="run" data-run="{k}">{shown}</span>'


    # -- the text with the findings on it --------------------------------------------
    def text(self, rv, fids) -> None:
        self.w('<h3>报告正文（读取所得）</h3><div class="text">')
        on_node: dict[int, list[tuple[review.Placed, str]]] = {}
        before_block: dict[int | None, list[tuple[review.Placed, str]]] = {}
        for p, fid in zip(rv.placed, fids):
            if p.exact:
                on_node.setdefault(p.node, []).append((p, fid))
            else:
                block = rv.nodes[p.near].block if p.near is not None else None
                before_block.setdefault(block, []).append((p, fid))
        node_of_block: dict[int, list[int]] = {}
        for i, n in enumerate(rv.nodes):
            node_of_block.setdefault(n.block, []).append(i)
        heads = {}
        for part in rv.parts:
            if part.block is not None:
                heads.setdefault(part.block, []).append((part.offset, part.end_offset))
        self.page = None
        for b_index, block in enumerate(rv.doc.blocks):
            m = _PAGE.match(block.span.logical or "")
            if m and m.group(1) != self.page:
                self.page = m.group(1)
                self.w(f'<div class="page">第{self.page}页</div>')
            for p, fid in before_block.get(b_index, []):
                self.w(self.badge(rv, p, fid, approx=True))
            if isinstance(block, Table):
                self.raw_table(rv, block, node_of_block.get(b_index, []), on_node, fids)
                continue
            ni = node_of_block[b_index][0]
            node = rv.nodes[ni]
            at = f' title="{_e(block.span.logical)}"' if block.span.logical else ""
            for a, z, is_head in _pieces(node.text, heads.get(b_index, [])):
                self.w(f'<p class="h"{at}>' if (is_head or block.kind == "heading") else f"<p{at}>")
                self.w(self.marked(rv, ni, a, z, on_node.get(ni, [])))
                self.w("</p>")
        for p, fid in before_block.get(None, []):
            self.w(f'<p>{self.badge(rv, p, fid, approx=True)}<span class="meta">（位置在读取所得文字之外：{p.diagnostic.line}:{p.diagnostic.column}）</span></p>')
        self.w("</div>")

    def raw_table(self, rv, table: Table, node_ids: list[int], on_node, fids) -> None:
        by_cell = {id(rv.nodes[i].cell): i for i in node_ids}
        rows: dict[int, list] = {}
        for c in table.cells:
            rows.setdefault(c.row, []).append(c)
        self.w(f'<table class="raw" data-source="{_e(table.source)}">')
        if table.span.logical:  # DOCX: table[3]; PDF: the page and line it starts on
            page = _page_of(table.span.logical)
            self.w(f'<caption class="place">表格 {_e(table.span.logical)}{"（" + page + "起）" if page else ""}</caption>')
        for r in range(table.n_rows):
            row = sorted(rows.get(r, []), key=lambda c: c.col)
            # a PDF table running onto the next page: the page's divider as a row of its own
            m = _PAGE.match(row[0].textmap.span(0, 1).logical or "") if row else None
            if m and m.group(1) != self.page:
                self.page = m.group(1)
                self.w(f'<tr class="page"><td colspan="{max(table.n_cols, 1)}">第{self.page}页</td></tr>')
            self.w("<tr>")
            for c in row:
                ni = by_cell[id(c)]
                span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                logical = c.textmap.span(0, 1).logical
                where = f' title="{_e(logical)}"' if logical else ""
                self.w(f"<td{span}{where}>{self.marked(rv, ni, 0, len(c.text), on_node.get(ni, []))}</td>")
            self.w("</tr>")
        self.w("</table>")

    def marked(self, rv, ni: int, a: int, z: int, here) -> str:
        """``node.text[a:z]`` with every finding on it: a badge at its start, a mark over its span."""
        node = rv.nodes[ni]
        text = node.text
        marks = [(p.start, p.end, p, fid) for p, fid in here if p.start < z and p.end > a or (p.start == p.end == a == z)]
        if not text:  # a blank cell: its findings sit on the empty cell itself
            out = []
            for _s, _e2, p, fid in marks:
                line, col = node.pos(0)
                out.append(self.badge(rv, p, fid) + f'<mark class="hl empty sev-{p.diagnostic.severity}" data-f="{fid}" data-at="{line}:{col}"></mark>')
            return "".join(out)
        cuts = {a, z}
        for s, e, _p, _f in marks:
            cuts.update(x for x in (s, e) if a < x < z)
        cuts = sorted(cuts)
        out = []
        for x, y in zip(cuts, cuts[1:]):
            for s, _e2, p, fid in marks:
                if s == x:
                    out.append(self.badge(rv, p, fid))
            cover = [(p, fid) for s, e, p, fid in marks if s <= x < e]
            piece = _e(text[x:y])
            if cover:
                worst = min((p.diagnostic.severity for p, _ in cover), key=["error", "warning", "info"].index)
                line, col = node.pos(x)
                out.append(f'<mark class="hl sev-{worst}" data-f="{" ".join(f for _, f in cover)}" data-at="{line}:{col}">{piece}</mark>')
            else:
                out.append(piece)
        return "".join(out)

    def badge(self, rv, p: review.Placed, fid: str, approx: bool = False) -> str:
        d = p.diagnostic
        place = _where(d.line, d.column, d.logical, " · ")
        note = "（位置不在文字内，标在其后最近处）" if approx else ""
        return (f'<sup class="fb sev-{d.severity}{" approx" if approx else ""}" id="{fid}" tabindex="0" data-fid="{fid}" '
                f'data-file="{_e(rv.path)}" data-code="{_e(d.code)}" data-sev="{d.severity}" data-line="{d.line}" data-col="{d.column}" '
                f'data-end-line="{d.end_line}" data-end-col="{d.end_column}" data-exact="{int(p.exact)}">{_e(d.code)}'
                f'<span class="tip"><b>{_e(d.code)} [{_SEV_CN[d.severity]}]</b> {_e(d.message)}<br>'
                f'<span class="place">{_e(place)}</span>{note} {self.rule_link(rv, d.code)}</span></sup>')

    # -- the rule documentation ------------------------------------------------------
    def rule_docs(self) -> None:
        if not self.rules:
            return
        self.w('<section id="rules"><h2>规则说明</h2>')
        for anchor, rule in sorted(self.rules.items(), key=lambda x: (x[1].id, x[0])):
            self.w(f'<article class="rule sev-{rule.severity}" id="{anchor}"><h3><span class="code">{_e(rule.id)}</span> {_e(rule.name)}'
                   f' <span class="sevname">[{_SEV_CN.get(rule.severity, rule.severity)}]</span> <span class="place">（{_e(rule.ruleset)}）</span></h3><dl>')
            for title, text, pre in (("检查什么", rule.description, False), ("为什么", rule.why, False), ("依据", rule.basis, False),
                                     ("不合格示例", rule.example_fail, True), ("合格示例", rule.example_pass, True)):
                if text:
                    body = f"<pre>{_e(text.rstrip())}</pre>" if pre else _e(text.strip())
                    self.w(f"<dt>{title}</dt><dd>{body}</dd>")
            self.w("</dl></article>")
        self.w("</section>")


def _pieces(text: str, heads: list[tuple[int, int]]):
    """Reading pieces of a block: [(start, end, is_heading)].

    A short block is one piece. A long one (a page flattened onto one line) is broken
    before and after each section heading found in it, and after sentence ends once a
    piece has grown long; the characters are unchanged, only the breaks are added.
    """
    if len(text) <= _LONG_BLOCK:
        return [(0, len(text), any(s == 0 for s, _e in heads))]
    cuts = {0, len(text)}
    head_starts = set()
    for s, e in heads:
        cuts.update((s, e))
        head_starts.add(s)
    last = 0
    for m in _SENTENCE_END.finditer(text):
        at = m.end()
        nearest = max([c for c in cuts if c <= at], default=0)
        if at - max(last, nearest) >= 120:
            cuts.add(at)
            last = at
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    return [(x, y, x in head_starts) for x, y in zip(cuts, cuts[1:]) if y > x]


def render(results, linter) -> str:
    reviews = [review.build(linter, r) for r in results]
    page = _Page(linter)
    css = (_ASSETS / "review.css").read_text(encoding="utf-8")
    js = (_ASSETS / "review.js").read_text(encoding="utf-8")
    totals = Counter(d.severity for rv in reviews for d in rv.diagnostics)
    codes = sorted({d.code for rv in reviews for d in rv.diagnostics})
    page.w('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           # nothing on this page may be fetched: no scripts, styles, fonts or images from elsewhere
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
           f"<title>disclint 审阅页：{len(reviews)} 份报告</title><style>{css}</style></head><body>")
    page.w('<header class="top"><h1>disclint 审阅页</h1><div id="filters">',
           f'<span>{len(reviews)} 份报告，{sum(totals.values())} 条发现（错误 {totals["error"]}，警告 {totals["warning"]}，提示 {totals["info"]}）</span>')
    for s in ("error", "warning", "info"):
        page.w(f'<label><input type="checkbox" class="sev-filter" value="{s}" checked> {_SEV_CN[s]}</label>')
    page.w('<label>规则 <select id="code-filter"><option value="">全部</option>')
    page.w("".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in codes))
    page.w('</select></label><span id="shown-count"></span></div></header><main>')
    # overview
    page.w('<section id="overview"><h2>总览</h2><table id="overview-table"><thead><tr>',
           '<th data-sort="text">文件</th><th data-sort="text">机关</th><th data-sort="num">年度</th><th data-sort="text">规则集</th>',
           '<th data-sort="text">表格格式</th><th data-sort="num">错误</th><th data-sort="num">警告</th><th data-sort="num">提示</th><th data-sort="text">结论</th>',
           "</tr></thead><tbody>")
    all_fids = []
    for n, rv in enumerate(reviews, start=1):
        fids = []
        for _ in rv.placed:
            page.fid += 1
            fids.append(f"f{page.fid}")
        all_fids.append(fids)
        c = rv.counts
        verdict = '<td class="clean" data-v="0">无问题</td>' if rv.clean else f'<td data-v="1">{sum(c.values())} 条</td>'
        page.w(f'<tr data-file="{_e(rv.path)}"><td data-v="{_e(rv.path)}"><a href="#file-{n}">{_e(Path(rv.path).name)}</a></td>'
               f'<td data-v="{_e(rv.organ)}">{_e(rv.organ) or _UNKNOWN}</td><td data-v="{rv.year or 0}">{_e(rv.year) if rv.year else _UNKNOWN}</td>'
               f'<td data-v="{_e(rv.ruleset)}">{_e(rv.ruleset)}</td><td data-v="{rv.format}" data-format="{rv.format}">{_e(_FORMAT_CN[rv.format])}</td>'
               + "".join(f'<td class="n sev-{s}" data-sev="{s}" data-v="{c[s]}">{c[s]}</td>' for s in ("error", "warning", "info"))
               + f"{verdict}</tr>")
    page.w("</tbody></table></section>")
    page.files = {rv.path: n for n, rv in enumerate(reviews, start=1)}
    for n, (rv, fids) in enumerate(zip(reviews, all_fids), start=1):
        page.file(n, rv, fids)
    page.rule_docs()
    page.w(f'</main><footer class="meta" style="padding:1em">disclint {__version__}</footer><script>{js}</script></body></html>\n')
    return "".join(page.out)


def report(results, stream, linter=None) -> None:
    if linter is None:
        from ..engine import Linter

        linter = Linter()
    stream.write(render(results, linter))


report.wants_linter = True  # the CLI passes its linter: the page shows the rule sets it used

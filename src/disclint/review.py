"""What a reviewer sees of one report: the facts behind its findings, as plain data.

Built from the same analyses the checkers use (the document model, the rule set's
section analysis, :class:`disclint.analysis.tables.TablesView`), never by reading anew:
the outline with each heading's assignment to the six parts, the 表二/表三/表四 values
the balance checks used, the failing identities on the cells they involve, and every
finding placed on the text node (block or table cell) its position falls in. The HTML
page and ``disclint show`` both render this.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

from . import facts
from .checking import Context
from .engine import Diagnostic, FileResult, Linter
from .model import Block, Cell, Document, Table
from .rules.model import SEVERITIES
from .reporters.json import element
from .reporters.json import place as related_place
from .analysis.tables import TablesView, Value, analyse, fmt_num, norm


# -- where each finding sits ---------------------------------------------------------


def related(d: Diagnostic) -> list[tuple[str, str, str]]:
    """The other places ``d`` compares with (last year's cell): (what is there, file, line:col or logical place)."""
    out = []
    for r in d.related:
        at = related_place(r)
        out.append((r.message, r.path, at["logical"] or f"{at['line']}:{at['column']}"))
    return out



@dataclass
class Placed:
    """A finding on the text: node ``node`` (index into ``Review.nodes``), characters [start, end)."""

    diagnostic: Diagnostic
    node: int | None  # None: the position is in no node's text (shown before ``near``)
    start: int = 0
    end: int = 0
    near: int | None = None  # the first node after the position, when not placed exactly

    @property
    def exact(self) -> bool:
        return self.node is not None


@dataclass
class Node:
    """A piece of the report's text as read: a heading/paragraph block or one table cell."""

    text: str
    block: int  # index in doc.blocks
    cell: Cell | None = None
    textmap: object = None

    def pos(self, offset: int) -> tuple[int, int]:
        p = self.textmap.pos(offset)
        return p.line, p.column


class _PositionIndex:
    """(line, column) -> (node, offset), from the nodes' text maps; linear in their anchors."""

    def __init__(self, nodes: list[Node]):
        self._nodes = nodes
        self._by_line: dict[int, list[tuple[int, int, int, int]]] = {}
        self._starts: list[tuple[int, int, int]] = []  # (line, col, node) of each node start
        # DOCX has no lines: every cell of a table shares its line, the logical path tells them apart
        self._by_logical: dict[str, list[int]] = {}
        self._of_node: list[list[tuple[int, int, int, int, int]]] = []  # (line, c0, c1, node, off)
        for i, n in enumerate(nodes):
            self._of_node.append([])
            # the anchors are the map's own (offset, line, column) runs, read here rather than
            # asking pos() for every character
            logical = n.textmap.span(0, 1).logical
            if logical:
                self._by_logical.setdefault(logical, []).append(i)
            anchors = n.textmap._anchors
            for k, (off, line, col) in enumerate(anchors):
                nxt = anchors[k + 1][0] if k + 1 < len(anchors) else len(n.text)
                # an empty (blank) cell still has its place: one column wide
                length = max(nxt - off, 0) if n.text else 1
                if length:
                    self._by_line.setdefault(line, []).append((col, col + length, i, off))
                    self._of_node[i].append((line, col, col + length, i, off))
            line, col = n.pos(0)
            self._starts.append((line, col, i))
        for segs in self._by_line.values():
            segs.sort()
        self._starts.sort()

    def find(self, line: int, col: int, logical: str | None = None) -> tuple[int, int] | None:
        named = self._by_logical.get(logical) if logical else None
        if named:
            for i in named:
                for seg_line, c0, c1, node, off in self._of_node[i]:
                    if seg_line == line and c0 <= col < c1:
                        return node, min(off + col - c0, max(len(self._nodes[node].text) - 1, 0))
            return named[0], 0
        segs = self._by_line.get(line)
        if not segs:
            return None
        i = bisect.bisect_right(segs, (col, float("inf"))) - 1
        # the segment starting last at or before col covers it, unless nodes overlap on
        # this line (rare): look a few segments further back, never the whole line
        for c0, c1, node, off in reversed(segs[max(i - 8, 0) : i + 1]):
            if c0 <= col < c1:
                return node, min(off + col - c0, max(len(self._nodes[node].text) - 1, 0))
        return None

    def next_node(self, line: int, col: int) -> int | None:
        i = bisect.bisect_left(self._starts, (line, col, -1))
        return self._starts[i][2] if i < len(self._starts) else None


def place(nodes: list[Node], diagnostics: list[Diagnostic]) -> list[Placed]:
    index = _PositionIndex(nodes)
    out = []
    for d in diagnostics:
        hit = index.find(d.line, d.column, d.logical)
        if hit is None:
            out.append(Placed(d, None, near=index.next_node(d.line, d.column)))
            continue
        node, start = hit
        end_hit = index.find(d.end_line, d.end_column, d.logical)
        if end_hit is not None and end_hit[0] == node and end_hit[1] >= start:
            end = end_hit[1] + 1
        else:  # the span runs past its node (a row, a passage): mark to the node's end
            end = len(nodes[node].text)
        out.append(Placed(d, node, start, min(max(end, start + 1), len(nodes[node].text))))
    return out


def text_nodes(doc: Document) -> list[Node]:
    nodes = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            for c in b.cells:
                nodes.append(Node(c.text, i, c, c.textmap))
        else:
            nodes.append(Node(b.text, i, None, b.textmap))
    return nodes


# -- the outline: the six parts ---------------------------------------------------------


@dataclass
class Part:
    number: str  # the official number 一 … 六
    title: str  # the official title
    heading: str = ""  # the heading as written ('' when none was found)
    quality: str = ""  # exact | variant | near ('' when missing)
    line: int = 0
    column: int = 0
    logical: str | None = None
    block: int | None = None
    offset: int = 0  # where the heading starts inside its block
    end_offset: int = 0
    repeats: int = 0  # further headings assigned to the same part
    numbered: str = ""  # the number the heading was written with (「二」 where 三 is due)
    # a numbered part the format does not have, shown where it stands: "extra" (inserted
    # between mandated parts, the later ones renumbered) or "split" (continuing the part
    # before it); "" for the six mandated parts
    extra: str = ""

    @property
    def misnumbered(self) -> bool:
        return not self.extra and bool(self.heading) and bool(self.numbered) and self.numbered != self.number


def outline(linter: Linter, doc: Document, ctx: Context) -> list[Part]:
    """The six parts as found, from the outline analysis the S rules use.

    The one place that knows where that analysis lives: ``disclint.analysis.outline``
    where it exists, else the sections plugin's own.
    """
    name = next((r.params.get("schema") for r in ctx.ruleset.rules.values() if r.check == "section-missing"), None)
    if name is None or name not in ctx.ruleset.schemas or not doc.blocks:
        return []
    try:
        from .analysis.outline import outline_of
    except ImportError:
        outline_of = None
    if outline_of is not None:
        o = outline_of(doc, ctx, name)
        found = dict(o.assigned)
        for h, _later in o.displaced:
            found.setdefault(h.part.index, h)
        specs = [(p.index, p.number, p.title) for p in o.parts]
        repeats = {i: sum(1 for _r, h in o.duplicates if h.part.index == i) for i in found}
        extras = [(run, c, span) for run in o.extras for c, span in zip(run.headings, run.spans)]
    else:
        plugin = linter.pm.get_plugin("builtin:sections")
        if plugin is None:
            return []
        a = ctx.cached(f"sections:{name}", lambda: plugin.analyse(doc, ctx.schema(name)))
        found = dict(a.first)
        specs = [(s.index, s.number, s.title) for s in a.specs]
        repeats = {i: sum(1 for x in a.headings if x.spec.index == i) - 1 for i in found}
        extras = []
    parts = []
    for index, number, title in specs:
        p = Part(number, title)
        h = found.get(index)
        if h is not None:
            p.heading = f"{h.number}、{h.written}"
            p.numbered = h.number
            p.quality = h.quality
            p.line, p.column, p.logical = h.span.start.line, h.span.start.column, h.span.logical
            p.block, p.offset, p.end_offset = h.block_index, h.start_offset, h.end_offset
            p.repeats = repeats.get(index, 0)
        parts.append(p)
    # the parts the format does not have, each after the mandated part it follows in the report
    for run, c, span in extras:
        e = Part("", "", f"{c.number}、{c.title}", "", span.start.line, span.start.column, span.logical, c.block_index, c.start,
                 c.title_end, numbered=c.number, extra="split" if run.split_of is not None else "extra")
        after = run.after.part.index if run.after is not None else None
        at = next((k + 1 for k, q in enumerate(parts) if not q.extra and after is not None and q.number == specs[after][1]), 0)
        while at < len(parts) and parts[at].extra:  # keep a run's parts in their order
            at += 1
        parts.insert(at, e)
    return parts


# -- the tables as read ---------------------------------------------------------------


@dataclass
class GridCell:
    value: str  # the number used, "" when none
    raw: str  # the cell's text as read
    status: str  # ok | blank | non-numeric | missing
    line: int = 0
    column: int = 0
    logical: str | None = None
    failing: list[int] = field(default_factory=list)  # indexes into Grid.failures
    text: str = ""  # the cell's own text (a cell cut from a run: its part of it)

    @property
    def shown(self) -> str:
        if self.status == "ok":
            return self.value
        # a word where a number belongs: the cell's own words (「1个」), not the whole run it was cut from
        return {"blank": "空", "missing": "—", "non-numeric": self.text or self.raw or "?"}.get(self.status, self.raw)

    @property
    def cut_from(self) -> str:
        """The run as written when this non-numeric cell is only a part of it, else ''."""
        return self.raw if self.status == "non-numeric" and self.text and self.raw.strip() != self.text.strip() else ""

    @property
    def raw_differs(self) -> bool:
        return self.status == "ok" and self.raw.strip() != self.value


@dataclass
class Run:
    """Digits written as one run that the reader cut into several cells (``cells``: their
    indexes in the row), shown once per row. ``parts``: what each cell took, in order, when
    they make up the run exactly (the cut can be marked); else empty."""

    raw: str
    cells: list[int]
    parts: list[str]


def runs(cells: list[GridCell]) -> list[Run]:
    """The runs cut into two or more neighbouring cells of one row (same text as written).

    Two runs written alike side by side (「0 0 00 00 0」: 「00」 twice) are two runs: a run
    is closed once its cells' values make it up exactly."""
    out: list[Run] = []
    closed = True
    for i, c in enumerate(cells):
        if not c.raw_differs:
            closed = True
            continue
        if out and not closed and out[-1].cells[-1] == i - 1 and out[-1].raw == c.raw:
            out[-1].cells.append(i)
        else:
            out.append(Run(c.raw, [i], []))
        closed = "".join(cells[k].value for k in out[-1].cells) == "".join(c.raw.split())
    out = [r for r in out if len(r.cells) > 1]
    for r in out:
        parts = [cells[i].value for i in r.cells]
        if "".join(parts) == "".join(r.raw.split()):
            r.parts = parts
    return out


@dataclass
class GridRow:
    key: str
    label: str  # the official label
    written: str  # the label as the report wrote it
    cells: list[GridCell]
    excluded: str = ""  # why the row is kept out of the arithmetic
    found: bool = True
    group: bool = False  # a group label with no numbers of its own (三、本年度办理结果)

    @property
    def written_differs(self) -> bool:
        """The report wrote the label otherwise than the format (beyond carrying its group labels)."""
        return bool(self.written) and not norm(self.written).endswith(norm(self.label))


@dataclass
class Failure:
    """A failing identity: the finding, which cells are on which side, and both sums."""

    code: str
    message: str
    where: str
    left: str
    right: str
    line: int
    column: int


@dataclass
class Grid:
    title: str  # 表二（一） 表三 表四
    columns: list[str]
    rows: list[GridRow]
    excluded: str = ""
    failures: list[Failure] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the schema's column keys (identities name these)


def _cell(v: Value | None) -> GridCell:
    if v is None:
        return GridCell("", "", "missing")
    s = v.span
    written = v.cell.raw if v.cell is not None and v.cell.raw else v.text  # a split digit run: the run as written
    return GridCell(fmt_num(v.number) if v.number is not None else "", written, v.status, s.start.line, s.start.column, s.logical,
                    text=v.text)


def _written(mr) -> str:
    if mr.row is None or not mr.row.labels:
        return ""
    return "".join(c.text for c in mr.row.labels).strip()


def grids(view: TablesView) -> list[Grid]:
    out = []
    if view.table2:
        for blk in view.table2.values():
            if not blk.rows:
                continue
            rows = [
                GridRow(k, mr.label.canonical, _written(mr), [_cell(mr.values.get(c)) for c in blk.columns], mr.excluded)
                for k, mr in blk.rows.items()
            ]
            out.append(Grid("表二" + blk.label, list(blk.columns), rows, keys=list(blk.columns)))
    t3 = view.table3
    if t3 is not None and t3.rows:
        # rows not read: a group whose items were read is a heading (its label merged into
        # theirs); a row the checkers call missing is shown as missing; the other format's
        # alternatives, which no one expects here, are left out
        missing = {i.values.get("expected") for i in view.issues if i.kind == "row-missing" and i.values.get("table") == "表三"}
        rows = []
        for k in t3.order:
            mr = t3.rows.get(k)
            if mr is None:
                if k in t3.groups and any(c in t3.rows for c in t3.children(k)):
                    rows.append(GridRow(k, t3.labels[k].canonical, "", [], "", found=False, group=True))
                elif t3.labels[k].canonical in missing:
                    rows.append(GridRow(k, t3.labels[k].canonical, "", [], "", found=False))
                continue
            rows.append(GridRow(k, mr.label.canonical, _written(mr), [_cell(mr.values.get(c)) if mr.values else _cell(None) for c in t3.columns], mr.excluded))
        out.append(Grid("表三", [t3.column_labels[c] for c in t3.columns], rows, keys=list(t3.columns)))
    t4 = view.table4
    if t4 is not None and (t4.values or t4.span is not None):
        rows = [GridRow(g, t4.group_labels[g], "", [_cell(t4.values.get((g, c))) for c in t4.columns]) for g in t4.groups]
        out.append(Grid("表四", [t4.column_labels[c] for c in t4.columns], rows, t4.excluded, keys=list(t4.columns)))
    return out


def _addend(cell: GridCell) -> Decimal:
    return Decimal(cell.value) if cell.status == "ok" else Decimal(0)


def mark_failures(found: list[Grid], diagnostics: list[Diagnostic], rules: dict, identities: list, t3) -> None:
    """Put each failing identity (a finding of a rule checking an identity of schema
    ``table-identities``: kind table-relation with ``identity``, or table-identity) on the cells it involves.

    The finding's position is the cell its checker anchored it on; the identity (data in
    the rule set's ``table-identities``) says which other cells are on each side.
    """
    by_id = {i.get("id"): i for i in identities or []}
    # DOCX has no lines (every cell of a table shares one line and column): the logical
    # place (table[2]/row[4]/cell[5]) tells the cells apart
    cells_at: dict[tuple[int, int, str | None], tuple[Grid, GridRow, int]] = {}
    for g in found:
        for r in g.rows:
            for k, c in enumerate(r.cells):
                if c.line:
                    cells_at.setdefault((c.line, c.column, c.logical), (g, r, k))
    for d in diagnostics:
        rule = rules.get(d.code)
        if rule is None or rule.check not in ("table-relation", "table-identity") or "identity" not in rule.params:
            continue
        ident = by_id.get(rule.params.get("identity"))
        hit = cells_at.get((d.line, d.column, d.logical))
        if ident is None or hit is None:
            continue
        grid, row, col = hit
        sides = _sides(grid, row, col, ident, t3)
        if sides is None:
            continue
        left, right = sides
        where = f"「{row.label}」行" if ident.get("per") in ("row", "group") else f"「{grid.columns[col]}」列"
        idx = len(grid.failures)
        lsum = sum((_addend(c) for c in left), Decimal(0))
        rsum = sum((_addend(c) for c in right), Decimal(0))
        grid.failures.append(Failure(d.code, d.message, where, fmt_num(lsum), fmt_num(rsum), d.line, d.column))
        for c in left + right:
            if idx not in c.failing:
                c.failing.append(idx)


def _sides(grid: Grid, row: GridRow, col: int, ident: dict, t3):
    per = ident.get("per")
    if per in ("row", "group"):  # columns of one row (表三 per row, 表四 per group)
        keys = {c: i for i, c in enumerate(grid.keys)}

        def at(term):
            i = keys.get(str(term))
            return row.cells[i] if i is not None and i < len(row.cells) else None
        left = [at(t) for t in ident.get("left", [])]
        right = [at(t) for t in ident.get("right", [])]
        if None in left or None in right:
            return None
        return left, right
    if t3 is None or grid.title != "表三":
        return None
    rows = {r.key: r for r in grid.rows if r.found and r.cells}
    if per == "subtotal":
        kids = [rows[k] for k in t3.leaves_under(row.key) if k in rows]
        return [row.cells[col]], [k.cells[col] for k in kids]
    if per == "column":

        def resolve(terms, other):
            keys = []
            for t in terms:
                if isinstance(t, dict) and "leaves-of" in t:
                    keys += [k for k in t3.leaves_under(t["leaves-of"]) if k not in other]
                else:
                    keys.append(str(t))
            return keys
        lk = resolve(ident.get("left", []), set(map(str, ident.get("right", []))))
        rk = resolve(ident.get("right", []), set(map(str, ident.get("left", []))))
        if any(k not in rows for k in lk + rk):
            return None
        return [rows[k].cells[col] for k in lk], [rows[k].cells[col] for k in rk]
    return None


# -- the whole review of one report -----------------------------------------------------


@dataclass
class Review:
    path: str
    reader: str
    ruleset: str
    ruleset_title: str
    title: str
    organ: str
    year: int | None
    format: str  # 2019 | 2021 | legacy | unclear
    diagnostics: list[Diagnostic]
    doc: Document
    nodes: list[Node]
    placed: list[Placed]
    parts: list[Part]
    tables: list[Grid]

    @property
    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for d in self.diagnostics:
            out[d.severity] = out.get(d.severity, 0) + 1
        return out

    @property
    def clean(self) -> bool:
        return not self.diagnostics

    def as_json(self) -> dict:
        def cell(c: GridCell) -> dict:
            return {"value": c.value, "raw": c.raw, "text": c.text, "status": c.status, "line": c.line, "column": c.column,
                    "logical": c.logical, "failing": c.failing}
        return {
            "path": self.path, "reader": self.reader, "ruleset": self.ruleset, "title": self.title,
            "organ": self.organ, "year": self.year, "format": self.format, "counts": self.counts,
            "outline": [
                {"number": p.number, "official": f"{p.number}、{p.title}" if not p.extra else "", "extra": p.extra,
                 "heading": p.heading, "quality": p.quality,
                 "line": p.line, "column": p.column, "logical": p.logical, "repeats": p.repeats, "misnumbered": p.misnumbered}
                for p in self.parts
            ],
            "tables": [
                {"title": g.title, "columns": g.columns, "excluded": g.excluded,
                 "rows": [{"key": r.key, "label": r.label, "written": r.written, "found": r.found, "group": r.group, "excluded": r.excluded,
                           "cells": [cell(c) for c in r.cells]} for r in g.rows],
                 "failures": [vars(f) for f in g.failures]}
                for g in self.tables
            ],
            "findings": [{**element(p.diagnostic), "placed": p.exact} for p in self.placed],
        }


def organ(linter: Linter, title: str) -> str:
    """The organ named in the title, as the cross-year rules read it."""
    plugin = linter.pm.get_plugin("builtin:crossyear")
    fn = getattr(plugin, "organ_of", None)
    return fn(title) if (fn and title) else ""


def _formats_from(linter: Linter) -> int:
    """The first report year a rule set with the national tables applies to."""
    years = [rs.applies_from for rs in linter.rulesets.values() if rs.applies_from is not None and "table3" in rs.schemas]
    return min(years, default=-10**9)


def build(linter: Linter, result: FileResult, doc: Document | None = None) -> Review:
    """The review of one checked file (read again unless ``doc`` is given)."""
    doc = doc if doc is not None else linter.read(result.path)
    rs, found = linter.choose(doc)
    rs = linter.rulesets.get(result.ruleset, rs)
    ctx = Context(doc, rs, linter.options, found.year if found else None, found.span if found else None)
    title = facts.find_title(doc) if doc.blocks else None
    view = analyse(doc, ctx.schema, ctx.year) if doc.blocks and "table3" in rs.schemas else None
    fmt = "unclear"
    if view is not None:
        fmt = "legacy" if view.legacy else (view.format or "unclear")
    elif ctx.year is not None and ctx.year < _formats_from(linter):
        fmt = "legacy"  # a report from before the national formats (its rule set has no tables)
    tables = grids(view) if view is not None and not view.legacy else []
    mark_failures(tables, result.diagnostics, rs.rules, rs.schemas.get("table-identities"), view.table3 if view else None)
    nodes = text_nodes(doc)
    return Review(
        path=result.path, reader=doc.reader, ruleset=rs.name, ruleset_title=rs.title,
        title=title.text if title else "", organ=organ(linter, title.text) if title else "",
        year=found.year if found else None, format=fmt, diagnostics=list(result.diagnostics), doc=doc,
        nodes=nodes, placed=place(nodes, result.diagnostics), parts=outline(linter, doc, ctx), tables=tables,
    )

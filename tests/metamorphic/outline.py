"""A report read by disclint, as a medium-free outline of headings, paragraphs and tables.

The outline is built from disclint's own reading: the document model's blocks and table
grids (src/disclint/model.py), the section headings the section checker recognises
(so a heading inside a flattened page becomes a heading of its own), and the statistical
tables the table analysis (disclint.analysis.tables) recognises. A 表三 or 表四 that was read cleanly is laid out the way the
national format prints it, with its merged cells; any other table keeps the grid its
reader built. Labels and values keep the report's own text (a misspelt label stays
misspelt), so a faithful rendering of the outline must leave the findings unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclint.analysis import tables as table_analysis
from disclint.analysis import outline as sections
from disclint.engine import Linter
from disclint.model import Block, Document, Table


@dataclass
class Heading:
    text: str
    level: int


@dataclass
class Para:
    text: str


@dataclass
class OCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class OTable:
    cells: list[OCell]
    header_rows: int = 1
    kind: str = "grid"  # grid | 表三 | 表四

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def grid(self) -> list[list[OCell | None]]:
        g: list[list[OCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if g[r][k] is None:
                        g[r][k] = c
        return g


Item = Heading | Para | OTable


@dataclass(frozen=True)
class SectionHeading:
    """A heading disclint's outline assigns to one of the six mandated parts."""

    index: int  # 0-based part
    number: str  # the part's official number
    title: str  # the part's official title
    quality: str  # exact | variant | near | reworded
    block_index: int
    start_offset: int  # where the number starts in its block
    end_offset: int  # where the matched title ends in its block

    @property
    def official(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass
class Report:
    """One real report as disclint reads it, with what the transformations need."""

    path: str
    data: bytes
    doc: Document
    ruleset: object
    year: int | None
    view: table_analysis.TablesView
    headings: list[SectionHeading]  # as disclint's outline (src/disclint/analysis/outline.py) assigns them

    def schema(self, name: str):
        return self.ruleset.schemas[name]


def read_report(linter: Linter, path: str) -> Report:
    doc = linter.read(path)
    with open(path, "rb") as fh:
        data = fh.read()
    rs, found = linter.choose(doc)
    year = found.year if found else None
    view = table_analysis.analyse(doc, lambda name: rs.schemas[name], year)
    headings = []
    if "sections" in rs.schemas and doc.blocks:
        for h in sections.build(doc, rs.schemas["sections"]).headings:
            p = h.part
            headings.append(SectionHeading(p.index, p.number, p.title, h.quality, h.block_index, h.start_offset, h.end_offset))
    return Report(path, data, doc, rs, year, view, headings)


# ---------------------------------------------------------------------------------------
# Outline

_TRAIL = re.compile(r"[\s。.:：;；,，、]*")


def outline(rep: Report) -> list[Item]:
    official, replaced = _official_tables(rep)
    by_block: dict[int, list] = {}
    for h in rep.headings:
        by_block.setdefault(h.block_index, []).append(h)
    items: list[Item] = []
    done: set[int] = set()
    for i, b in enumerate(rep.doc.blocks):
        if isinstance(b, Table):
            if id(b) in replaced:
                t = replaced[id(b)]
                if id(t) not in done:
                    done.add(id(t))
                    items.append(t)
            else:
                items.append(grid_table(b))
            continue
        if b.kind == "heading":
            items.append(Heading(b.text, b.level or 2))
            continue
        items.extend(_split_at_headings(b, sorted(by_block.get(i, []), key=lambda h: h.start_offset)))
    return [it for it in items if not isinstance(it, (Heading, Para)) or it.text.strip()]


def _split_at_headings(b: Block, hs: list) -> list[Item]:
    out: list[Item] = []
    pos = 0
    for h in hs:
        if h.start_offset < pos:
            continue
        before = b.text[pos:h.start_offset].strip()
        if before:
            out.append(Para(before))
        end = h.end_offset
        m = _TRAIL.match(b.text, end)
        rest = b.text[m.end():]
        if not rest.strip():  # the heading's own trailing punctuation stays with it
            end = len(b.text)
        out.append(Heading(b.text[h.start_offset:end].strip(), 2))
        pos = end
    tail = b.text[pos:].strip()
    if tail:
        out.append(Para(tail))
    return out


def doubted(rep: "Report", t: Table) -> bool:
    """Whether the reader doubted part of ``t`` and the table analysis did not settle that doubt
    (a bound or the text evidence for a run-together 表二 row, the schema and its
    identities for a 表四 row under a broken header)."""
    settled = {id(u) for u in rep.view.settled}
    if any(id(u) not in settled for u in t.uncertain):
        return True
    rows = {u.row for u in t.uncertain if id(u) in settled}
    return any(r not in rows for r in t.ragged)


def settled_only(rep: "Report", t: Table) -> bool:
    """A table whose every doubt the table analysis settled: only its reading of it is the
    report's, so it may be rendered only where the official layout replaces it."""
    return bool(t.uncertain or t.ragged) and not doubted(rep, t)


def grid_table(t: Table) -> OTable:
    cells = [OCell(c.text, c.row, c.col, c.rowspan, c.colspan) for c in t.cells]
    return OTable(cells, header_rows=1)


# ---------------------------------------------------------------------------------------
# The national 表三 and 表四, laid out as the format prints them

_T3_BAD = {"unclear", "cell-count", "row-missing", "column-heading"}


def _official_tables(rep: Report) -> tuple[list[OTable], dict[int, OTable]]:
    """The official tables made, and for each model table they replace (by id) the table."""
    made: list[OTable] = []
    replaced: dict[int, OTable] = {}
    hosts2 = _table2_hosts(rep)
    hosts3 = _table3_hosts(rep)
    hosts4 = _table4_hosts(rep)
    if set(hosts2) & set(hosts3) or set(hosts3) & set(hosts4) or set(hosts2) & set(hosts4):
        return made, replaced  # one grid holds two tables: keep the reader's grid
    for hosts, build in ((hosts2, _table2), (hosts3, _table3), (hosts4, _table4)):
        if not hosts:
            continue
        t = build(rep)
        if t is None:
            continue
        made.append(t)
        for tid in hosts:
            replaced[tid] = t
    return made, replaced


def _bad_issue(rep: Report, table: str) -> bool:
    return any(i.kind in _T3_BAD and str(i.values.get("table", table)).startswith(table) for i in rep.view.issues)


def _table2_hosts(rep: Report) -> list[int]:
    blocks = rep.view.table2
    if not blocks or rep.view.format_mismatch or any(str(i.values.get("table", "")).startswith("表二") for i in rep.view.issues):
        return []  # the official layout writes the canonical headings: only for a 表二 read without remark
    rows = set()
    tables = {}
    for blk in blocks.values():
        if len(blk.rows) != len(_t2_schema_rows(rep, blk.key)):
            return []
        for m in blk.rows.values():
            if m.row is None or m.foreign or len(m.values) != len(blk.columns):
                return []
            rows.add((id(m.row.table), m.row.index))
            tables[id(m.row.table)] = m.row.table
    for t in tables.values():
        if doubted(rep, t):
            return []
        for r in range(t.n_rows):
            read = table_analysis.split_row(t, r, 0)
            if read.has_values and (id(t), r) not in rows:
                return []
    for blk in blocks.values():  # every block header inside those grids, none in the text
        n = table_analysis.norm(blk.label)
        if not any(n in table_analysis.norm(c.text) for t in tables.values() for c in t.cells):
            return []
    return list(tables)


def _t2_schema_rows(rep: Report, key: str) -> list[str]:
    for b in rep.schema("table2")["blocks"]:
        if b["key"] == key:
            return list(b["rows"])
    return []


def _table2(rep: Report) -> OTable | None:
    s = rep.schema("table2")
    blocks = rep.view.table2
    width = max(len(b.columns) for b in blocks.values())
    cells: list[OCell] = []
    r = 0
    for spec in s["blocks"]:
        blk = blocks.get(spec["key"])
        if blk is None:
            return None
        cells.append(OCell(blk.label, r, 0, 1, width + 1))
        r += 1
        row_cells = [s.get("first-column", "信息内容"), *blk.columns]
        for label_key in [None, *spec["rows"]]:
            if label_key is not None:
                m = next((m for m in blk.rows.values() if m.label.canonical == label_key), None)
                if m is None:
                    return None
                row_cells = [_written(m, label_key), *(m.values[c].text if c in m.values else "" for c in blk.columns)]
            for i, text in enumerate(row_cells):
                last = i == len(row_cells) - 1
                cells.append(OCell(text, r, i, 1, width + 1 - i if last else 1))
            r += 1
    return OTable(cells, header_rows=2, kind="表二")


def _table3_hosts(rep: Report) -> list[int]:
    t3 = rep.view.table3
    if t3 is None or not t3.rows or t3.orphans or t3.unknown or _bad_issue(rep, "表三"):
        return []
    rows = {(id(m.row.table), m.row.index) for m in t3.rows.values() if m.row is not None}
    tables = {id(m.row.table): m.row.table for m in t3.rows.values() if m.row is not None}
    for g in t3.groups:
        m = t3.rows.get(g)
        if m is not None and m.row is not None and m.row.has_values:
            return []  # a filled-in subtotal: not the official layout
    for key, m in t3.rows.items():
        if key not in t3.groups and (m.row is None or len(m.values) != len(t3.columns)):
            return []
    for t in tables.values():
        if doubted(rep, t):
            return []
        for r in range(t.n_rows):
            read = table_analysis.split_row(t, r, 0)
            if read.has_values and (id(t), r) not in rows:
                return []  # the table holds more than 表三
    return list(tables)


def _table4_hosts(rep: Report) -> list[int]:
    t4 = rep.view.table4
    if t4 is None or not t4.values or t4.excluded or _bad_issue(rep, "表四"):
        return []
    cells = {id(v.cell) for v in t4.values.values() if v.cell is not None}
    tables = [t for t in rep.doc.tables if any(id(c) in cells for c in t.cells)]
    for t in tables:
        if doubted(rep, t):
            return []
        for r in range(t.n_rows):
            read = table_analysis.split_row(t, r, 0)
            if read.has_values and not all(id(c) in cells for c in read.values if not c.blank):
                return []
    return [id(t) for t in tables]


def _written(m, fallback: str) -> str:
    if m is not None and m.row is not None and m.row.labels:
        return m.row.labels[-1].text
    return fallback


def _table3(rep: Report) -> OTable | None:
    t3 = rep.view.table3
    s = rep.schema("table3")
    cols = t3.columns
    head = s.get("header-labels", ["申请人情况", "法人或其他组织"])
    cells = [
        OCell("本年度办理结果", 0, 0, 3, 3),
        OCell(head[0], 0, 3, 1, len(cols)),
        OCell(t3.column_labels[cols[0]], 1, 3, 2, 1),
        OCell(head[1] if len(head) > 1 else "", 1, 4, 1, len(cols) - 2),
        OCell(t3.column_labels[cols[-1]], 1, 3 + len(cols) - 1, 2, 1),
    ]
    cells += [OCell(t3.column_labels[c], 2, 4 + i, 1, 1) for i, c in enumerate(cols[1:-1])]
    shown = [k for k in t3.order if k in t3.rows and k not in t3.groups]
    if not shown:
        return None

    def depth(k: str) -> int:
        d = 0
        while k in t3.parents:
            k = t3.parents[k]
            d += 1
        return d

    def under(g: str) -> list[str]:
        return [k for k in shown if _ancestor(t3, k, g)]

    r = 3
    opened: set[str] = set()
    for k in shown:
        chain = _chain(t3, k)  # ancestors, outermost first
        for level, g in enumerate(chain):
            if g not in opened:
                opened.add(g)
                cells.append(OCell(_written(t3.rows.get(g), t3.labels[g].canonical), r, level, len(under(g)), 1))
        d = depth(k)
        cells.append(OCell(_written(t3.rows[k], t3.labels[k].canonical), r, d, 1, 3 - d))
        for i, c in enumerate(cols):
            v = t3.rows[k].values.get(c)
            cells.append(OCell(v.text if v is not None else "", r, 3 + i, 1, 1))
        r += 1
    return OTable(cells, header_rows=3, kind="表三")


def _chain(t3, k: str) -> list[str]:
    out = []
    while k in t3.parents:
        k = t3.parents[k]
        out.append(k)
    return out[::-1]


def _ancestor(t3, k: str, g: str) -> bool:
    while k in t3.parents:
        k = t3.parents[k]
        if k == g:
            return True
    return False


def _table4(rep: Report) -> OTable | None:
    t4 = rep.view.table4
    s = rep.schema("table4")
    head = s.get("header-labels", [])
    groups, cols = t4.groups, t4.columns
    n = len(cols)
    if len(groups) != 3 or len(head) < 2:
        return None
    cells = [OCell(t4.group_labels[groups[0]], 0, 0, 1, n), OCell(head[1], 0, n, 1, 2 * n)]
    cells += [OCell(t4.column_labels[c], 1, i, 2, 1) for i, c in enumerate(cols)]
    cells += [OCell(t4.group_labels[groups[1]], 1, n, 1, n), OCell(t4.group_labels[groups[2]], 1, 2 * n, 1, n)]
    cells += [OCell(t4.column_labels[c], 2, n + i, 1, 1) for i, c in enumerate(cols)]
    cells += [OCell(t4.column_labels[c], 2, 2 * n + i, 1, 1) for i, c in enumerate(cols)]
    i = 0
    for g in groups:
        for c in cols:
            v = t4.values.get((g, c))
            cells.append(OCell(v.text if v is not None else "", 3, i, 1, 1))
            i += 1
    return OTable(cells, header_rows=3, kind="表四")

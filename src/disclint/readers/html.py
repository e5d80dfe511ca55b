"""The HTML reader: lxml's forgiving parser into headings, paragraphs and true-grid tables.

Positions: lxml only knows the line of a start tag, so every text node is located in
the decoded source itself. A masked copy of the source (tags, comments, scripts
blanked out, same length) is searched forward from a cursor for the node's first
characters, then node and source are walked in step (entities, CRLF, comments), so
each character gets its own source offset. Nodes the walk cannot find fall back to
their element's line, column 1.

Safety: lxml's HTML parser never loads a DTD or expands a declared entity (a
billion-laughs or SYSTEM entity stays literal text), no_network forbids fetches, and
libxml2 caps nesting depth, so hostile input neither expands nor reads files nor hangs.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re

import lxml.html
from lxml import etree

from ..model import Block, Cell, Document, ReaderProblem, Span, Table, TextMap
from .bounds import MAX_TEXT, DocBudget
from .decode import decode, is_cjk, place

_SKIP = {"head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "select", "svg", "math"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BR = None  # a line break marker among a run's pieces
_MAX_MISSES = 200  # text nodes not found in the source before positions fall back to tag lines
_MAX_COLSPAN = 100  # real reports never exceed ~20; a hostile colspan must not build a huge grid

# Source regions that are not text: comments, script/style bodies, declarations, tags.
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?(?:</\1\s*>|\Z)"
    r"|<[!?][^>]*>?"
    r"|</?([A-Za-z][\w:.-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>?",
    re.S | re.I,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# huge_tree lifts libxml2's 256-level cap, which silently dropped everything after the
# 256th level; deeper nesting is collapsed to text instead (_flatten_deep).
_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
# Source read at all: parsing and locating grow with it, and real pages carry ~10x their
# text in markup (the largest real report page is 111 KB); past it the page is cut (X008).
_MAX_SOURCE = 10 * MAX_TEXT  # bounds.source_prefix keeps as much for the findings' lines
_MAX_DEPTH = 200  # element nesting the builder walks as structure (its recursion stays shallow)
_XML_DECL = re.compile(r"\A(\s*)(<\?xml\b[^>]*\?>)")


def read_html(path: str, data: bytes) -> Document:
    text, encoding, problem = _decode(data)
    doc = Document(path=path, reader="html", encoding=encoding)
    if text is None:
        doc.problems.append(ReaderProblem(problem[0], Span.at(1, 1), problem[1]))
        return doc
    if problem:  # readable but damaged (truncated, a bad byte): say so, at its place, and read what is there
        doc.problems.append(ReaderProblem(problem[0], place(text, problem[2]), problem[1]))
    text = text.lstrip("\ufeff")
    doc.source_text = text
    # lxml refuses a str that still declares an encoding (XHTML's <?xml … encoding=…?>);
    # it is blanked, not removed, so every offset stays where it was.
    parse = _XML_DECL.sub(lambda m: m.group(1) + " " * len(m.group(2)), text, count=1)
    cut = _source_cut(text)
    parse = parse[:cut]
    try:
        root = lxml.html.document_fromstring(parse, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:  # "Document is empty" and the like
        doc.problems.append(ReaderProblem("empty" if not text.strip() else "unreadable", Span.at(1, 1),
                                          f"无法解析 HTML：{exc}"))
        return doc
    for err in _PARSER.error_log:  # libxml2's hard cap (2048 levels) even with huge_tree: the rest is lost
        if err.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in err.message:
            doc.problems.append(ReaderProblem("limit", Span.at(err.line or 1, err.column or 1), "页面元素嵌套层数超过解析器的上限，其后的内容未读取"))
            break
    etree.strip_elements(root, "script", "style", with_tail=False)
    deep = _flatten_deep(root)
    if deep is not None:
        doc.problems.append(ReaderProblem("limit", Span.at(deep, 1), f"页面元素嵌套超过 {_MAX_DEPTH} 层，更深处的内容只按文字读取（不分段落和表格）"))
    builder = _Builder(_Source(text[:cut]), root)
    doc.blocks = builder.build()
    doc.images = builder.images
    doc.problems.extend(builder.budget.problems)
    if cut < len(text) and not builder.full:  # the text bound, when met first, already said where reading stopped
        doc.problems.append(ReaderProblem("limit", place(text, cut), f"页面源码超过 {_MAX_SOURCE} 个字符，从这里起未读取"))
    if not doc.blocks:
        doc.problems.append(ReaderProblem("empty", Span.at(1, 1), "HTML 页面中没有可读的文字"))
    return doc


def _source_cut(text: str) -> int:
    """Where the source is cut: all of it, or the last tag start within _MAX_SOURCE (no tag is halved)."""
    if len(text) <= _MAX_SOURCE:
        return len(text)
    at = text.rfind("<", 0, _MAX_SOURCE + 1)
    return at if at > 0 else _MAX_SOURCE


def _flatten_deep(root) -> int | None:
    """Collapse every element at depth _MAX_DEPTH to its text; the line of the first one, or None."""
    first = None
    # In C: the elements with _MAX_DEPTH - 1 ancestors that still have children.
    for el in root.xpath("//*[count(ancestor::*) = $d][*]", d=_MAX_DEPTH - 1):
        if first is None:
            first = el.sourceline or 1
        text, tail = "".join(el.itertext()), el.tail
        el.clear()
        el.text, el.tail = text, tail
    return first


def _decode(data: bytes):
    """(text, encoding, (kind, detail) | None). Valid UTF-8 wins over a declaration:
    scraped pages are often re-saved as UTF-8 but keep their old charset=gb2312."""
    if not data.strip():
        return None, None, ("empty", "文件为空", None)
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            declared = _declared(data)
            if declared and b"\x00" not in data[:8192]:
                try:
                    return data.decode(declared), declared, None
                except UnicodeDecodeError:
                    pass  # the declaration is wrong; let detection decide
    d = decode(data)
    return d.text, d.encoding, (d.problem, d.detail, d.at) if d.problem else None


def _declared(data: bytes) -> str | None:
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
        return "gb18030"  # a superset: pages labelled GB2312 routinely contain GBK characters
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class _Source:
    """The decoded source: line starts, a masked copy for searching, start tags."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self.tags: dict[str, list[int]] = {}

        def mask(m: re.Match) -> str:
            if m.group(2) and not text.startswith("</", m.start()):
                self.tags.setdefault(m.group(2).lower(), []).append(m.start())
            elif m.group(1):
                self.tags.setdefault(m.group(1).lower(), []).append(m.start())
            return "\0" * (m.end() - m.start())

        self.masked = _HIDDEN.sub(mask, text)  # same length: offsets in both agree

    def pos(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_start(self, line: int | None) -> int:
        if not line or line > len(self.line_starts):
            return 0
        return self.line_starts[line - 1]

    def find_tag(self, name: str, start: int, line: int | None) -> int | None:
        """The first ``<name`` start tag at or after ``start`` on ``line``."""
        offsets = self.tags.get(name, [])
        i = bisect.bisect_left(offsets, start)
        if i < len(offsets) and (line is None or self.pos(offsets[i])[0] == line):
            return offsets[i]
        return None

    def locate(self, text: str, start: int) -> list[int | None]:
        """Source offsets of each character of a text node found at or after ``start``."""
        offs: list[int | None] = [None] * len(text)
        k0 = len(text) - len(text.lstrip())
        m = re.compile(_prefix_pattern(text[k0:k0 + 12])).search(self.masked, start)
        if m is None:
            return offs
        src, masked, n, p = self.text, self.masked, len(self.text), m.start()
        for k in range(k0, len(text)):
            while p < n and masked[p] == "\0":  # a comment inside the text node
                p += 1
            if p >= n:
                break
            ch = text[k]
            if src[p] == "&" and (e := _ENTITY.match(src, p)) and html.unescape(e.group()) != e.group():
                offs[k], p = p, e.end()  # one character written as an entity
            elif src[p] == ch:
                offs[k], p = p, p + 1
            elif ch == "\n" and src[p] == "\r":
                offs[k] = p
                p += 2 if src.startswith("\r\n", p) else 1
            else:
                break  # out of step: the rest follows the last anchor
        return offs


def _prefix_pattern(prefix: str) -> str:
    out, in_space = [], False
    for ch in prefix:
        if ch.isspace():
            if not in_space:
                out.append(r"(?:\s|&#?\w+;)+")
            in_space = True
            continue
        in_space = False
        out.append(f"(?:{re.escape(ch)}|&#?\\w+;)")
    return "\\x00*".join(out)  # a comment inside the text is masked, not removed


class _Builder:
    def __init__(self, src: _Source, root):
        self.src = src
        self.root = root
        self.cursor = 0
        self.where: dict[tuple[int, str], list[int | None]] = {}  # (id(el), "text"|"tail") -> offsets
        self.tag_at: dict[int, int] = {}  # id(el) -> offset of its start tag
        self.blocks: list = []
        self.images: list = []  # (blocks before it, span) of each <img>
        self.run: list = []
        self.heading: int | None = None
        self._keep = []  # elements whose id() we use must stay alive
        self.misses = 0
        self.budget = DocBudget()  # bounds on the tables' grids
        self.chars = 0  # characters of text read so far; past MAX_TEXT the rest is not read
        self.full = False
        self.located = 0

    def build(self) -> list:
        self._locate(self.root)
        self._visit(self.root)
        self._flush(self.root)
        return self.blocks

    # -- pass 1: where every start tag and text node sits in the source -------------
    def _locate(self, root) -> None:
        # Iterative: document order is start tag, text, children, tail.
        stack = [(root, False)]
        while stack and self.located <= MAX_TEXT:  # pass 2 reads no more text than that
            el, done = stack.pop()
            if not isinstance(el.tag, str):
                continue
            if done:
                self._find_text(el, "tail", el.tail)
                continue
            self._keep.append(el)
            at = self.src.find_tag(el.tag.lower(), self.cursor, el.sourceline)
            if at is not None:
                self.tag_at[id(el)] = at
                self.cursor = at + 1
            self._find_text(el, "text", el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))

    def _find_text(self, el, which: str, text: str | None) -> None:
        if not text or not text.strip():
            return
        self.located += len(text)
        if self.located > MAX_TEXT:  # beyond what pass 2 reads (the document's text bound)
            return
        if self.misses > _MAX_MISSES:  # the source and the tree disagree badly: stop searching
            return
        # a tail follows its element, so the element's line bounds both searches
        offs = self.src.locate(text, max(self.cursor, self.src.line_start(el.sourceline)))
        found = [o for o in offs if o is not None]
        if found:
            self.cursor = found[-1] + 1
        else:
            self.misses += 1  # each miss scans to the end of the file: bound the total
        self.where[(id(el), which)] = offs

    def _piece(self, el, which: str):
        text = el.text if which == "text" else el.tail
        if not text:
            return None
        return text, self.where.get((id(el), which)), el.sourceline

    # -- pass 2: blocks ------------------------------------------------------------------
    def _visit(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag or self._full(el):
            return
        if tag == "table":
            self._flush(el)
            self._table(el)
            return
        if tag == "br":
            self.run.append(_BR)
            return
        if tag == "img":  # a picture in the text: it ends the line it stands in
            self._flush(el)
            self.images.append((len(self.blocks), Span.at(*self._tag_pos(el))))
            return
        level = _HEADING.get(tag)
        block = level is not None or tag in _BLOCK
        if block:
            self._flush(el)
        outer = self.heading
        if level is not None:
            self.heading = level
        self._add(self._piece(el, "text"))
        for child in el:
            self._visit(child)
            self._add(self._piece(child, "tail"))
        if block:
            self._flush(el)
        self.heading = outer

    def _full(self, el) -> bool:
        """True once the document's text reached MAX_TEXT (said once, at the first element not read)."""
        if self.chars > MAX_TEXT and not self.full:
            self.full = True
            self.budget.limit(Span.at(*self._tag_pos(el)), f"文字超过 {MAX_TEXT} 个字符，其后的内容未读取")
        return self.full

    def _add(self, piece) -> None:
        if piece is not None:
            self.run.append(piece)

    def _flush(self, el) -> None:
        run, self.run = self.run, []
        # Outside tables a <br> ends a line: 一、总体情况<br>2019年… are two blocks.
        lines, cur = [], []
        for piece in run:
            if piece is _BR:
                lines.append(cur)
                cur = []
            else:
                cur.append(piece)
        lines.append(cur)
        for pieces in lines:
            text, tm = self._fold(pieces, el)
            self.chars += len(text)
            if text:
                kind = "heading" if self.heading is not None else "paragraph"
                self.blocks.append(Block(kind, text, tm, level=self.heading))

    def _fold(self, pieces, el, logical: str | None = None) -> tuple[str, TextMap]:
        """Join pieces with whitespace folded: nothing between two CJK characters, else one space."""
        out: list[str] = []
        anchors: list[tuple[int, int, int]] = []
        prev_off = None
        gap = False
        fallback = None
        for piece in pieces:
            if piece is _BR:
                gap = True
                continue
            text, offs, line = piece
            if fallback is None:
                fallback = line
            for k, ch in enumerate(text):
                if ch.isspace():
                    gap = True
                    continue
                if gap and out and not (is_cjk(out[-1]) and is_cjk(ch)):
                    out.append(" ")
                gap = False
                off = offs[k] if offs else None
                if off is not None and (prev_off is None or off != prev_off + 1 or not anchors):
                    anchors.append((len(out), *self.src.pos(off)))
                prev_off = off
                out.append(ch)
        if not anchors:
            anchors = [(0, *self._tag_pos(el, fallback))]
        elif anchors[0][0] != 0:  # the first characters were not found: start at the first found
            anchors.insert(0, (0, anchors[0][1], max(anchors[0][2] - anchors[0][0], 1)))
        return "".join(out), TextMap(anchors, logical)

    def _tag_pos(self, el, line: int | None = None) -> tuple[int, int]:
        at = self.tag_at.get(id(el))
        if at is not None:
            return self.src.pos(at)
        return (line or el.sourceline or 1), 1

    # -- tables --------------------------------------------------------------------------
    def _table(self, table) -> None:
        grid = self.budget.table(Span.at(*self._tag_pos(table)))
        if grid is None:
            return
        nested: list = []
        cells: list[Cell] = []
        occupied: set[tuple[int, int]] = set()
        rows = _rows(table)
        for caption in table.findall("caption"):
            self._visit(caption)
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in occupied:
                    c += 1
                rowspan = min(_span(td.get("rowspan")), len(rows) - r) or 1
                colspan = min(_span(td.get("colspan")), _MAX_COLSPAN)
                placed = grid.place(r, c, rowspan, colspan)
                if placed is None:  # beyond the grid's bounds (said once, after the table)
                    break
                rowspan, colspan = placed
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, c + dc))
                pieces = self._cell_pieces(td, nested)
                text, tm = self._fold(pieces, td)
                self.chars += len(text)
                cells.append(Cell(text, r, c, tm, rowspan, colspan))
                c += colspan
        grid.report(Span.at(*self._tag_pos(table)))
        if cells:
            self.blocks.append(Table(cells, TextMap.single(*self._tag_pos(table)), source="html"))
        for inner in nested:  # an inner table is its own table, after the one holding it
            self._table(inner)

    def _cell_pieces(self, td, nested: list) -> list:
        pieces: list = []

        def walk(el) -> None:
            piece = self._piece(el, "text")
            if piece:
                pieces.append(piece)
            for child in el:
                tag = child.tag.lower() if isinstance(child.tag, str) else ""
                if tag == "table":
                    nested.append(child)
                elif tag == "br" or tag in _BLOCK:
                    pieces.append(_BR)  # a line or block edge: folded like whitespace
                    if tag not in _SKIP:
                        walk(child)
                    pieces.append(_BR)
                elif tag and tag not in _SKIP:
                    walk(child)
                tail = self._piece(child, "tail")
                if tail:
                    pieces.append(tail)

        walk(td)
        return pieces


def _rows(table) -> list:
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")
    return rows


def _span(value: str | None) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(n, 1)

"""The DOCX reader: word/document.xml into headings, paragraphs and true-grid tables.

DOCX has no lines, so a node's "line" is the 1-based ordinal of the top-level body
element it belongs to (paragraphs and tables counted together), its column the
character offset + 1, and its TextMap carries a logical path: ``paragraph[N]``,
``table[T]`` and ``table[T]/row[R]/cell[C]`` (C counts the row's <w:tc> elements).

Safety: the XML parser loads no DTD, resolves no entity and uses no network (libxml2
refuses an amplifying entity declaration outright: the file is then unreadable); the
decompressed part is read with a hard size cap, so a zip bomb is refused, not inflated.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from ..model import Block, Cell, Document, ReaderProblem, Span, Table, TextMap
from .bounds import MAX_TEXT, DocBudget
from .decode import is_cjk
from .docxnumbering import Numbering

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W}
_MAX_PART = 50 * 1024 * 1024  # bytes of decompressed XML we are willing to read
_MAX_SPAN = 100  # a hostile gridSpan must not build a huge grid
_MAX_DEPTH = 256  # lxml's element depth without huge_tree (kept off: it also lifts the text-node bounds)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_WRAPPERS = {f"{{{_W}}}sdt", f"{{{_W}}}customXml", f"{{{_W}}}sdtContent", f"{{{_W}}}smartTag"}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


class _Unreadable(Exception):
    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind, self.detail = kind, detail


def read_docx(path: str, data: bytes) -> Document:
    doc = Document(path=path, reader="docx")
    try:
        opened = _open(data)
    except _Unreadable as exc:
        doc.problems.append(ReaderProblem(exc.kind, Span.at(1, 1), exc.detail))
        return doc
    body, styles, numbering, too_deep = opened
    builder = _Builder(styles, numbering)
    doc.blocks = builder.build(body)
    doc.problems.extend(builder.budget.problems)
    doc.problems.extend(numbering.problems())
    if too_deep:  # the parser stopped at its depth limit: what came before is read, the rest is not
        n = builder.n_para + 1
        doc.problems.append(ReaderProblem("limit", Span.at(n, 1, f"paragraph[{n}]"), f"文档元素嵌套超过 {_MAX_DEPTH} 层（解析器的上限），其后的内容未读取"))
    if not doc.blocks:
        doc.problems.append(ReaderProblem("empty", Span.at(1, 1), "DOCX 文档中没有文字"))
    return doc


# -- the package --------------------------------------------------------------------------


def _open(data: bytes):
    if not data.strip():
        raise _Unreadable("empty", "文件为空")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04"):  # a zip whose end (the central directory) is missing
            raise _Unreadable("truncated", "DOCX 文件不完整（压缩包被截断），无法读取") from None
        raise _Unreadable("unreadable", "不是有效的 DOCX 文件（不是 ZIP 压缩包）") from None
    with zf:
        xml = _part(zf, "word/document.xml", required=True)
        styles_xml = _part(zf, "word/styles.xml", required=False)
        numbering_xml = _optional(zf, "word/numbering.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    too_deep = False
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        if exc.code != etree.ErrorTypes.ERR_RESOURCE_LIMIT or "depth" not in str(exc):  # (entity amplification shares the code)
            raise _Unreadable("unreadable", f"DOCX 中的 word/document.xml 不是有效的 XML（{exc}），无法读取") from None
        # Nested past lxml's depth limit (tables in tables): keep the tree up to there, as the
        # HTML reader does. Only this fault is recovered: a broken document is not half read.
        too_deep = True
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True))
        if root is None:
            raise _Unreadable("unreadable", f"DOCX 中的 word/document.xml 不是有效的 XML（{exc}），无法读取") from None
    body = root.find("w:body", _NS)
    if body is None:
        raise _Unreadable("unreadable", "DOCX 中的 word/document.xml 没有正文（w:body），无法读取")
    styles, styles_root = {}, None
    if styles_xml:
        try:
            styles_root = etree.fromstring(styles_xml, parser)
            styles = _styles(styles_root)
        except etree.XMLSyntaxError:
            pass  # without styles, headings are found by outline level and style id only
    return body, styles, _numbering(numbering_xml, styles_root, parser), too_deep


class _DocNumbering:
    """The document's automatic numbering, and what went wrong reading it (said once)."""

    def __init__(self, numbering: Numbering | None, unreadable: str = ""):
        self.numbering = numbering
        self.unreadable = unreadable

    def problems(self) -> list[ReaderProblem]:
        at = Span.at(1, 1, "word/numbering.xml")
        if self.unreadable:
            return [ReaderProblem("numbering", at, self.unreadable)]
        cuts = self.numbering.problems if self.numbering is not None else []
        return [ReaderProblem("limit", at, f"word/numbering.xml 中{why}") for why in cuts]


def _optional(zf: zipfile.ZipFile, name: str) -> bytes | _Unreadable | None:
    """An optional part, or why it cannot be read (the rest of the document still can)."""
    try:
        return _part(zf, name, required=False)
    except _Unreadable as exc:
        return exc


def _numbering(xml, styles_root, parser) -> _DocNumbering:
    if xml is None:
        return _DocNumbering(None)
    why = "DOCX 中的 word/numbering.xml "
    if isinstance(xml, _Unreadable):
        return _DocNumbering(None, xml.detail + "；自动编号（如「一、」）未读出")
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        return _DocNumbering(None, f"{why}不是有效的 XML（{exc}）；自动编号（如「一、」）未读出")
    return _DocNumbering(Numbering(root, styles_root))


def _part(zf: zipfile.ZipFile, name: str, required: bool) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise _Unreadable("unreadable", f"不是有效的 DOCX 文件：压缩包中没有 {name}") from None
        return None
    if info.file_size > _MAX_PART:
        raise _Unreadable("unreadable", f"DOCX 中的 {name} 解压后达 {info.file_size // 1048576} MB，超过 50 MB 上限，拒绝读取（可能是压缩炸弹）")
    try:
        with zf.open(info) as f:
            xml = f.read(_MAX_PART + 1)  # the size in the header may lie; never inflate more than the cap
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _Unreadable("truncated" if isinstance(exc, EOFError) else "unreadable",
                          f"DOCX 中的 {name} 无法解压（{exc}），文件可能已损坏") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise _Unreadable("unreadable", f"DOCX 中的 {name} 无法解压（{exc}）") from None
    if len(xml) > _MAX_PART:
        raise _Unreadable("unreadable", f"DOCX 中的 {name} 解压后超过 50 MB 上限，拒绝读取（可能是压缩炸弹）")
    return xml


def _styles(root) -> dict[str, int]:
    """styleId -> heading level, following basedOn chains."""
    raw: dict[str, tuple[int | None, str | None]] = {}
    for st in root.iterfind("w:style", _NS):
        sid = st.get(_w("styleId"))
        if not sid:
            continue
        name = st.find("w:name", _NS)
        m = _HEADING_NAME.match(name.get(_w("val"), "").strip() if name is not None else "") or _HEADING_NAME.match(sid)
        level = int(m.group(1)) if m else _outline(st.find("w:pPr", _NS))
        based = st.find("w:basedOn", _NS)
        raw[sid] = (level, based.get(_w("val")) if based is not None else None)
    levels: dict[str, int] = {}
    for sid in raw:
        seen, cur = set(), sid
        while cur in raw and cur not in seen:  # a basedOn cycle must not loop
            seen.add(cur)
            level, cur = raw[cur]
            if level is not None:
                levels[sid] = level
                break
    return levels


def _outline(ppr) -> int | None:
    """Heading level from <w:outlineLvl w:val="0..8"/> (9 means body text)."""
    el = ppr.find("w:outlineLvl", _NS) if ppr is not None else None
    if el is None:
        return None
    try:
        v = int(el.get(_w("val"), ""))
    except ValueError:
        return None
    return v + 1 if 0 <= v <= 8 else None


# -- the body -----------------------------------------------------------------------------


def _children(el):
    """Child elements, looking through content-control and custom-XML wrappers."""
    for child in el:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


def _para_text(p) -> str:
    out: list[str] = []
    stack = [p]
    while stack:  # document order, skipping mc:Fallback (a duplicate of the mc:Choice content)
        el = stack.pop()
        tag = el.tag
        if tag == _w("t"):  # an unresolved entity is a child node: keep the text around it, not it
            out.append((el.text or "") + "".join(c.tail or "" for c in el))
        elif tag in (_w("tab"), _w("br"), _w("cr")):
            out.append(" ")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        if tag != f"{{{_MC}}}Fallback" and tag != _w("t"):
            stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _numbers(body, numbering: Numbering) -> dict:
    """The number of every numbered paragraph, counted in document order as Word counts
    (a paragraph inside a nested table is read after its table but counted in its place);
    mc:Fallback holds a copy of content already counted in its mc:Choice."""
    skip = {p for fb in body.iter(f"{{{_MC}}}Fallback") for p in fb.iter(_w("p"))}
    out = {}
    for p in body.iter(_w("p")):
        if p not in skip:
            number = re.sub(r"\s+", " ", numbering.prefix(p)).lstrip()
            if number:
                out[p] = number
    return out


def _join(parts: list[str]) -> str:
    """A cell's paragraphs: nothing between two CJK characters, else one space."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (is_cjk(out[-1]) and is_cjk(part[0])):
            out += " "
        out += part
    return out


def _int(el, attr: str = "val", default: int = 1) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_w(attr), default))
    except ValueError:
        return default


class _Builder:
    def __init__(self, styles: dict[str, int], numbering: _DocNumbering):
        self.styles = styles
        self.numbering = numbering.numbering
        self.numbers: dict = {}  # paragraph element -> the number Word shows before it
        self.blocks: list = []
        self.n_para = 0
        self.n_table = 0
        self.budget = DocBudget()  # bounds on the tables' grids
        self.chars = 0  # characters of text read so far

    def build(self, body) -> list:
        if self.numbering is not None:
            self.numbers = _numbers(body, self.numbering)
        ordinal = 0
        for el in _children(body):
            if self.chars > MAX_TEXT:  # the checkers' work grows with the text: the rest is not read
                self.budget.limit(Span.at(ordinal + 1, 1, f"paragraph[{self.n_para + 1}]"), f"文字超过 {MAX_TEXT} 个字符，其后的内容未读取")
                break
            if el.tag == _w("p"):
                ordinal += 1
                self.n_para += 1
                self._paragraph(el, ordinal)
            elif el.tag == _w("tbl"):
                ordinal += 1
                self.n_table += 1
                self._table(el, ordinal, f"table[{self.n_table}]")
        return self.blocks

    def _paragraph(self, p, ordinal: int) -> None:
        text = _para_text(p)
        if not text:
            return
        number = self.numbers.get(p, "")
        # The number has no place of its own in the file: each of its characters is at the
        # paragraph's start, and the paragraph's own text keeps its columns.
        tm = TextMap([(i, ordinal, 1) for i in range(len(number) + 1)], f"paragraph[{self.n_para}]")
        text = number + text
        self.chars += len(text)
        level = self._level(p)
        self.blocks.append(Block("heading" if level else "paragraph", text, tm, level=level))

    def _level(self, p) -> int | None:
        ppr = p.find("w:pPr", _NS)
        direct = _outline(ppr)
        if direct is not None:
            return direct
        style = ppr.find("w:pStyle", _NS) if ppr is not None else None
        if style is None:
            return None
        sid = style.get(_w("val"), "")
        if sid in self.styles:
            return self.styles[sid]
        m = _HEADING_NAME.match(sid)  # no styles.xml: trust a telling style id
        return int(m.group(1)) if m else None

    def _table(self, tbl, ordinal: int, logical: str) -> None:
        grid = self.budget.table(Span.at(ordinal, 1, logical))
        if grid is None:
            return
        cells: list[Cell] = []
        covering: dict[tuple[int, int], Cell] = {}  # grid position -> the cell over it
        nested: list[tuple] = []
        merging: set[int] = set()  # id() of cells that opened a vertical merge (vMerge restart)
        rows = [el for el in _children(tbl) if el.tag == _w("tr")]
        for r, tr in enumerate(rows, start=1):
            trpr = tr.find("w:trPr", _NS)
            col = max(0, _int(trpr.find("w:gridBefore", _NS) if trpr is not None else None, default=0))
            tcs = [el for el in _children(tr) if el.tag == _w("tc")]
            for k, tc in enumerate(tcs, start=1):
                tcpr = tc.find("w:tcPr", _NS)
                span = max(1, min(_int(tcpr.find("w:gridSpan", _NS) if tcpr is not None else None), _MAX_SPAN))
                vmerge = tcpr.find("w:vMerge", _NS) if tcpr is not None else None
                above = covering.get((r - 2, col))
                path = f"{logical}/row[{r}]/cell[{k}]"
                continues = vmerge is not None and vmerge.get(_w("val"), "continue") == "continue"
                placed = grid.place(r - 1, col, 1, span)
                if placed is None:  # beyond the grid's bounds (said once, after the table)
                    col += span
                    continue
                span = placed[1]
                if continues and above is not None and id(above) in merging and above.col == col and grid.place(r - 1, col, 1, above.colspan):
                    above.rowspan = r - above.row  # merged into the cell above (its own text is ignored, as Word does)
                    for dc in range(above.colspan):
                        covering[(r - 1, col + dc)] = above
                else:
                    parts = []
                    for child in _children(tc):
                        if child.tag == _w("p"):
                            own = _para_text(child)
                            parts.append(self.numbers.get(child, "") + own if own else "")
                        elif child.tag == _w("tbl"):
                            nested.append((child, path))
                    cell = Cell(_join(parts), r - 1, col, TextMap.single(ordinal, 1, path), 1, span)
                    self.chars += len(cell.text)
                    cells.append(cell)
                    if vmerge is not None and vmerge.get(_w("val")) == "restart":
                        merging.add(id(cell))  # only a restart opens a vertical merge
                    for dc in range(span):
                        covering[(r - 1, col + dc)] = cell
                col += span
        grid.report(Span.at(ordinal, 1, logical))
        if cells:
            self.blocks.append(Table(cells, TextMap.single(ordinal, 1, logical), source="docx"))
        for i, (inner, path) in enumerate(nested, start=1):  # its own table, after the one holding it
            self._table(inner, ordinal, f"{path}/table[{i}]")

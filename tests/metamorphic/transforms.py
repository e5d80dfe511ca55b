"""The transformations: each a small function from a real report to new files and what
each must do to the findings.

A transformation gets the report as disclint reads it (:class:`.outline.Report`) and an
:class:`Env`, and returns :class:`Case` s: the new file's bytes and suffix, the
:class:`.findings.Expect` ation, and — when the new file is not compared with the
original — the file it is compared with (a baseline). It raises :class:`NotApplicable`
when the report has nothing the transformation can change (no 表四, a legacy report),
saying why.

Edits are made in the report's own decoded text (its *carrier*) at the positions
disclint's reader gave the node: a row label's middle character, a heading's end, a
value cell. A report that is not text (PDF, DOCX) is carried by its HTML rendering, and
its cases are then compared with that rendering. Every edit checks that the source holds
the text the model says is there before it changes anything.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from disclint.engine import Linter
from disclint.model import Block, Cell, Pos, Table
from disclint.normalize import normalize, normalize_with_map
from disclint.readers.texttables.common import uncertain_reason

from . import render
from .findings import Expect, Key, Run, Want, check, key_of
from .outline import OTable, Report, _official_tables, doubted, outline, read_report, settled_only


class NotApplicable(Exception):
    """The transformation has nothing to act on in this report (the message says why)."""


@dataclass
class Case:
    label: str  # what was changed, for the shortfall list
    data: bytes
    suffix: str
    expect: Expect
    baseline: tuple[bytes, str] | None = None  # compared with this file instead of the original


@dataclass
class Env:
    """What transformations share over one run: the linter, a scratch folder, caches."""

    linter: Linter
    workdir: str
    _carriers: dict = field(default_factory=dict)
    _reports: dict = field(default_factory=dict)
    _runs: dict = field(default_factory=dict)

    def write(self, name: str, data: bytes, folder: str = "") -> str:
        """Write a file under the scratch folder (``folder`` keeps the original's name free)."""
        where = os.path.join(self.workdir, folder) if folder else self.workdir
        os.makedirs(where, exist_ok=True)
        path = os.path.join(where, name)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    def report(self, path: str) -> Report:
        if path not in self._reports:
            self._reports[path] = read_report(self.linter, path)
        return self._reports[path]

    def baseline(self, original: str, other: tuple[bytes, str] | None) -> Run:
        """The findings a case is compared with: the original's, or another file's."""
        if other is None:
            key = ("file", original)
            if key not in self._runs:
                self._runs[key] = check(self.linter, original)
            return self._runs[key]
        data, suffix = other
        key = ("bytes", hashlib.sha256(data).hexdigest(), suffix)
        if key not in self._runs:
            stem = os.path.splitext(os.path.basename(original))[0]
            path = self.write(stem + suffix, data, folder="baseline-" + key[1][:12])
            self._runs[key] = check(self.linter, path)
        return self._runs[key]

    def baseline_keys(self, c: "Carrier") -> list[Key]:
        return [key_of(d, (), numbers=False) for d in self.baseline(c.rep_original, c.baseline).diagnostics]


# ---------------------------------------------------------------------------------------
# Carriers: the decoded text a transformation edits


@dataclass
class Carrier:
    rep: Report  # the carrier as disclint reads it
    text: str  # decoded, newlines as \n (the reader's line numbers count the same lines)
    encoding: str
    suffix: str
    html: bool
    baseline: tuple[bytes, str] | None  # None: the original file is the baseline
    rep_original: str = ""  # the original report's path
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def offset(self, p: Pos) -> int:
        if not 1 <= p.line <= len(self._starts):
            raise NotApplicable(f"位置 {p.line}:{p.column} 不在源文本中")
        return self._starts[p.line - 1] + p.column - 1

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding, errors="xmlcharrefreplace" if self.html else "strict")

    def case(self, label: str, text: str, expect: Expect) -> Case:
        return Case(label, self.encode(text), self.suffix, expect, self.baseline)


_TEXT_READERS = {"text", "markdown", "html"}


def reading_uncertain(rep: Report) -> str:
    """Why a rendering of this reading would not say what the report says ('' if none)."""
    replaced = _official_tables(rep)[1]
    if any(doubted(rep, t) or (settled_only(rep, t) and id(t) not in replaced) for t in rep.doc.tables):
        return "disclint 对本报告的表格有读取不确定之处（X010），按其读取结果生成的新文件不再是同一份报告"
    if not rep.doc.blocks:
        return "没有可读的内容"
    return ""


def carrier(rep: Report, env: Env) -> Carrier:
    if rep.path in env._carriers:
        return env._carriers[rep.path]
    doc = rep.doc
    if doc.reader in _TEXT_READERS and doc.source_text is not None:
        text = doc.source_text.replace("\r\n", "\n").replace("\r", "\n")
        enc = doc.encoding or "utf-8"
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            enc = "utf-8"
        suffix = os.path.splitext(rep.path)[1]
        c = Carrier(rep, text, enc, suffix, doc.reader == "html", None)
        same = c.encode(text) == rep.data
        if not same:  # newlines or BOM differ: compare with the re-written file itself
            c.baseline = (c.encode(text), suffix)
            path = env.write(os.path.basename(rep.path), c.baseline[0], folder="carrier")
            c.rep = read_report(env.linter, path)
    else:
        why = reading_uncertain(rep)
        if why:
            raise NotApplicable(why)
        html = render.to_html(outline(rep))
        stem = os.path.splitext(os.path.basename(rep.path))[0]
        path = env.write(stem + ".html", html.encode("utf-8"), folder="carrier")
        c = Carrier(read_report(env.linter, path), html, "utf-8", ".html", True, (html.encode("utf-8"), ".html"))
    c.rep_original = rep.path
    env._carriers[rep.path] = c
    return c


def _edit(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply (offset, length, new text) edits, last first."""
    for off, n, new in sorted(edits, reverse=True):
        text = text[:off] + new + text[off + n :]
    return text


def _char_offset(c: Carrier, textmap, text: str, i: int) -> int:
    """The source offset of ``text[i]`` (a node's character), checked against the source."""
    off = c.offset(textmap.pos(i))
    if c.text[off : off + 1] != text[i]:
        raise NotApplicable(f"源文本中找不到「{text}」第{i + 1}个字的位置")
    return off


# ---------------------------------------------------------------------------------------
# Same findings: encodings


def _set_charset(html: str, charset: str) -> str:
    pat = re.compile(r"(<meta[^>]*?charset\s*=\s*[\"']?)[A-Za-z0-9_.:-]+", re.I)
    if pat.search(html):
        return pat.sub(lambda m: m.group(1) + charset, html, count=1)
    m = re.search(r"<head[^>]*>", html, re.I)
    tag = f'<meta charset="{charset}">'
    return html[: m.end()] + tag + html[m.end() :] if m else tag + html


def _reencode(rep: Report, env: Env, encoding: str, charset: str, bom: bool = False) -> list[Case]:
    c = carrier(rep, env)
    text = _set_charset(c.text, charset) if c.html else c.text
    errors = "xmlcharrefreplace" if c.html else "strict"
    try:
        data = text.encode(encoding, errors=errors)
    except UnicodeEncodeError as exc:
        raise NotApplicable(f"文本含 {encoding} 无法表示的字符「{exc.object[exc.start]}」") from exc
    if bom:
        data = "\ufeff".encode(encoding) + data
    base = c.baseline
    if c.html and base is None and charset != "utf-8":
        base = (c.encode(text), c.suffix)  # the same page declaring the charset it is in
    return [Case(f"{encoding}{' BOM' if bom else ''}", data, c.suffix, Expect(), base)]


def enc_gb18030(rep: Report, env: Env) -> list[Case]:
    return _reencode(rep, env, "gb18030", "gb18030")


def enc_utf16_bom(rep: Report, env: Env) -> list[Case]:
    return _reencode(rep, env, "utf-16-le", "utf-16", bom=True)


def enc_gbk_html(rep: Report, env: Env) -> list[Case]:
    """A GBK page with <meta charset=gbk>: the report's own page, or its HTML rendering."""
    if rep.doc.reader == "html":
        c = carrier(rep, env)
        text = _set_charset(c.text, "gbk")
        return [Case("gbk html", text.encode("gbk", errors="xmlcharrefreplace"), ".html", Expect(), c.baseline)]
    why = reading_uncertain(rep)
    if why:
        raise NotApplicable(why)
    items = outline(rep)
    return [Case("gbk html (rendering)", render.html_bytes(items, "gbk"), ".html", Expect(), (render.html_bytes(items), ".html"))]


# ---------------------------------------------------------------------------------------
# Same findings: renderings


def _rendered(rep: Report, grid: bool = False) -> list:
    """The outline to render; ``grid``: for a medium whose tables are full grids (DOCX,
    markdown, PDF), where a row cannot stop after its label."""
    why = reading_uncertain(rep)
    if why:
        raise NotApplicable(why)
    if grid and any(i.kind == "row-empty" for i in rep.view.issues):
        # a label printed with no numbers after it (T213, kept out of the sums) is a short
        # row in HTML, but a grid gives the row its cells, and cells left blank are blanks
        # (B406, counted as 0: how a report leaving its zeros blank reads), not the same report
        raise NotApplicable("表三有只写了行标签、没有任何数字的行（T213）：该格式的表格每行都有单元格，"
                            "制成后该行成了空白单元格（B406），不再是同一份报告")
    return outline(rep)


def render_html(rep: Report, env: Env) -> list[Case]:
    return [Case("html", render.html_bytes(_rendered(rep)), ".html", Expect())]


def render_docx_styles(rep: Report, env: Env) -> list[Case]:
    return [Case("docx, Heading styles", render.docx_bytes(_rendered(rep, grid=True), "styles"), ".docx", Expect())]


def render_docx_bold(rep: Report, env: Env) -> list[Case]:
    return [Case("docx, bold headings", render.docx_bytes(_rendered(rep, grid=True), "bold"), ".docx", Expect())]


def render_docx_numbering(rep: Report, env: Env) -> list[Case]:
    """The part headings' 「一、」 (and the （一）/1. items' numbers) made Word's automatic
    numbering from numbering.xml instead of typed text: linked to the Heading styles,
    and on the bold paragraphs themselves."""
    items = _rendered(rep, grid=True)
    numbered = render.auto_numbers(items)
    if not any(lv == 0 for lv, _ in numbered.values()):
        raise NotApplicable("没有按「一、」顺序编号的部分标题")
    return [Case("docx, automatic numbering linked to Heading styles", render.docx_bytes(items, "styles", numbered=True), ".docx", Expect()),
            Case("docx, automatic numbering on bold paragraphs", render.docx_bytes(items, "bold", numbered=True), ".docx", Expect())]


def render_markdown(rep: Report, env: Env) -> list[Case]:
    return [Case("markdown", render.to_markdown(_rendered(rep, grid=True)).encode("utf-8"), ".md", Expect())]


def render_pdf(rep: Report, env: Env) -> list[Case]:
    return [Case("pdf", render.pdf_bytes(_rendered(rep, grid=True)), ".pdf", Expect())]


def render_pdf_browser(rep: Report, env: Env) -> list[Case]:
    if not os.path.exists(render.CHROMIUM):
        raise NotApplicable(f"没有 {render.CHROMIUM}")
    return [Case("pdf (printed by chromium)", render.browser_pdf_bytes(_rendered(rep, grid=True)), ".pdf", Expect())]


def _wrapped(rep: Report, fn: Callable, suffix: str) -> list[Case]:
    items = _rendered(rep)
    if not any(isinstance(t, OTable) and any(len(render.wrap_parts(c.text, True)) > 1 for c in t.cells) for t in items):
        raise NotApplicable("没有长标签")
    return [Case(f"labels wrapped ({suffix})", fn(items, True), suffix, Expect(), (fn(items, False), suffix))]


def wrap_labels_html(rep: Report, env: Env) -> list[Case]:
    return _wrapped(rep, lambda items, w: render.html_bytes(items, wrap=w), ".html")


def wrap_labels_docx(rep: Report, env: Env) -> list[Case]:
    return _wrapped(rep, lambda items, w: render.docx_bytes(items, wrap=w), ".docx")


def wrap_labels_pdf(rep: Report, env: Env) -> list[Case]:
    """Labels broken over lines inside their cells of the PDF rendering (class 17),
    compared with the same rendering unbroken."""
    return _wrapped(rep, lambda items, w: render.pdf_bytes(items, wrap=w), ".pdf")


# ---------------------------------------------------------------------------------------
# Same findings: look-alike characters, heading notes, a sentence after a table

# CJK Radicals Supplement characters that look like common simplified characters (PDF
# text extraction yields them); Unicode gives them no decomposition, so NFKC keeps them.
RADICAL_SUPPLEMENT = dict(zip("见贝车长门页风飞马鱼鸟黄齐齿龙龟", "⻅⻉⻋⻓⻔⻚⻛⻜⻢⻥⻦⻩⻬⻮⻰⻳"))
# Kangxi Radicals (U+2F00..U+2FD5): NFKC maps each to the ideograph it looks like.
KANGXI = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}


def _lookalike(rep: Report, env: Env, table: dict[str, str], name: str) -> list[Case]:
    c = carrier(rep, env)
    used = {ch for ch in c.text if ch in table}
    if not used:
        raise NotApplicable("没有可替换的字")
    text = "".join(table.get(ch, ch) for ch in c.text)
    folds = tuple((table[ch], ch) for ch in sorted(used))
    return [c.case(f"{len(used)} characters as {name} look-alikes", text, Expect(folds=folds))]


def lookalike_kangxi(rep: Report, env: Env) -> list[Case]:
    return _lookalike(rep, env, KANGXI, "Kangxi radical")


def lookalike_radicals(rep: Report, env: Env) -> list[Case]:
    return _lookalike(rep, env, RADICAL_SUPPLEMENT, "CJK radical supplement")


def script_traditional(rep: Report, env: Env) -> list[Case]:
    """The report as a traditional-script mirror serves it (OpenCC's s2t, word by word, as
    such sites convert their pages): the same report, the same findings."""
    import opencc

    c = carrier(rep, env)
    text = opencc.OpenCC("s2t").convert(c.text)
    if text == c.text:
        raise NotApplicable("没有可转换的字")
    return [c.case("traditional script (OpenCC s2t)", text, Expect())]


_FULLWIDTH_DIGITS = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")


def digits_fullwidth(rep: Report, env: Env) -> list[Case]:
    """Every digit of the report's text typed full-width (０–９, an input method's other mode),
    markup left as it is: the same numbers, the same findings."""
    c = carrier(rep, env)
    parts, pos = [], 0
    for m in (_MARKUP.finditer(c.text) if c.html else ()):
        parts.append(c.text[pos:m.start()].translate(_FULLWIDTH_DIGITS))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(c.text[pos:].translate(_FULLWIDTH_DIGITS))
    text = "".join(parts)
    if text == c.text:
        raise NotApplicable("没有数字")
    return [c.case("digits typed full-width", text, Expect())]


HEADING_NOTE = "（有关情况附表）"
# the sections whose statistics are tables: 二 主动公开, 三 依申请, 四 复议诉讼
_TABLE_SECTIONS = {1, 2, 3}


def heading_note(rep: Report, env: Env) -> list[Case]:
    c = carrier(rep, env)
    edits = []
    for h in c.rep.headings:
        if h.index in _TABLE_SECTIONS and h.quality in ("exact", "variant"):
            b = c.rep.doc.blocks[h.block_index]
            off = _char_offset(c, b.textmap, b.text, h.end_offset - 1) + 1
            edits.append((off, 0, HEADING_NOTE))
    if not edits:
        raise NotApplicable("没有识别出第二、三、四部分的标题")
    return [c.case(f"{len(edits)} headings + {HEADING_NOTE}", _edit(c.text, edits), Expect(folds=((HEADING_NOTE, ""),)))]


SENTENCE = "以上数据由本机关政府信息公开工作机构统计。"


def _starts_with_heading(rep: Report, i: int) -> bool:
    b = rep.doc.blocks[i]
    if isinstance(b, Block) and b.kind == "heading":
        return True
    return any(h.block_index == i and not b.text[: h.start_offset].strip() for h in rep.headings)


def _table_end(c: Carrier, t: Table) -> int:
    """The source offset just after a table's last non-blank cell."""
    last = max((x for x in t.cells if not x.blank), key=lambda x: (x.textmap.pos(len(x.text) - 1), x.row, x.col))
    return _char_offset(c, last.textmap, last.text, len(last.text) - 1) + 1


def sentence_after_table(rep: Report, env: Env) -> list[Case]:
    """A sentence between each table and the heading right after it: in a page, a <p>
    after </table>; in text, a line of its own just before the heading's line (or, in a
    page flattened onto one line, the sentence just before the heading)."""
    c = carrier(rep, env)
    blocks = c.rep.doc.blocks
    edits = []
    for i, b in enumerate(blocks[:-1]):
        if not isinstance(b, Table) or not any(not x.blank for x in b.cells) or not _starts_with_heading(c.rep, i + 1):
            continue
        if c.html:
            close = c.text.find("</table>", _table_end(c, b))
            if close < 0:
                raise NotApplicable("找不到表格的结束标记")
            edits.append((close + len("</table>"), 0, f"\n<p>{SENTENCE}</p>"))
            continue
        nxt = blocks[i + 1]
        at = _char_offset(c, nxt.textmap, nxt.text, 0)
        line_start = c.text.rfind("\n", 0, at) + 1
        if not c.text[line_start:at].strip(" \t#"):
            edits.append((line_start, 0, SENTENCE + "\n"))
        else:
            edits.append((at, 0, SENTENCE + " "))
    if not edits:
        raise NotApplicable("没有紧接着标题的表格")
    return [c.case(f"a sentence after {len(edits)} tables", _edit(c.text, edits), Expect())]


# ---------------------------------------------------------------------------------------
# Known effects: one character in a row label or a column heading

MARK = "某"  # inserted or substituted; it occurs in no label


_PLACEHOLDER = uncertain_reason("placeholder")


def _cells_named(rep: Report, label: str, tail: bool) -> list[Cell]:
    """Cells whose normalised text is ``label`` (``tail``: ends with it, after numbering or
    group labels). A table the reader set aside whole (a converter's placeholder, 「- | -」
    under 「商业企业 | 科研机构 …」) is not read as a table, so its cells are not targets."""
    n = normalize(label)
    out = []
    for t in rep.doc.tables:
        if any(u.row is None and u.reason == _PLACEHOLDER for u in t.uncertain):
            continue
        for x in t.cells:
            nt = normalize(x.text)
            if nt == n or (tail and nt.endswith(n)):
                out.append(x)
    return out


def _mutation_at(x: Cell, label_core: str) -> int:
    """The index in ``x.text`` of the middle CJK character of ``label_core``."""
    normed, where = normalize_with_map(x.text)
    core = normalize(label_core)
    k = normed.rfind(core)
    if k < 0:
        raise NotApplicable(f"单元格「{x.text}」中找不到「{label_core}」")
    for j in list(range(len(core) // 2, len(core))) + list(range(len(core) // 2)):
        if "\u4e00" <= core[j] <= "\u9fff":
            return where[k + j]
    raise NotApplicable(f"「{label_core}」中没有汉字")


def _second_at(x: Cell, label_core: str, i: int) -> int:
    """The index in ``x.text`` of the CJK character of ``label_core`` next to ``x.text[i]``
    (after it, else before it): the second character a two-character slip takes."""
    normed, where = normalize_with_map(x.text)
    core = normalize(label_core)
    k = normed.rfind(core)
    j = where[k:k + len(core)].index(i)
    for n in (j + 1, j - 1):
        if 0 <= n < len(core) and "\u4e00" <= core[n] <= "\u9fff":
            return where[k + n]
    raise NotApplicable(f"「{label_core}」中没有相邻的两个汉字")


def _mutate(c: Carrier, x: Cell, label_core: str, how: str) -> tuple[str, str]:
    """(new text, what was done) with one character of the cell changed (``delete2``:
    two neighbouring characters lost, a slip beyond the one-edit limit of short labels)."""
    i = _mutation_at(x, label_core)
    off = _char_offset(c, x.textmap, x.text, i)
    if how == "delete2":
        i2 = _second_at(x, label_core, i)
        off2 = _char_offset(c, x.textmap, x.text, i2)
        lo, hi = sorted((i, i2))
        if abs(off2 - off) != 1:
            raise NotApplicable("两个字在源文本中不相邻")
        return _edit(c.text, [(min(off, off2), 2, "")]), f"「{x.text[lo]}{x.text[hi]}」 deleted"
    if how == "insert":
        return _edit(c.text, [(off, 0, MARK)]), f"「{MARK}」 inserted before 「{x.text[i]}」"
    if how == "delete":
        return _edit(c.text, [(off, 1, "")]), f"「{x.text[i]}」 deleted"
    return _edit(c.text, [(off, 1, MARK)]), f"「{x.text[i]}」 -> 「{MARK}」"


def _row_target(rep: Report, shortest: bool = False):
    """A 表三 row label to misspell: the longest (``shortest``: the shortest of at least
    four characters) without a （…） note that the report writes once, exactly, in a
    cell of its own."""
    t3 = rep.view.table3
    if t3 is None or not t3.rows:
        raise NotApplicable("没有识别出表三")
    best = None
    for key, m in t3.rows.items():
        lab = t3.labels[key]
        if m.row is None or m.how != "exact" or "(" in lab.core or len(lab.core) < 4:
            continue
        cells = _cells_named(rep, lab.canonical, tail=True)
        if len(cells) != 1:
            continue
        if best is None or (len(lab.core) < len(best[0].core) if shortest else len(lab.core) > len(best[0].core)):
            best = (lab, cells[0])
    if best is None:
        raise NotApplicable("表三没有可改写的行标签")
    return best


def _column_target(rep: Report):
    """A 表二 column heading to misspell: the longest the report writes once, exactly."""
    blocks = rep.view.table2 or {}
    best = None
    for blk in blocks.values():
        for col in blk.columns:
            core = re.sub(r"（[^（）]*）$", "", col)
            if len(core) < 4:
                continue
            cells = _cells_named(rep, col, tail=False)
            if len(cells) != 1:
                continue
            if best is None or len(core) > len(best[1]):
                best = (col, core, cells[0])
    if best is None:
        raise NotApplicable("表二没有只出现一次的列标题")
    return best


def _longest_once(rep: Report, labels: list[str], what: str):
    """(label, cell) of the longest of ``labels`` (four characters or more) the report
    writes once, exactly."""
    best = None
    for label in labels:
        cells = _cells_named(rep, label, tail=False)
        if len(label) >= 4 and len(cells) == 1 and (best is None or len(label) > len(best[0])):
            best = (label, cells[0])
    if best is None:
        raise NotApplicable(f"{what}没有只出现一次的列标题")
    return best


def _t3_column_target(rep: Report):
    """A 表三 column heading to misspell."""
    t3 = rep.view.table3
    if t3 is None or not t3.rows:
        raise NotApplicable("没有识别出表三")
    return _longest_once(rep, [t3.column_labels[k] for k in t3.columns], "表三")


def _t4_column_target(rep: Report):
    """A 表四 heading to misspell."""
    t4 = rep.view.table4
    if t4 is None or t4.span is None or not t4.values:
        raise NotApplicable("没有识别出表四")
    return _longest_once(rep, list(t4.group_labels.values()) + list(t4.column_labels.values()), "表四")


def _label_case(rep: Report, env: Env, how: str, what: str) -> list[Case]:
    c = carrier(rep, env)
    if what == "t4-column":
        col, x = _t4_column_target(c.rep)
        text, done = _mutate(c, x, col, how)
        return [c.case(f"表四 column 「{col}」: {done}", text, Expect(added=(Want(("T205",), (f"「{col}」",)),)))]
    if what == "t3-column":
        col, x = _t3_column_target(c.rep)
        text, done = _mutate(c, x, col, how)
        return [c.case(f"表三 column 「{col}」: {done}", text, Expect(added=(Want(("T205",), (f"「{col}」",)),)))]
    if what in ("row", "short-row"):
        lab, x = _row_target(c.rep, shortest=what == "short-row")
        text, done = _mutate(c, x, lab.core, how)
        want = Want(("T203",), (f"「{lab.canonical}」",))
        label = f"表三 row 「{lab.canonical}」: {done}"
    else:
        col, core, x = _column_target(c.rep)
        text, done = _mutate(c, x, core, how)
        want = Want(("T205",), (f"「{col}」",))
        label = f"表二 column 「{col}」: {done}"
    return [c.case(label, text, Expect(added=(want,)))]


def row_label_insert(rep, env):
    return _label_case(rep, env, "insert", "row")


def row_label_delete(rep, env):
    return _label_case(rep, env, "delete", "row")


def row_label_substitute(rep, env):
    return _label_case(rep, env, "substitute", "row")


def row_label_delete2(rep, env):
    return _label_case(rep, env, "delete2", "row")


def short_row_label_delete2(rep, env):
    return _label_case(rep, env, "delete2", "short-row")


def column_heading_insert(rep, env):
    return _label_case(rep, env, "insert", "column")


def column_heading_delete(rep, env):
    return _label_case(rep, env, "delete", "column")


def column_heading_substitute(rep, env):
    return _label_case(rep, env, "substitute", "column")


def column_heading_delete2(rep, env):
    return _label_case(rep, env, "delete2", "column")


def t3_column_heading_insert(rep, env):
    return _label_case(rep, env, "insert", "t3-column")


def t3_column_heading_delete(rep, env):
    return _label_case(rep, env, "delete", "t3-column")


def t3_column_heading_substitute(rep, env):
    return _label_case(rep, env, "substitute", "t3-column")


def t4_column_heading_substitute(rep, env):
    return _label_case(rep, env, "substitute", "t4-column")


def t3_column_heading_delete2(rep, env):
    return _label_case(rep, env, "delete2", "t3-column")


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")


def row_numbering_dropped(rep: Report, env: Env) -> list[Case]:
    """A 表三 row label without its numbering (「予以公开」 for 「（一）予以公开」): the row
    is still read, and named once (T214)."""
    c = carrier(rep, env)
    t3 = c.rep.view.table3
    if t3 is None or not t3.rows:
        raise NotApplicable("没有识别出表三")
    why = "表三没有只出现一次、带编号的行标签"
    # the longest label first, as the other row slips do
    for key in sorted(t3.order, key=lambda k: -len(t3.labels[k].core)):
        m, lab = t3.rows.get(key), t3.labels[key]
        if m is None or m.row is None or m.how != "exact" or not m.row.values or len(lab.core) < 4:
            continue
        cells = _cells_named(c.rep, lab.canonical, tail=True)
        num = _NUMBERING.match(normalize(lab.canonical))
        if len(cells) != 1 or num is None or cells[0] is not m.row.labels[-1]:
            continue
        x = cells[0]
        normed, where = normalize_with_map(x.text)
        k = normed.rfind(normalize(lab.canonical))
        first, last = where[k], where[k + num.end() - 1]
        off, end = _char_offset(c, x.textmap, x.text, first), _char_offset(c, x.textmap, x.text, last) + 1
        if end - off != last - first + 1:
            why = "编号在源文本中不连续"
            continue
        text = _edit(c.text, [(off, end - off, "")])
        return [c.case(f"表三 row 「{lab.canonical}」: 「{c.text[off:end]}」 dropped", text,
                       Expect(added=(Want(("T214",), (f"「{lab.canonical}」",)),)))]
    raise NotApplicable(why)


# ---------------------------------------------------------------------------------------
# Known effects: a section heading reworded


# S203: a heading that no longer reads as the introduction's list of parts says. Where
# the introduction lists the parts, rewording a heading rightly brings it as well.
INTRO = ("S203",)


def reword(title: str) -> str:
    """Other words for a section title, still plainly that section's."""
    if "情况" in title:
        k = title.rfind("情况")
        return title[:k] + "工作" + title[k:]
    if "事项" in title:
        k = title.rfind("事项")
        return title[:k] + "有关" + title[k:]
    return title + "情况"


def heading_reworded(rep: Report, env: Env) -> list[Case]:
    c = carrier(rep, env)
    cases = []
    for h in c.rep.headings:
        if h.quality != "exact" or any(o.index == h.index and o is not h for o in c.rep.headings):
            continue
        b = c.rep.doc.blocks[h.block_index]
        title = h.title
        k = normalize(b.text).find(normalize(title), len(normalize(b.text[: h.start_offset])))
        if k < 0:
            continue
        normed, where = normalize_with_map(b.text)
        start, end = where[k], where[k + len(normalize(title)) - 1] + 1
        if normalize(b.text[start:end]) != normalize(title):
            continue
        off = _char_offset(c, b.textmap, b.text, start)
        _char_offset(c, b.textmap, b.text, end - 1)
        new = reword(title)
        official = f"{h.number}、{title}"
        text = _edit(c.text, [(off, end - start, new)])
        want = Want(("S103", "S104"), (f"「{official}」",))
        expect = Expect(added=(want,), folds=((new, title),), allowed=INTRO)
        cases.append(c.case(f"「{official}」 -> 「{h.number}、{new}」", text, expect))
    if not cases:
        raise NotApplicable("没有识别出规范写法的部分标题")
    return cases


# ---------------------------------------------------------------------------------------
# Known effects: +1 in a 表三 cell, a wrong 表四 total


def _identities(rep: Report) -> list[tuple[dict, str]]:
    """(identity, rule code) for every identity the rule set checks."""
    idents = {i["id"]: i for i in rep.schema("table-identities")}
    out = []
    for code, rule in sorted(rep.ruleset.rules.items()):
        ident = idents.get((rule.params or {}).get("identity"))
        if ident is not None:
            out.append((ident, code))
    return out


def _terms(t3, terms: list) -> set[str]:
    keys: set[str] = set()
    for t in terms:
        if isinstance(t, dict) and "leaves-of" in t:
            keys |= set(t3.leaves_under(t["leaves-of"]))
        else:
            keys.add(str(t))
    return keys


def involved(rep: Report, row: str, col: str) -> list[Want] | None:
    """The identity findings a change of 表三 (row, col) must bring, from the rule set's
    table-identities (a column identity names the column, a row identity the row); None
    when one of them cannot be evaluated (a cell it needs holds no number)."""
    t3 = rep.view.table3
    wants = []
    for ident, code in _identities(rep):
        if ident.get("table") != "table3":
            continue
        left, right = _terms(t3, ident.get("left", [])), _terms(t3, ident.get("right", []))
        right -= left
        per = ident.get("per")
        if per == "column" and row in left | right:
            cells = [t3.rows[k].values.get(col) if k in t3.rows and not t3.rows[k].excluded else None for k in left | right]
            wants.append(Want((code,), (f"「{t3.column_labels[col]}」",)))
        elif per == "row" and col in left | right:
            cells = [t3.rows[row].values.get(c) for c in left | right]
            wants.append(Want((code,), (f"「{t3.labels[row].canonical}」",)))
        elif per == "subtotal" and any(g in t3.rows and t3.rows[g].has_values for g in _ancestors(t3, row)):
            return None  # a filled-in subtotal: B405 would join in
        else:
            continue
        if not all(v is not None and v.usable for v in cells):
            return None
    return wants


def _ancestors(t3, k: str) -> list[str]:
    out = []
    while k in t3.parents:
        k = t3.parents[k]
        out.append(k)
    return out


def _digits_at(c: Carrier, x) -> tuple[re.Match, int, int, bool]:
    """The cell's digits, their source offsets, and whether they run into a neighbour's."""
    digits = re.search(r"\d+", x.text)
    start = _char_offset(c, x.textmap, x.text, digits.start())
    end = _char_offset(c, x.textmap, x.text, digits.end() - 1) + 1
    return digits, start, end, c.text[start - 1 : start].isdigit() or c.text[end : end + 1].isdigit()


def _bump(c: Carrier, v, row_values=()) -> tuple[str, str]:
    x = v.cell
    if x is None or not v.usable or v.number != int(v.number) or v.number < 0:
        raise NotApplicable("单元格不是整数")
    digits, start, end, glued = _digits_at(c, x)
    if glued:
        # the report ran the row's numbers together (0012 for 0 0 1 2): the reader split
        # the string, so a +1 here changes a digit string, not one cell
        raise NotApplicable("该单元格的数字与相邻单元格连写，不是单独的一格")
    others = [w.cell for w in row_values if w is not v and w.cell is not None and re.search(r"\d", w.cell.text)]
    if any(len(d.group()) > 1 and glued for d, _, _, glued in map(lambda y: _digits_at(c, y), others)):
        # another cell of the row, of two digits or more, was split out of a digit string
        # by the row's sums (「120 02 0 014」: 12|0, 0|2, 0|14): a +1 anywhere in the row
        # changes how that string splits (a string of one-digit cells splits one way only)
        raise NotApplicable("该行其他单元格的数字连写，由本行合计拆分，改动一格会改变拆法")
    new = str(int(digits.group()) + 1)
    return _edit(c.text, [(start, digits.end() - digits.start(), new)]), f"{digits.group()} -> {new}"


def _held(base_keys: list[Key], want: Want) -> bool:
    """Whether the identity held before (no finding of its code at that place yet)."""
    return not any(want.matches(k) for k in base_keys)


# Applicant columns tried in turn: narrative sentences rarely quote these
_T3_COLUMNS = ["科研机构", "社会公益组织", "法律服务机构", "商业企业", "其他", "自然人"]
_T3_ROWS = ["三.一", "一"]  # an item under 三 (sum → 总计 row) and a top-level row


def t3_plus_one(rep: Report, env: Env) -> list[Case]:
    c = carrier(rep, env)
    t3 = c.rep.view.table3
    if t3 is None or not t3.rows or c.rep.view.legacy:
        raise NotApplicable("没有识别出表三")
    base = env.baseline_keys(c)
    cases = []
    why: set[str] = set()
    for row in _T3_ROWS:
        m = t3.rows.get(row)
        if m is None or m.excluded:
            why.add("行未读出或已排除在核对之外")
            continue
        for col in _T3_COLUMNS:
            v = m.values.get(col)
            if v is None or not v.usable or v.cell is None:
                why.add("单元格不是数字")
                continue
            wants = involved(c.rep, row, col)
            if not wants or t3.orphans or t3.unknown:
                why.add("所涉勾稽关系有空格或无法核对")
                continue
            if not all(_held(base, w) for w in wants):
                why.add("所涉勾稽关系原本就不成立")
                continue
            try:
                text, done = _bump(c, v, list(m.values.values()))
            except NotApplicable as exc:
                why.add(str(exc))
                continue
            # a sentence quoting the changed row or column (B50x) now disagrees with it too: right, not noise
            cases.append(c.case(f"表三「{t3.labels[row].canonical}」「{col}」 {done}", text,
                                Expect(added=tuple(wants), numbers=False, allowed=NARRATIVE)))
            break
    if not cases:
        raise NotApplicable("表三没有可改动的单元格：" + "；".join(sorted(why)))
    return cases


# The narrative rules compare the report's sentences with table cells: where the text
# quotes the 表三 cell or 表四 total that was changed, a new B50x finding is right, not noise.
NARRATIVE = tuple(f"B50{i}" for i in range(1, 10))


def t4_total_wrong(rep: Report, env: Env) -> list[Case]:
    c = carrier(rep, env)
    t4 = c.rep.view.table4
    if t4 is None or not t4.values or t4.excluded or c.rep.view.legacy:
        raise NotApplicable("没有识别出表四")
    base = env.baseline_keys(c)
    total = t4.columns[-1]
    cases = []
    why: set[str] = set()
    for g in t4.groups:
        v = t4.values.get((g, total))
        want = Want(("B404",), (f"「{t4.group_labels[g]}」",))
        if not all(t4.values.get((g, col)) is not None and t4.values[(g, col)].usable for col in t4.columns):
            why.add("该组有空格或非数字")  # the identity needs every cell of the group
            continue
        if not _held(base, want):
            why.add("该组总计原本就不等于各项之和")
            continue
        try:
            text, done = _bump(c, v)
        except NotApplicable as exc:
            why.add(str(exc))
            continue
        expect = Expect(added=(want,), numbers=False, allowed=NARRATIVE)
        cases.append(c.case(f"表四「{t4.group_labels[g]}」总计 {done}", text, expect))
    if not cases:
        raise NotApplicable("表四没有可改动的总计：" + "；".join(sorted(why)))
    return cases


# ---------------------------------------------------------------------------------------
# The registry: name -> (function, what it must do)

TRANSFORMS: dict[str, tuple[Callable[[Report, Env], list[Case]], str]] = {
    "enc-gb18030": (enc_gb18030, "same"),
    "enc-utf16-bom": (enc_utf16_bom, "same"),
    "enc-gbk-html": (enc_gbk_html, "same"),
    "render-html": (render_html, "same"),
    "render-docx-styles": (render_docx_styles, "same"),
    "render-docx-bold": (render_docx_bold, "same"),
    "render-docx-numbering": (render_docx_numbering, "same"),
    "render-markdown": (render_markdown, "same"),
    "render-pdf": (render_pdf, "same"),
    "render-pdf-browser": (render_pdf_browser, "same"),
    "lookalike-kangxi": (lookalike_kangxi, "same"),
    "lookalike-radicals": (lookalike_radicals, "same"),
    "script-traditional": (script_traditional, "same"),
    "digits-fullwidth": (digits_fullwidth, "same"),
    "heading-note": (heading_note, "same"),
    "sentence-after-table": (sentence_after_table, "same"),
    "wrap-labels-html": (wrap_labels_html, "same"),
    "wrap-labels-docx": (wrap_labels_docx, "same"),
    "wrap-labels-pdf": (wrap_labels_pdf, "same"),
    "row-label-insert": (row_label_insert, "one T203"),
    "row-label-delete": (row_label_delete, "one T203"),
    "row-label-substitute": (row_label_substitute, "one T203"),
    "row-label-delete2": (row_label_delete2, "one T203"),
    "short-row-label-delete2": (short_row_label_delete2, "one T203"),
    "column-heading-insert": (column_heading_insert, "one T205"),
    "column-heading-delete": (column_heading_delete, "one T205"),
    "column-heading-substitute": (column_heading_substitute, "one T205"),
    "column-heading-delete2": (column_heading_delete2, "one T205"),
    "t3-column-heading-insert": (t3_column_heading_insert, "one T205"),
    "t3-column-heading-delete": (t3_column_heading_delete, "one T205"),
    "t3-column-heading-substitute": (t3_column_heading_substitute, "one T205"),
    "t3-column-heading-delete2": (t3_column_heading_delete2, "one T205"),
    "t4-column-heading-substitute": (t4_column_heading_substitute, "one T205"),
    "row-numbering-dropped": (row_numbering_dropped, "one T214"),
    "heading-reworded": (heading_reworded, "S103/S104"),
    "t3-plus-one": (t3_plus_one, "its B4xx"),
    "t4-total-wrong": (t4_total_wrong, "B404"),
}

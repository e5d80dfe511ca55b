"""The 2008-era statistics table: its own sums (``check: legacy-table-sum``) and the text's
"no application this year" against it (``check: legacy-none-received``).

Reports under the 2008 条例 had no national format, but most attached the 指标名称/计量单位/
本年度/历年累计 table, read here from the page text: after its header, a row is a label, a unit
(the schema's ``units``: 条, 件…) and one cell per column (one column 「年末统计」, or two: the year
and 历年累计). A row followed by 「其中」 (the schema's ``items-word``) and numbered item rows
(「其中：1.当面申请数 条 1 1 2.网上申请数 条 0 3 …」) is their total, in every column. The items need not
be all of it (「主动公开信息数 … 其中：1.网站公开 2.政府公报公开」 leaves out other channels), so what is
reported is items that add up to MORE than their total.

Cells run together on flattened pages (「…答复数条132.同意部分公开…」): the next item's number
glued to a row's digits is taken off (it is that item's ``2.``), and the digits left are tried
in every split into the table's columns (as the cross-year checks do); a finding is made only
when under every choice of splits the items add up to more than the total in some column.

The text before the table saying that no application came in the report year (「2018年，未收到
公民提出的公开政府信息申请」; the schema's ``none-received`` phrases, not a clause about reviews or
suits) while the table's received total (its label has every ``received-total-words``) is more
than 0 for the year under every split is the second finding; the text's first 「累计…公开…N条」
that no split of the published total's 历年累计 cell gives (``check: legacy-cumulative-text``) the
third; a header whose year column is not the report year (``check: legacy-table-year``) the fourth.
"""

from __future__ import annotations

import itertools
import re

from disclint.analysis.splits import all_splits
from disclint.checking import CheckerKind, Finding
from disclint.hookspecs import hookimpl

_HEADER = re.compile(r"指\s*标\s*名\s*称\s*(?:计\s*量\s*)?单\s*位")
_MAX_ITEMS = 9
_MAX_COMBINATIONS = 20000  # splits tried per total and its items; beyond that the total is not decided
_DIGITS = r"(\d[\d \u3000\xa0]*)"


def _loose(words: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in words)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in words if w)


def _columns(after_header: str) -> int:
    """How many value columns the table has: 历年累计 beside the year, or one."""
    return 2 if re.match(r".{0,20}?" + _loose("历年累计"), after_header) else 1


def _spec(ctx):
    """The rule set's ``legacy-table`` schema with its units and items-word as alternations
    (spec, units, word); None when the set has none of them (no table is read then)."""
    try:
        spec = ctx.schema("legacy-table")
    except (KeyError, AttributeError):
        return None
    units = _alternation(spec.get("units") or [])
    word = _alternation(spec.get("items-word") or [])
    if not units or not word:
        return None
    return spec, units, word


def _tables(blocks):
    """(index, block, header match) of each text block holding the table's header."""
    for i, b in enumerate(blocks):
        h = _HEADER.search(b.text)
        if h is not None:
            yield i, b, h


def _cells(raw: str, tail: str, number: int) -> str:
    """``raw`` without the next item's number ``number`` glued to its end (「13」 of 「132.」)."""
    raw = raw.rstrip()
    if re.match(r"\s*[.．、]", tail) and raw.endswith(str(number)):
        raw = raw[: -len(str(number))].rstrip()
    return raw


def _decide(total, items) -> bool | None:
    """True when some splits keep the items' sum within the total in every column, False when
    none does, None when there are too many splits to try."""
    count = len(total)
    for it in items:
        count *= len(it)
    if count == 0 or count > _MAX_COMBINATIONS:
        return None
    cols = len(total[0])
    for t in total:
        for combo in itertools.product(*items):
            if all(sum(x[c] for x in combo) <= t[c] for c in range(cols)):
                return True
    return False


def _shown(raw: str, splits) -> str:
    return "、".join(str(v) for v in splits[0]) if len(splits) == 1 else f"「{raw}」"


def check_legacy_sum(doc, rule, ctx):
    found = _spec(ctx)
    if found is None:
        return
    _, units, word = found
    total_rx = re.compile(rf"([\u4e00-\u9fff、，“”]{{2,30}}?)\s*(?:{units})\s*{_DIGITS}$")
    for _i, b, h in _tables(doc.text_blocks):
        text = b.text
        n = _columns(text[h.end():h.end() + 40])
        for w in re.finditer(rf"\s*(?:{word})\s*[:：]?", text[h.end():]):
            at = h.end() + w.start()
            tm = total_rx.search(text, max(h.end(), at - 80), at)
            if tm is None or tm.end() != at:
                continue
            traw = tm.group(2).rstrip()
            items, pos = [], h.end() + w.end()
            for k in range(1, _MAX_ITEMS + 1):
                rx = re.compile(rf"\s*{k}\s*[.．、]\s*([\u4e00-\u9fff、，“”]{{2,30}}?)\s*(?:{units})\s*{_DIGITS}")
                im = rx.match(text, pos)
                if im is None:
                    break
                raw = _cells(im.group(2), text[im.end():], k + 1)
                items.append((im.group(1), raw))
                pos = im.start(2) + len(raw)
            if len(items) < 2:
                continue
            total = all_splits(traw, n)
            splits = [all_splits(raw, n) for _, raw in items]
            if not total or not all(splits):
                continue
            if _decide(total, splits) is False:
                start = tm.start(2)
                yield Finding(b.textmap.span(start, start + len(traw)), {
                    "total": tm.group(1), "found": _shown(traw, total),
                    "items": "，".join(f"{label}{_shown(raw, s)}" for (label, raw), s in zip(items, splits)),
                })


def _receipts(text: str, start: int, n: int, words: list[str], units: str, item_word: str):
    """The table's received-applications total (the row followed by 其中 whose label has every
    one of ``words``): (label, raw, splits, offset) or None."""
    rx = re.compile(rf"([\u4e00-\u9fff、，“”]{{2,30}}?)\s*(?:{units})\s*{_DIGITS}(?=\s*(?:{item_word}))")
    for m in rx.finditer(text, start):
        if all(w in m.group(1) for w in words):
            raw = m.group(2).rstrip()
            return m.group(1), raw, all_splits(raw, n), m.start(2)
    return None


def check_none_received(doc, rule, ctx):
    """The text says no application came in the report year; the table's received total for
    the year is more than 0 under every split of its cells."""
    found = _spec(ctx)
    if found is None:
        return
    spec, units, word = found
    none = spec.get("none-received") or {}
    phrases, skip = _alternation(none.get("phrases") or []), _alternation(none.get("not-about") or [])
    words = list(spec.get("received-total-words") or [])
    if not (phrases and words) or ctx.year is None:
        return
    said = re.compile(rf"(?:{ctx.year}\s*年度?|本年度?|今年|全年)[^。；;]{{0,12}}?(?:{phrases})[^。；;]{{0,24}}?申请")
    blocks = list(doc.text_blocks)
    for i, b, h in _tables(blocks):
        text = b.text
        row = _receipts(text, h.end(), _columns(text[h.end():h.end() + 40]), words, units, word)
        if row is None or not row[2] or min(s[0] for s in row[2]) == 0:
            return
        label, raw, splits, _ = row
        this_year = {sp[0] for sp in splits}
        shown = str(this_year.pop()) if len(this_year) == 1 else f"「{raw}」的第一栏"
        # the text before the table: earlier blocks, and this block up to the table's header
        for before in blocks[:i] + [b]:
            stop = h.start() if before is b else len(before.text)
            for m in said.finditer(before.text, 0, stop):
                end = re.compile(r"[。；;]").search(before.text, m.end())
                clause = before.text[m.start():end.start() if end else len(before.text)]
                if skip and re.search(skip, clause):
                    continue  # 「无因政府信息公开申请行政复议…的情况」: about reviews, not applications
                yield Finding(before.textmap.span(m.start(), m.end()), {"said": m.group(0), "total": label, "found": shown})
                return
        return


def check_cumulative_text(doc, rule, ctx):
    """The text's 「累计（主动）公开…N条」 against the table's published total's 历年累计 cell: no
    split of that row gives N."""
    found = _spec(ctx)
    if found is None:
        return
    spec, units, word = found
    words = list(spec.get("published-total-words") or [])
    if not words:
        return
    # 「累计257份」「历年累计主动公开政府信息2964条」: the whole count, not a kind of it (「累计主动公开采购信息25条」)
    said = re.compile(rf"累计\s*(?:共)?(?:主动)?(?:公开)?(?:了)?(?:政府)?(?:信息|文件)?(?:共)?\s*(\d+)\s*(?:{units})")
    blocks = list(doc.text_blocks)
    for i, b, h in _tables(blocks):
        text = b.text
        if _columns(text[h.end():h.end() + 40]) != 2:
            return
        row = _receipts(text, h.end(), 2, words, units, word)
        if row is None or not row[2]:
            return
        label, raw, splits, _ = row
        for before in blocks[:i] + [b]:
            stop = h.start() if before is b else len(before.text)
            for m in said.finditer(before.text, 0, stop):
                lo = max((x.end() for x in re.finditer(r"[。；;，,]", before.text[:m.start()])), default=0)
                hi = re.compile(r"[。；;，,]").search(before.text, m.end())
                clause = before.text[lo:hi.start() if hi else len(before.text)]
                if "公开" not in clause or "申请" in clause:
                    continue
                n = int(m.group(1))
                if all(sp[1] != n for sp in splits):
                    cum = {sp[1] for sp in splits}
                    yield Finding(before.textmap.span(m.start(), m.end()), {
                        "said": m.group(0), "total": label,
                        "found": str(cum.pop()) if len(cum) == 1 else f"「{raw}」的第二栏"})
                return
        return


def check_table_year(doc, rule, ctx):
    """The table's header names a year (「指标名称 计量单位 2017年度 历年累计」) that is not the
    report year, and no column of it is the report year."""
    if ctx.year is None:
        return
    for _i, b, h in _tables(doc.text_blocks):
        head = b.text[h.end():h.end() + 30]
        stop = re.search(r"[条件份]|历\s*年\s*累\s*计", head)
        years = list(re.finditer(r"((?:19|20)\d{2})\s*年\s*度?", head[: stop.end() if stop else 20]))
        if years and all(int(y.group(1)) != ctx.year for y in years):
            y = years[0]
            yield Finding(b.textmap.span(h.end() + y.start(), h.end() + y.end()),
                          {"found": y.group(0).replace(" ", ""), "year": ctx.year})
        return


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "legacy-table-sum", check_legacy_sum,
            placeholders=("total", "found", "items"),
            doc="2008年《条例》时期统计表（指标名称/计量单位）中合计行与其「其中」各项之和",
        ),
        CheckerKind(
            "legacy-none-received", check_none_received,
            placeholders=("said", "total", "found"),
            doc="正文称本年未收到政府信息公开申请，而2008年《条例》时期统计表的受理申请总数本年不为0",
        ),
        CheckerKind(
            "legacy-cumulative-text", check_cumulative_text,
            placeholders=("said", "total", "found"),
            doc="正文所述历年累计主动公开数与2008年《条例》时期统计表的历年累计栏",
        ),
        CheckerKind(
            "legacy-table-year", check_table_year,
            placeholders=("found", "year"),
            doc="2008年《条例》时期统计表表头的年度与报告年度不符",
        ),
    ]

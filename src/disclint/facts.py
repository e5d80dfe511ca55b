"""Facts about a report that choose its rule set: its title and its report year.

The year comes from the title (both orders: 「机关2020年…报告」 and 「2020年机关…报告」),
else from a stated statistical period (统计期限…2020年1月1日…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, Document, Span, Table

# Titles name the report; the 政府 and 工作 parts are sometimes dropped (010, 020).
# A title starts its line (after an archiver's 标题: field name) and may wrap over
# up to three short lines (012: 「…政府信息公开」/「工作年度报告」).
_TITLE_RE = re.compile(
    r"^(?:(?:标题|题名|名称)\s*[:：]\s*)?"
    r"(?P<title>[^。；！？]{0,40}?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?[^。；！？]{0,40}?信息公开(?:工作)?(?:年度)?报告)"
)
_ORGAN_END = re.compile(r"(?:政府|局|委员会|委|办公室|办|厅|管委会|中心|院|所|会|处|站|部)$")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_PERIOD_RE = re.compile(r"统计(?:期限|时限|时间|区间|周期|期间|范围)[^。；]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")

_HEAD_BLOCKS = 12  # the title sits near the top


@dataclass
class Title:
    text: str
    span: Span
    block: Block


@dataclass
class ReportYear:
    year: int
    span: Span
    source: str  # "title" or "period"


def find_title(doc: Document) -> Title | None:
    """The report's title: the first line (or short run of lines) near the top naming an annual report."""
    blocks = [b for b in doc.blocks[:_HEAD_BLOCKS] if not isinstance(b, Table)]
    for i, first in enumerate(blocks):
        window = [first]
        for nxt in blocks[i + 1 : i + 3]:
            if len(window[-1].text) > 50 or len(nxt.text) > 50:
                break
            window.append(nxt)
        for size in range(1, len(window) + 1):
            # A wrapped title starts with the year or with the organ's name.
            if size > 1 and not (_YEAR_IN_TITLE.match(first.text) or _ORGAN_END.search(first.text.strip())):
                break
            joined = "".join(b.text for b in window[:size])
            m = _TITLE_RE.match(joined[:400])
            if m:
                return Title(m.group("title"), _joined_span(window[:size], m.start("title"), m.end("title")), first)
    return None


def _joined_span(blocks: list[Block], start: int, end: int) -> Span:
    """The span of ``joined[start:end]`` where ``joined`` is the blocks' texts run together."""
    def pos(offset: int):
        for b in blocks:
            if offset < len(b.text):
                return b.textmap.pos(offset)
            offset -= len(b.text)
        return blocks[-1].textmap.pos(len(blocks[-1].text) - 1)

    return Span(pos(start), pos(end - 1))


def _cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def find_report_year(doc: Document) -> ReportYear | None:
    title = find_title(doc)
    if title is not None:
        m = _YEAR_IN_TITLE.search(title.text)
        if m:
            return ReportYear(int(m.group(1)), _year_span(title, m.group(1)), "title")
        m = _CN_YEAR.search(title.text)
        if m:
            return ReportYear(_cn_year(m.group(1)), _year_span(title, m.group(1)), "title")
    for block in doc.text_blocks:
        m = _PERIOD_RE.search(block.text)
        if m:
            return ReportYear(int(m.group(1)), block.textmap.span(m.start(1), m.end(1)), "period")
    return None


def _year_span(title: Title, digits: str) -> Span:
    """Where the year's digits sit (searched in the title's first block, else the title start)."""
    at = title.block.text.find(digits)
    if at >= 0:
        return title.block.textmap.span(at, at + len(digits))
    return title.span

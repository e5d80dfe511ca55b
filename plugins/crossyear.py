"""Cross-year checks (B6xx): a report against the same organ's report for the year before.

These are *collection* kinds (see :class:`disclint.checking.CheckerKind`): ``collect``
takes from one report what the comparison needs, and after every file of the run is
read, ``check_collection`` pairs each report with the same organ's report for the
previous year, when both are in the run. Reports of different organs are never
compared; a report with no organ name in its title, or no report year, is left out.

The organ and year
    come from the title, as :mod:`disclint.analysis.identity` reads them (which also finds
    last year's report in the folders around a report when it was not given). When several
    reports of the previous year match, a finding is made only when the report disagrees
    with every one of them.

T3-6 (``check: carry-over``)
    表三 「二、上年结转政府信息公开申请数量」 of this year = 「四、结转下年度继续办理」 of last
    year, per column. The 表三 columns are the same in the 2019 and 2021 formats, so
    this is checked across the format change too. Only cells read as numbers on both
    sides are compared (blank cells are reported by B406); rows the reader was unsure
    of are left out.

§4.4 (``check: in-force-chain``)
    表二 第二十条第（一）项, per row: 现行有效件数 = last year's 现行有效件数 + 本年制发件数
    − 本年废止件数. Only between two reports whose 表二 has the 2021 columns (本年制发件数 /
    本年废止件数 / 现行有效件数). The 2019 format's 本年新制作数量 / 本年新公开数量 /
    对外公开总数量 count something else (documents made and published, and all documents
    ever published — not the ones in force), so no chain is drawn inside the 2019 format
    or across the 2019→2021 change.

    A row whose digits ran together and could be split several ways
    (``table.uncertain``; the flattened reader keeps the raw run as one cell) is still
    decided: every split into three non-negative integers (no leading zeros, at most 7
    digits, whitespace a certain boundary) is tried on both sides, and a finding is made
    only when NO pair of splits satisfies the chain. For the message, last year's
    splits are narrowed to those that agree with the year before it (when that report is
    in the run and some split agrees), so 005's 「8855698」 shows as 现行有效698.

Legacy 统计表 (``check: legacy-cumulative``)
    Reports under the 2008 条例 had no national format, but many used the
    指标名称/计量单位/YYYY年度/历年累计 statistics table. When a report's table header names
    its own report year and 历年累计, the rows listed in the schema (主动公开信息数, 受理依申请
    公开信息总数 — rows followed by 其中, so their digits never run into the next row's
    numbering) must chain: 历年累计 = last year's 历年累计 + this year's figure. The two
    cells often run together ('主动公开信息数条4251516'); as above, every split into
    two integers is tried and only a chain that no pair of splits satisfies is reported.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

from disclint import facts
from disclint.analysis import identity
from disclint.analysis.splits import all_splits
from disclint.checking import CheckerKind, Finding, Param, Related
from disclint.hookspecs import hookimpl
from disclint.model import Span
from disclint.analysis.tables import fmt_num, view_for

# -- the organ ---------------------------------------------------------------------------

# organ_of / same_organ: one definition, shared with the search for last year's report
organ_of, same_organ = identity.organ_of, identity.same_organ


# -- what one report gives ------------------------------------------------------------------


@dataclass
class ChainRow:
    """One 表二 row: every reading (issued, repealed, in force) and where it is."""

    label: str
    splits: list[tuple[int, int, int]]
    span: Span  # this year's 现行有效件数 cell, or the raw run when the digits ran together
    raw: str = ""  # the run-together digits ('' when the row was read cell by cell)
    unit: str = "件"

    @property
    def certain(self) -> bool:
        return not self.raw and len(self.splits) == 1


@dataclass
class Report:
    path: str
    organ: str
    year: int
    title: str
    carry_this: dict[str, tuple[Decimal, Span]] | None = None  # 表三 二, by column label
    carry_next: dict[str, tuple[Decimal, Span]] | None = None  # 表三 四, by column label
    chain: dict[str, ChainRow] = field(default_factory=dict)
    cumulative: dict[str, ChainRow] = field(default_factory=dict)  # legacy 统计表: (本年, 历年累计)

    @property
    def name(self) -> str:
        return f"{self.title}，{os.path.basename(self.path)}"


def _carry_row(t3, key):
    row = t3.rows.get(key)
    if row is None or row.excluded or not row.values:
        return None
    out = {}
    for col in t3.columns:
        v = row.values.get(col)
        if v is not None and v.status == "ok":
            out[t3.column_labels[col]] = (v.number, v.span)
    return out


def _chain_rows(view, spec) -> dict[str, ChainRow]:
    if view.format_mismatch or not view.table2:
        return {}
    blk = view.table2.get(spec["block"])
    cols = [spec["columns"][k] for k in ("issued", "repealed", "in-force")]
    if blk is None or list(blk.columns) != cols:
        return {}  # not the 2021 columns: no chain
    out = {}
    for key in spec["rows"]:
        mr = blk.rows.get(key)
        if mr is None or mr.row is None:
            continue
        if mr.values and not mr.excluded:
            vals = [mr.values.get(c) for c in cols]
            if any(v is None or v.status != "ok" or v.number != v.number.to_integral_value() or v.number < 0 for v in vals):
                continue
            out[key] = ChainRow(key, [tuple(int(v.number) for v in vals)], vals[2].span)
        elif mr.row.uncertainty is not None and not mr.foreign:
            filled = [c for c in mr.row.values if not c.blank]
            if len(filled) != 1:
                continue
            splits = all_splits(filled[0].text, 3)
            if splits:
                out[key] = ChainRow(key, splits, filled[0].span, "" if len(splits) == 1 else filled[0].text.strip())
    return out


def _loose(words: str) -> str:
    """A pattern for ``words`` with any whitespace between its characters (计量 单位)."""
    return r"\s*".join(re.escape(ch) for ch in words)


def _legacy_rows(doc, year: int, spec) -> dict[str, ChainRow]:
    """The legacy 统计表's (本年, 历年累计) rows, when its header names this report's year."""
    header = re.compile(_loose("指标名称计量单位") + r"\s*((?:19|20)\d{2})\s*年\s*度?\s*" + _loose("历年累计"))
    for b in doc.text_blocks:
        m = header.search(b.text)
        if m is None:
            continue
        if int(m.group(1)) != year:
            return {}
        window = b.text[: m.end() + spec.get("window", 1500)]
        out = {}
        for row in spec["rows"]:
            for label in row["labels"]:
                rx = re.compile(_loose(label) + r"\s*([条件])\s*(\d[\d \u3000\xa0]*?)\s*(?=其中)")
                mm = rx.search(window, m.end())
                if mm is None:
                    continue
                raw = mm.group(2).strip()
                splits = all_splits(raw, 2)
                if not splits:
                    break
                start, end = mm.start(2), mm.start(2) + len(raw)
                parts = raw.split()
                if len(parts) == 2:  # two separate cells: point at 历年累计
                    start = end - len(parts[1])
                out[row["key"]] = ChainRow(label, splits, b.textmap.span(start, end),
                                           "" if len(splits) == 1 else raw, mm.group(1))
                break
        return out
    return {}


def _analyse(doc, ctx) -> Report | None:
    title = facts.find_title(doc)
    if title is None or ctx.year is None:
        return None
    organ = organ_of(title.text)
    if not organ:
        return None
    rep = Report(doc.path, organ, ctx.year, re.sub(r"\s+", "", title.text))
    spec = ctx.schema("crossyear")
    if "legacy-cumulative" in spec:
        rep.cumulative = _legacy_rows(doc, ctx.year, spec["legacy-cumulative"])
    view = view_for(doc, ctx)
    if view.legacy or "table3-carry" not in spec:
        return rep
    carry = spec["table3-carry"]
    if view.table3 is not None and not view.format_mismatch:
        rep.carry_this = _carry_row(view.table3, carry["this-year"])
        rep.carry_next = _carry_row(view.table3, carry["last-year"])
    rep.chain = _chain_rows(view, spec["table2-chain"])
    return rep


def collect(doc, rule, ctx):
    return ctx.cached("crossyear", lambda: _analyse(doc, ctx))


# -- pairing -------------------------------------------------------------------------------


def _previous(reports: list[Report]) -> dict[str, list[Report]]:
    """For each report's path, the reports of the same organ for the year before."""
    out: dict[str, list[Report]] = {}
    for r in reports:
        prev = [p for p in reports if p.year == r.year - 1 and p.path != r.path and same_organ(p.organ, r.organ)]
        if prev:
            out[r.path] = sorted(prev, key=lambda p: p.path)
    return out


def _unique(items):
    seen: dict = {}
    for path, value in items:
        if value is not None and path not in seen:
            seen[path] = value
    return list(seen.values())


# -- T3-6 ----------------------------------------------------------------------------------


def _carry_findings(r: Report, prevs: list[Report], labels):
    if not r.carry_this:
        return
    findings = None
    for p in prevs:
        if not p.carry_next:
            return  # a candidate we cannot compare with: say nothing
        diff = []
        for col, (n, span) in r.carry_this.items():
            if col in p.carry_next and p.carry_next[col][0] != n:
                diff.append((col, n, span, p.carry_next[col][0]))
        if not diff:
            return
        if findings is None:
            findings = [(col, n, span, m, p) for col, n, span, m in diff]
    for col, n, span, m, p in findings or ():
        there = Related(p.path, p.carry_next[col][1], f"上年报告表三「{labels['last-year']}」{col}为{fmt_num(m)}")
        yield r.path, Finding(span, {
            "column": col, "found": fmt_num(n), "expected": fmt_num(m), "previous": p.name,
            "this_row": labels["this-year"], "last_row": labels["last-year"],
        }, [there])


# -- §4.4 ----------------------------------------------------------------------------------


def _holds(prev: tuple, cur: tuple) -> bool:
    """Last year's total + this year's additions (− removals) = this year's total."""
    if len(cur) == 3:  # (本年制发, 本年废止, 现行有效)
        return prev[-1] + cur[0] - cur[1] == cur[2]
    return prev[-1] + cur[0] == cur[1]  # (本年, 历年累计)


def _narrowed(r: Report, what: str, key: str, prev_of, memo, depth: int = 0) -> list[tuple]:
    """``r``'s splits of row ``key`` that agree with the year before (all when none does)."""
    if (r.path, what, key) in memo:
        return memo[(r.path, what, key)]
    row = getattr(r, what)[key]
    memo[(r.path, what, key)] = row.splits
    keep = row.splits
    if len(row.splits) > 1 and depth < 20:
        olds = [p for p in prev_of.get(r.path, []) if key in getattr(p, what)]
        if olds:
            before = [s for p in olds for s in _narrowed(p, what, key, prev_of, memo, depth + 1)]
            agree = [s for s in row.splits if any(_holds(b, s) for b in before)]
            keep = agree or row.splits
    memo[(r.path, what, key)] = keep
    return keep


def _n(x: int) -> str:
    return f"{x}件"


def _broken(r: Report, prevs: list[Report], what: str, prev_of, memo):
    """The rows of ``r.<what>`` that no pair of splits chains to the year before, when every
    candidate report of that year has the row: (row, the first candidate, the totals its
    narrowed splits give)."""
    for key, row in getattr(r, what).items():
        olds = [p for p in prevs if key in getattr(p, what)]
        if not olds or len(olds) != len(prevs):
            continue
        if any(_holds(a, b) for p in olds for a in getattr(p, what)[key].splits for b in row.splits):
            continue
        p = olds[0]
        yield row, p, sorted({b[-1] for b in _narrowed(p, what, key, prev_of, memo)}), getattr(p, what)[key]


def _chain_findings(r: Report, prevs: list[Report], prev_of, memo):
    for row, p, in_force, old in _broken(r, prevs, "chain", prev_of, memo):
        if len(in_force) == 1:
            prev_text = f"现行有效{_n(in_force[0])}"
        else:
            prev_text = f"的现行有效件数（连写在数字串「{old.raw}」中）"
        if row.certain:
            a, b, c = row.splits[0]
            found = f"为{_n(c)}"
            if len(in_force) == 1:
                expected = f"{prev_text}＋本年制发{_n(a)}−本年废止{_n(b)}应为{_n(in_force[0] + a - b)}"
            else:
                expected = f"{prev_text}＋本年制发{_n(a)}−本年废止{_n(b)}，无论该数字串如何拆分都不等于{_n(c)}"
        else:
            found = f"连写在数字串「{row.raw}」中（本年制发、本年废止、现行有效三格）"
            strings = "该数字串" if len(in_force) == 1 else "两个数字串"
            expected = f"{prev_text}＋本年制发件数−本年废止件数，无论{strings}如何拆分都不等于本年现行有效件数"
        there = Related(p.path, old.span, f"上年报告「{row.label}」{prev_text.removeprefix('的')}")
        yield r.path, Finding(row.span, {"row": row.label, "found": found, "expected": expected, "previous": p.name}, [there])


def _cumulative_findings(r: Report, prevs: list[Report], prev_of, memo):
    for row, p, totals, old in _broken(r, prevs, "cumulative", prev_of, memo):
        u = row.unit
        if len(totals) == 1:
            prev_text = f"历年累计{totals[0]}{u}"
        else:
            prev_text = f"的历年累计（连写在数字串「{old.raw}」中）"
        if row.certain:
            a, c = row.splits[0]
            found = f"为{c}{u}"
            if len(totals) == 1:
                expected = f"{prev_text}＋本年{a}{u}应为{totals[0] + a}{u}"
            else:
                expected = f"{prev_text}＋本年{a}{u}，无论该数字串如何拆分都不等于{c}{u}"
        else:
            found = f"连写在数字串「{row.raw}」中（本年度、历年累计两格）"
            strings = "该数字串" if len(totals) == 1 else "两个数字串"
            expected = f"{prev_text}＋本年数，无论{strings}如何拆分都不等于本年的历年累计"
        there = Related(p.path, old.span, f"上年报告「{row.label}」{prev_text.removeprefix('的')}")
        yield r.path, Finding(row.span, {"row": row.label, "found": found, "expected": expected, "previous": p.name}, [there])


def check_collection(items, rule):
    reports = _unique(items)
    prev_of = _previous(reports)
    what = rule.params["check"]
    memo: dict = {}
    for r in sorted(reports, key=lambda x: x.path):
        prevs = prev_of.get(r.path)
        if not prevs:
            continue
        if what == "carry-over":
            yield from _carry_findings(r, prevs, rule.params.get("labels") or _LABELS)
        elif what == "in-force-chain":
            yield from _chain_findings(r, prevs, prev_of, memo)
        elif what == "legacy-cumulative":
            yield from _cumulative_findings(r, prevs, prev_of, memo)
        else:
            raise ValueError(f"unknown cross-year check {what!r}")


_LABELS = {"this-year": "二、上年结转政府信息公开申请数量", "last-year": "四、结转下年度继续办理"}


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "cross-year", None,
            params=(
                Param("check", str, required=True, choices=("carry-over", "in-force-chain", "legacy-cumulative"), doc="carry-over (表三 上年结转 = 上年 结转下年度) | in-force-chain (表二 现行有效件数) | legacy-cumulative (旧统计表 历年累计)"),
                Param("labels", dict, doc="carry-over: row names used in the message (this-year, last-year)"),
            ),
            placeholders=("column", "found", "expected", "previous", "row", "this_row", "last_row"),
            doc="同一机关相邻两年的报告之间的衔接（同一次运行中同时检查两年的报告时）",
            collect=collect, check_collection=check_collection,
        ),
    ]

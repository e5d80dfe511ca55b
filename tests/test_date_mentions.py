"""Chinese date parsing: every written form, offsets, partial and impossible dates."""

from __future__ import annotations

from datetime import date

import pytest

from disclint.analysis.dates import cn_number, field_kind, field_label, find_dates, is_range_joint


def one(text, year=None):
    found = find_dates(text, year)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, written, form",
    [
        ("2021年1月26日", "2021年1月26日", "cjk"),
        ("报告日期 2021 年 1 月 26 日 。", "2021 年 1 月 26 日", "cjk"),  # PDF extraction spaces
        ("统计期限自 2021\n年 1 月\n26 日起", "2021\n年 1 月\n26 日", "cjk"),  # line breaks inside
        ("２０２１年１月２６日", "２０２１年１月２６日", "cjk"),  # full-width digits
        ("发布日期：2021-01-26", "2021-01-26", "iso"),
        ("2021-1-26 15:22", "2021-1-26", "iso"),
        ("于2021.1.26发布", "2021.1.26", "dot"),
        ("于2021/1/26发布", "2021/1/26", "slash"),
        ("二〇二一年一月二十六日", "二〇二一年一月二十六日", "numeral"),
        ("二○二一年一月二十六日", "二○二一年一月二十六日", "numeral"),
        ("二零二一年一月二十六日", "二零二一年一月二十六日", "numeral"),
        ("（2021年1月26日）", "2021年1月26日", "cjk"),
    ],
)
def test_every_form_gives_the_same_date(text, written, form):
    m = one(text)
    assert m.as_date() == date(2021, 1, 26)
    assert text[m.start:m.end] == written == m.text
    assert m.form == form
    assert m.display() == "2021年1月26日"
    assert not m.year_implied


def test_chinese_numerals_for_tens_and_days():
    assert [m.as_date() for m in find_dates("二○一二年二月二十日、二○一四年一月十日、二〇一三年十二月三十一日")] == [
        date(2012, 2, 20), date(2014, 1, 10), date(2013, 12, 31)]
    assert cn_number("十") == 10 and cn_number("十二") == 12 and cn_number("三十一") == 31
    assert cn_number("十十") is None and cn_number("") is None


def test_partial_dates():
    ym = one("2012年7月，区环境与国土资源局")
    assert (ym.year, ym.month, ym.day) == (2012, 7, None)
    assert not ym.complete and ym.display() == "2012年7月"
    # The year of a month-day date comes from the report year…
    md = one("7月13日，我区组织人员进行检查", year=2018)
    assert md.as_date() == date(2018, 7, 13) and md.year_implied
    assert not md.written_complete
    # …or is unknown without one.
    assert one("7月13日，检查").year is None
    # A Chinese-numeral year and month (a cover date).
    cover = one("管委会办公室 二〇一三年一月 本报告")
    assert (cover.year, cover.month, cover.day) == (2013, 1, None)


def test_range_gives_its_year_to_the_second_date():
    a, b = find_dates("统计期限从2019年1月1日到12月31日止", year=2020)
    assert a.as_date() == date(2019, 1, 1)
    assert b.as_date() == date(2019, 12, 31) and b.year_implied
    a, b = find_dates("为 2024 年 1 月 1 日至 12 月 31 日。", year=None)
    assert b.as_date() == date(2024, 12, 31)
    assert is_range_joint(" 起至 ") and is_range_joint("—") and not is_range_joint("，并于")


@pytest.mark.parametrize(
    "text, written, problem",
    [
        ("2021年2月30日", "2021年2月30日", "day"),
        ("2021年2月29日", "2021年2月29日", "day"),  # not a leap year
        ("4月31日", "4月31日", "day"),
        ("2021年13月", "2021年13月", "month"),
        ("13月5日", "13月5日", "month"),
        ("2021-02-30", "2021-02-30", "day"),
        ("二〇二一年四月三十一日", "二〇二一年四月三十一日", "day"),
    ],
)
def test_impossible_dates_are_returned_with_their_problem(text, written, problem):
    m = one(text)
    assert m.text == written and m.problem == problem
    assert not m.valid and m.as_date() is None


def test_leap_day_exists():
    assert one("2020年2月29日").valid
    assert one("2月29日").valid  # no year: it may exist
    assert one("2月29日", year=2021).valid  # an implied year may be the wrong one
    assert one("2月30日", year=2020).problem == "day"


@pytest.mark.parametrize(
    "text",
    [
        "电话：0591-23165250",
        "0517-87222589",
        "拨打12345热线",
        "收费金额24252.311082万元",
        "第1.2项",
        "1-12月",
        "共计12月份",
        "规范性文件898989",
        "3个月内",
        "15个工作日",
        "2021年度",
        "zfxxgknb/202001/t20200120_80576.htm",
        "版本2021.13.40",  # not a month: a number, not a wrong date
        "行政许可11315",
        "第13月",
    ],
)
def test_things_that_are_not_dates(text):
    assert find_dates(text) == []


def test_offsets_point_into_the_original_text():
    text = "标题 \u3000发布时间: 2020-01-20 15:22 正文 二○一二年二月二十日"
    a, b = find_dates(text)
    assert text[a.start:a.end] == "2020-01-20"
    assert text[b.start:b.end] == "二○一二年二月二十日"


def test_field_labels():
    text = "发布日期：2020-01-31 成文日期: 2020年1月20日 采集时间：2025-12-30 时间：2022-02-08 16:34 2025年12月30日 星期二 2021年1月1日"
    kinds = [field_kind(text, m) for m in find_dates(text)]
    assert kinds == ["publication", "signature", "meta", "generic", "meta", None]
    m = find_dates(text)[0]
    assert field_label(text, m.start) == "发布日期"


# -- every form round-trips, wherever it sits -------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CN = "零一二三四五六七八九"


def _cn_small(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + ("" if ones == 0 else _CN[ones])


def _render(d: date, form: str, sp: str, zero: str) -> str:
    if form == "cjk":
        return f"{d.year}{sp}年{sp}{d.month}{sp}月{sp}{d.day}{sp}日"
    if form == "numeral":
        year = "".join(_CN[int(c)] for c in str(d.year)).replace("零", zero)
        return f"{year}年{_cn_small(d.month)}月{_cn_small(d.day)}日"
    sep = {"iso": "-", "dot": ".", "slash": "/"}[form]
    return f"{d.year}{sep}{d.month:02d}{sep}{d.day}"


@settings(max_examples=300, deadline=None)
@given(
    d=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(["cjk", "numeral", "iso", "dot", "slash"]),
    sp=st.sampled_from(["", " ", "\n"]),
    zero=st.sampled_from(["〇", "○", "零"]),
    before=st.sampled_from(["", "发布日期：", "（", "报告于 ", "。\n"]),
    after=st.sampled_from(["", "）", "，共计15件。", " 15:22", "印发"]),
)
def test_every_form_round_trips_with_exact_offsets(d, form, sp, zero, before, after):
    written = _render(d, form, sp, zero)
    text = before + written + after
    found = find_dates(text)
    assert len(found) == 1
    m = found[0]
    assert m.as_date() == d and m.form == form
    assert (m.start, m.end) == (len(before), len(before) + len(written))

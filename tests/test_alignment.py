"""disclint.analysis.alignment on the national tables' own labels."""

from __future__ import annotations

from disclint.analysis.alignment import INF, align, allowed_edits, close, edits, find_near, flanked, match_at, slot_similar

T3_LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "(一)予以公开",
             "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及\"三安全一稳定\"", "(七)总计"]


def test_edits_and_close_count_one_slip_as_one():
    assert edits("1.属于国和家秘密", "1.属于国家秘密") == 1  # insertion
    assert edits("1.属于国秘密", "1.属于国家秘密") == 1  # deletion
    assert edits("本年废纸件数", "本年废止件数") == 1  # substitution
    assert close("先行有效件数", "现行有效件数") == 1
    assert close("其他法律行政止公开", "其他法律行政法规禁止公开") == 3  # 013's label lost 法规禁
    assert close("本年制发件数", "本年废止件数") is None  # two changes in six characters: another heading
    assert allowed_edits("规章") == 1 and allowed_edits("其他法律行政法规禁止公开") == 3


def test_align_keeps_order_and_costs_one_per_missing_or_extra_item():
    found = ["一、本年新收政府信息公开申请数量", "(一)予以公开", "1.属于国和家秘密", "杂项", "(七)总计"]

    def cost(i, j):
        d = close(found[j], T3_LABELS[i])
        return INF if d is None else d / (allowed_edits(T3_LABELS[i]) + 1)

    pairs = align(len(T3_LABELS), len(found), cost)
    # 二、 and items 2, 3 are absent, 杂项 matches nothing; the rest pair up in order
    assert pairs == [(0, 0), (2, 1), (3, 2), (6, 4)]


def test_align_never_pairs_across_the_order():
    # found in reverse order: only one of the two can be paired
    pairs = align(2, 2, lambda i, j: 0.0 if i != j else INF)
    assert len(pairs) == 1


def test_find_near_locates_a_slipped_label_in_run_together_text():
    text = "属于国家秘密00000001.属于国和家秘密0000000"
    assert find_near("1.属于国家秘密", text, 13, len(text), 2) == (13, 22, 1)
    assert find_near("(四)无法提供", text, 0, len(text), 1) is None
    # a doubled numbering is found as the exact label one character later
    assert find_near("三、本年度办理结果", "0000000三三、本年度办理结果", 0, 30, 1) == (8, 17, 0)


def test_match_at_prefers_the_longer_reading_and_refuses_ties():
    words = ["本年增/减量", "本年增/减", "处理决定数量"]
    assert match_at(words, "本年增甲减量处理决定数量", 0) == (0, 6, 1)
    assert match_at(["本年制发件数", "本年废止件数", "现行有效件数"], "本年废纸件数现行有效件数", 0) == (1, 6, 1)
    assert match_at(["甲乙", "甲丙"], "甲丁", 0) is None


def test_a_slot_is_one_unpaired_item_on_each_side_between_pairs():
    # 本年新制作数量 | 本公开数量 | 对外公开总数量: the middle one only is open
    assert flanked([(0, 0), (2, 2)], 3, 3) == [(1, 1)]
    assert flanked([(0, 0)], 2, 2) == [(1, 1)]  # the last of both sequences
    assert flanked([(0, 0), (3, 2)], 4, 3) == []  # two expected for one found: which is unknown
    assert flanked([], 1, 1) == []  # no neighbour matched
    assert flanked([], 1, 1, anchored=True) == [(0, 0)]


def test_slot_similarity_is_half_the_characters_each_way():
    assert slot_similar("本公开数量", "本年新公开数量")
    assert slot_similar("予以", "予以公开")
    assert not slot_similar("合计", "总计")  # one character in common
    assert not slot_similar("本年制数本年废纸件数", "本年废止件数")  # longer than a slip makes it
    assert not slot_similar("", "总计")

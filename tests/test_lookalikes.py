"""Radical and compatibility look-alikes (issue 8, class 16): PDF text carries ⼈ ⺠ ⽉ ⽇
for 人 民 月 日; once folded, a report must give exactly the findings of its clean text.

The copies are made at test time from the real reports: every character that has a
look-alike is replaced by it (in the text, or in a real PDF's ToUnicode text layer),
and the findings — code, line, column, logical place, message — must not change.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader, PdfWriter

from conftest import REAL
from disclint.normalize import _LOOKALIKES, fold_char, fold_lookalikes, lookalike, normalize
from disclint.readers.pdf import read_pdf

KANGXI = range(0x2F00, 0x2FD6)
SUPPLEMENT = range(0x2E80, 0x2EF4)
COMPAT = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))


def _inverse(ranges) -> dict[str, str]:
    """Ideograph -> one look-alike of it taken from ``ranges`` (the lowest code point)."""
    out: dict[str, str] = {}
    for cp, to in sorted(_LOOKALIKES.items()):
        if any(cp in r for r in ranges):
            out.setdefault(to, chr(cp))
    return out


VARIANTS = {"kangxi": _inverse([KANGXI]), "supplement": _inverse([SUPPLEMENT, KANGXI]), "compat": _inverse(COMPAT)}


def disguise(text: str, variant: str) -> tuple[str, int]:
    table = VARIANTS[variant]
    out = "".join(table.get(c, c) for c in text)
    return out, sum(1 for a, b in zip(text, out) if a != b)


# -- the table ----------------------------------------------------------------------


def test_the_brief_s_characters_fold():
    assert fold_lookalikes("⼆ ⼈ ⺠ ⼯ ⽉ ⽇") == "二 人 民 工 月 日"
    assert normalize("中华⼈⺠共和国") == "中华人民共和国"
    assert fold_char("⻅") == "见" and fold_char("⻑") == "长"  # then traditional -> simplified


def test_every_kangxi_radical_folds_to_its_nfkc_ideograph():
    for cp in KANGXI:
        ch = chr(cp)
        assert lookalike(ch) == unicodedata.normalize("NFKC", ch), hex(cp)


def test_radicals_supplement_comes_from_the_unicode_data():
    # NFKC leaves the whole block alone; the Unicode data maps all but the few it
    # lists as having no equivalent (2E80 REPEAT) and the unassigned 2E9A.
    assigned = [cp for cp in SUPPLEMENT if unicodedata.category(chr(cp)) != "Cn"]
    assert all(unicodedata.normalize("NFKC", chr(cp)) == chr(cp) for cp in assigned if cp != 0x2E9F and cp != 0x2EF3)
    unmapped = [hex(cp) for cp in assigned if lookalike(chr(cp)) == chr(cp)]
    assert unmapped == ["0x2e80"]
    unified = (range(0x4E00, 0xA000), range(0x3400, 0x4DC0), range(0x20000, 0x323B0))
    for cp in assigned[1:]:
        assert any(ord(lookalike(chr(cp))) in r for r in unified), hex(cp)
    assert lookalike("⺠") == "民" and lookalike("⻅") == "见" and lookalike("⻓") == "长"


def test_compatibility_ideographs_fold_as_nfkc_does():
    n = 0
    for r in COMPAT:
        for cp in r:
            nfkc = unicodedata.normalize("NFKC", chr(cp))
            if len(nfkc) == 1 and nfkc != chr(cp):
                assert lookalike(chr(cp)) == nfkc
                n += 1
    assert n > 900


def test_enclosed_and_full_width_forms_fold_for_matching():
    assert normalize("２０２４年") == "2024年"
    assert fold_char("㊀") == "一" and fold_char("Ａ") == "A"
    # but the readers keep them: they are visibly different, not look-alikes
    assert fold_lookalikes("２０２４①") == "２０２４①"


def test_fold_keeps_every_offset():
    text = (REAL / "015-huaian-city-2024.txt").read_text("utf-8")
    for variant in VARIANTS:
        disguised, _ = disguise(text, variant)
        assert len(fold_lookalikes(disguised)) == len(disguised)
        assert fold_lookalikes(disguised) == text


# -- real reports with look-alikes --------------------------------------------------

REPORTS = sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".md", ".html"))


def _findings(linter, path) -> list[tuple]:
    result = linter.check_file(str(path))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.severity, d.line, d.column, d.logical, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_real_reports_with_lookalikes_give_the_same_findings(linter, tmp_path, variant):
    assert len(REPORTS) >= 45
    for src in REPORTS:
        text = src.read_bytes().decode("utf-8")
        disguised, changed = disguise(text, variant)
        assert changed >= 20, (src.name, changed)  # the copy really is disguised
        copy = tmp_path / src.name
        copy.write_text(disguised, encoding="utf-8")
        assert _findings(linter, copy) == _findings(linter, src), (variant, src.name)


# -- a real PDF whose text layer names the radicals ---------------------------------

_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _utf16(h: str) -> str:
    return bytes.fromhex(h).decode("utf-16-be", "surrogatepass")


def _cmap_entries(text: str) -> dict[str, str]:
    """A ToUnicode CMap's code -> text mapping (bfchar and both bfrange forms)."""
    out: dict[str, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        hexes = _HEX.findall(block)
        out.update((s.upper(), _utf16(d)) for s, d in zip(hexes[0::2], hexes[1::2]))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for m in re.finditer(r"<(\w+)>\s*<(\w+)>\s*(<\w+>|\[[^\]]*\])", block):
            lo, hi, width = int(m[1], 16), int(m[2], 16), len(m[1])
            if m[3].startswith("["):
                targets = [_utf16(d) for d in _HEX.findall(m[3])]
            else:
                first = _utf16(m[3][1:-1])
                targets = [first[:-1] + chr(ord(first[-1]) + i) for i in range(hi - lo + 1)]
            out.update((f"{lo + i:0{width}X}", t) for i, t in enumerate(targets))
    return out


def _cmap(head: str, entries: dict[str, str]) -> bytes:
    items = list(entries.items())
    parts = [head]
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        parts.append(f"{len(chunk)} beginbfchar\n")
        parts += [f"<{s}> <{d.encode('utf-16-be', 'surrogatepass').hex().upper()}>\n" for s, d in chunk]
        parts.append("endbfchar\n")
    parts.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return "".join(parts).encode("latin-1")


def radical_pdf(src, dst, variant: str) -> None:
    """``src`` with every font's ToUnicode map naming look-alikes (as browser prints do)."""
    table = VARIANTS[variant]
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    done: set[int] = set()
    for page in writer.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            stream = font.get_object().get("/ToUnicode")
            if stream is None or id(stream.get_object()) in done:
                continue
            stream = stream.get_object()
            done.add(id(stream))
            text = stream.get_data().decode("latin-1")
            entries = {k: "".join(table.get(c, c) for c in v) for k, v in _cmap_entries(text).items()}
            head = text[: text.index("endcodespacerange") + len("endcodespacerange")] + "\n"
            stream.set_data(_cmap(head, entries))
    writer.write(str(dst))


def _layout_text(path) -> str:
    return "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(str(path)).pages)


PDFS = ["013-huaian-hongze-district-2023", "014-huaian-hongze-district-2024", "015-huaian-city-2024"]


@pytest.mark.parametrize("name", PDFS)
@pytest.mark.parametrize("variant", ["kangxi", "supplement"])
def test_real_pdf_with_radicals_in_its_text_layer_gives_the_same_findings(linter, tmp_path, name, variant):
    src = REAL / f"{name}.pdf"
    dst = tmp_path / f"{name}.pdf"
    radical_pdf(src, dst, variant)
    extracted = _layout_text(dst)
    radicals = sum(1 for c in extracted if 0x2E80 <= ord(c) <= 0x2FDF)
    assert radicals >= 100, radicals  # pypdf really reads the radicals
    assert fold_lookalikes(extracted) == _layout_text(src)
    doc = read_pdf(str(dst), dst.read_bytes())
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for b in doc.blocks for c in b.text)
    assert _findings(linter, dst) == _findings(linter, src)


def test_traditional_text_is_simplified_one_character_for_one():
    from disclint.normalize import simplified

    # word by word: 覆 alone is a simplified character too, 反覆 is the traditional 反复
    assert simplified("4.無正當理由大量反覆申請") == "4.无正当理由大量反复申请"
    assert simplified("平潭綜合實驗區公安局2021年政府信息公開工作年度報告") == "平潭综合实验区公安局2021年政府信息公开工作年度报告"
    text = "本年新收政府信息公开申请数量"
    assert simplified(text) is text  # nothing traditional: untouched
    for t in ("後續處理", "覆蓋範圍", "乾淨"):
        assert len(simplified(t)) == len(t)  # every offset stays


def test_fullwidth_digits_and_letters_are_read_as_ascii():
    from disclint.normalize import fold_text

    assert fold_text("２０２３年 ＰＤＦ（一）１２件") == "2023年 PDF（一）12件"  # punctuation stays full-width

"""The flattened-text reader states no table fact of its own: each is in rules/tables-*.yaml.

A label, heading, block header or column property of the national tables written as a
Python string in src/disclint/readers/texttables/ would be a second copy a regulator's
schema never reaches. The guard reads every string literal there (docstrings and
comments aside) against the national schemas' words; the behaviour tests change one such
fact in a regulator's schema and read a real flattened report (042, Pingtan, one line)
with it.
"""

from __future__ import annotations

import io
import tokenize
from collections import Counter
from datetime import date
from pathlib import Path

from disclint.checking import Options
from disclint.engine import Linter
from disclint.normalize import normalize
from disclint.readers.texttables import vocabulary
from disclint.readers.texttables.flattened import _t2_column, _t2_words_of

from conftest import REAL

ROOT = Path(__file__).resolve().parent.parent
READERS = ROOT / "src" / "disclint" / "readers" / "texttables"
TODAY = date(2026, 12, 2)


def _literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal that is not a docstring."""
    out, before = [], tokenize.INDENT
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING and before not in (tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT, tokenize.NL):
            out.append((tok.start[0], normalize(tok.string)))
        if tok.type not in (tokenize.COMMENT,):
            before = tok.type
    return out


def _national_words() -> set[str]:
    v = vocabulary.national()
    words = {*v.table2_rows, *v.table2_columns, *v.table2_printed_columns, *v.table2_block_labels,
             *v.table2_first_columns, *v.signed_columns, *v.decimal_columns, *v.table3_notes, *v.leaf_columns}
    words |= {r.find_by for r in v.table3_rows} | {w for w, _ in v.table3_header.words} | {w for w, _ in v.table4_header.words}
    return {w for w in words if len(w) >= 2}


def test_no_schema_word_is_a_python_string_in_the_text_table_readers():
    words = _national_words()
    assert {"信息内容", "本年增/减", "第二十条第(一)项", "行政规范性文件", "申请人情况"} <= words  # the guard sees them
    # a reader's message about a row (「…使本行的总计等于各分项之和」) may name a column; it is
    # no fact the reader reads with
    found = [(f"{path.name}:{line}", w) for path in sorted(READERS.glob("*.py")) for line, text in _literals(path)
             if "本行" not in text for w in words if w in text]
    assert found == []


def test_the_heading_over_the_row_labels_is_the_schemas(tmp_path):
    # 042 with its 表二 header word renamed: read only with a set that names that word
    renamed = tmp_path / "042-renamed.txt"
    renamed.write_text((REAL / "042-pingtan-spp-2023.txt").read_text(encoding="utf-8").replace("信息内容", "事项名称"), encoding="utf-8")
    own = tmp_path / "fc-2021.yaml"
    own.write_text("name: fc-2021\napplies-to: {from: 2021}\nextends: [gov-2021]\nschemas:\n  table2:\n    first-column: 事项名称\n", encoding="utf-8")

    def tables(linter: Linter) -> list[str]:
        return [t.grid[0][0].text[:9] for t in linter.read(str(renamed)).tables]

    def codes(linter: Linter, path: Path) -> list[tuple[str, int]]:
        return sorted(Counter(d.code for d in linter.check_file(str(path)).diagnostics).items())

    national, regulator = Linter(Options(today=TODAY)), Linter(Options(today=TODAY), extra_rule_paths=[own])
    assert tables(national) == ["（本列数据的勾稽关", "行政复议"]
    assert tables(regulator) == ["第二十条第（一）项", "（本列数据的勾稽关", "行政复议"]
    # read with the regulator's word, the renamed report gives what the original gives
    assert codes(regulator, renamed) == codes(national, REAL / "042-pingtan-spp-2023.txt") == [("B701", 1), ("S101", 1), ("S103", 1), ("S110", 1)]


def test_signed_and_decimal_columns_are_the_schemas(tmp_path):
    words = _t2_words_of(vocabulary.national())
    assert (_t2_column("本年增/减量", words).signed, _t2_column("本年收费金额", words).decimal) == (True, True)
    assert (_t2_column("本年废止件数", words).signed, _t2_column("本年废止件数", words).decimal) == (False, False)
    own = tmp_path / "sc-2021.yaml"
    own.write_text("name: sc-2021\napplies-to: {from: 2021}\nextends: [gov-2021]\nschemas:\n"
                   "  table-cell-values:\n    signed-columns: [本年废止件数]\n    decimal-columns: [本年废止件数]\n", encoding="utf-8")
    linter = Linter(Options(today=TODAY), extra_rule_paths=[own])
    words = _t2_words_of(vocabulary.from_rulesets(linter.rulesets.values()))
    assert (_t2_column("本年废止件数", words).signed, _t2_column("本年废止件数", words).decimal) == (True, True)

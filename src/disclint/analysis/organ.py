"""The reporting organ of a report and the organs its text names.

The organ is read from the title (「平潭综合实验区财政金融局2022年度…报告」 → 平潭综合实验区财政金融局)
and split into its *locality* (平潭综合实验区, 淮安市洪泽区, 沭阳县: the longest head ending in an
administrative level word) and its *body* (财政金融局), whose *kind* is the longest known name
ending (局, 委员会, 办公室…). The text gives

* self-references: 我局 / 本委 (the organ's kind) and 我区 / 我县 (its locality's level);
* level phrases: 「市本级」 (a level and 本级: the writer's own level) and 「全市」 (全 and a
  level: the whole of an area of that level), and the levels the report names otherwise
  (市 in 市政府, 福州市, 我市), which make a 全市 a parent's;
* organ names: the locality written out in full followed by a body up to its last kind
  ending (「平潭综合实验区党工委管委会」), in the running text (whitespace dropped);
* the signature: the organ written just before the last date that stands alone
  (「平潭综合实验区国有资产管理局 2025年1月26日」).

Every vocabulary (level words, kind endings, self-reference words, words that only look like
one) is the rule set's ``organ-names`` schema; this module holds the mechanisms only. All scans
are linear in the text; comparisons are between short names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from disclint.analysis.dates import find_dates
from disclint.facts import find_title
from disclint.model import Block, Document, Span
from disclint.normalize import normalize
from disclint.analysis.text import Stream, fold_text, text_streams

# The title's organ: what comes before the year, or between the year and 信息公开.
_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年度?")
_REPORT = re.compile(r"(?:政府|政务)?信息公开.*$")
_LABEL = re.compile(r"^(?:标题|题名|名称):")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")

# Longest name a scan will take (a locality, a body, a signature).
_MAX_NAME = 30


@dataclass(frozen=True)
class Vocabulary:
    """The ``organ-names`` schema, read once."""

    levels: tuple[str, ...]  # longest first
    tiers: dict  # level word -> its tier (0 the highest: 省)
    not_level: tuple[str, ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]  # (ending, self-reference characters), longest first
    self_prefixes: str
    locality_prefixes: str
    not_words: tuple[str, ...]
    word_before: str
    locality_tail: int
    min_body: int
    still_level: tuple[str, ...] = ()  # 市政府: a level though 市政 is not one
    own_suffixes: tuple[str, ...] = ()  # 本级
    whole_prefixes: str = ""  # 全
    whole_not_after: str = ""  # 安全, 健全: 全 is the end of another word

    @classmethod
    def from_schema(cls, s: dict) -> "Vocabulary":
        kinds: list[tuple[str, tuple[str, ...]]] = []
        for k in s.get("kinds") or []:
            for suffix in k.get("suffixes") or []:
                kinds.append((normalize(str(suffix)), tuple(str(c) for c in k.get("self") or [])))
        kinds.sort(key=lambda k: -len(k[0]))
        ref = s.get("self-reference") or {}
        tiers = {str(lv): i for i, tier in enumerate(s.get("levels") or []) for lv in tier}
        return cls(
            levels=tuple(sorted(tiers, key=len, reverse=True)),
            tiers=tiers,
            not_level=tuple(str(x) for x in s.get("not-level") or []),
            kinds=tuple(kinds),
            self_prefixes="".join(str(x) for x in ref.get("prefixes") or []),
            locality_prefixes="".join(str(x) for x in ref.get("locality-prefixes") or []),
            not_words=tuple(str(x) for x in ref.get("not-words") or []),
            word_before="".join(str(x) for x in ref.get("word-before") or []),
            locality_tail=int(s.get("locality-tail", 3)),
            min_body=int(s.get("min-body", 4)),
            still_level=tuple(str(x) for x in s.get("still-level") or []),
            own_suffixes=tuple(str(x) for x in (s.get("own-level") or {}).get("suffixes") or []),
            whole_prefixes="".join(str(x) for x in (s.get("whole-area") or {}).get("prefixes") or []),
            whole_not_after="".join(str(x) for x in (s.get("whole-area") or {}).get("word-before") or []),
        )

    @property
    def self_chars(self) -> set[str]:
        return {c for _, chars in self.kinds for c in chars}

    def tier_of(self, c: str) -> int | None:
        """The tier of a one-character level (区 is a 县-tier word; 自治区 ends in it but is its own)."""
        return self.tiers.get(c)

    def kind_of(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """The longest known ending of ``name`` and its self-reference characters."""
        for suffix, chars in self.kinds:
            if name.endswith(suffix):
                return suffix, chars
        return None

    def level_words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, level) of each level word in ``text`` that ends a place name or stands
        for a level (not 市场, 城乡…); the longest word ending at a place (自治区, not 区)."""
        out = []
        by_last, ends = self._by_last
        # Only the places where a level word's last character stands can end one: the
        # text is scanned for those characters in C, not tried word by word at every offset.
        for m in ends.finditer(text):
            i = m.end()
            for lv in by_last.get(text[i - 1], ()):
                at = i - len(lv)
                if at >= 0 and text.startswith(lv, at):
                    if not any(_overlaps(text, at, len(lv), w) for w in self.not_level) \
                            or any(text.startswith(w, at) for w in self.still_level):
                        out.append((at, i, lv))
                    break
        return out

    @functools.cached_property
    def _by_last(self) -> tuple[dict[str, tuple[str, ...]], re.Pattern]:
        """The level words by their last character (longest first, as in ``levels``) and a
        pattern matching any such character."""
        by_last: dict[str, list[str]] = {}
        for lv in self.levels:
            if lv:
                by_last.setdefault(lv[-1], []).append(lv)
        chars = "".join(sorted(by_last)) or "\x00"
        return {c: tuple(v) for c, v in by_last.items()}, re.compile(f"[{re.escape(chars)}]")

    def level_ends(self, name: str) -> list[int]:
        """Offsets just after each level word in ``name`` that ends a place name (not 市场, 城乡…)."""
        return [end for _, end, _ in self.level_words(name)]

    def level_phrases(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, level, form) of each level word: form ``own`` for 「市本级」 (the span
        covers 本级), ``whole`` for 「全市」 (the span covers 全), '' for any other use."""
        words = self.level_words(text)
        starts = {s for s, _, _ in words}
        out = []
        for s, e, lv in words:
            own = next((x for x in self.own_suffixes if text.startswith(x, e)), None)
            if own is not None:
                out.append((s, e + len(own), lv, "own"))
            elif s > 0 and text[s - 1] in self.whole_prefixes and (s < 2 or text[s - 2] not in self.whole_not_after) \
                    and e not in starts:  # 全州县 is a county's name, not the whole of a 州
                out.append((s - 1, e, lv, "whole"))
            else:
                out.append((s, e, lv, ""))
        return out


def _overlaps(name: str, at: int, n: int, word: str) -> bool:
    """Whether ``word`` occurs in ``name`` overlapping ``name[at:at+n]`` (市 in 市场, 乡 in 城乡)."""
    return any(name.startswith(word, k) for k in range(max(0, at - len(word) + 1), at + n))


@dataclass
class Organ:
    """The reporting organ named by the title."""

    name: str  # 平潭综合实验区财政金融局
    locality: str  # 平潭综合实验区 ('' when the title names none)
    body: str  # 财政金融局 ('' for a locality's own report)
    kind: str  # the known ending of the name ('' when none)
    self_chars: tuple[str, ...]  # the characters its self-references may use (我局 → 局)
    levels: set[str]  # the level words of its locality (区; 市 and 区 for 淮安市洪泽区)


@dataclass
class Mention:
    """A piece of the text: what it says and where it is in the file."""

    text: str
    span: Span


@dataclass
class LevelPhrase:
    """「市本级」 (form ``own``) or 「全市」 (form ``whole``) in the running text."""

    level: str  # 市
    form: str
    mention: Mention


@dataclass
class Analysis:
    organ: Organ | None
    vocabulary: Vocabulary
    self_refs: list[Mention] = field(default_factory=list)
    level_phrases: list[LevelPhrase] = field(default_factory=list)
    named_levels: set[str] = field(default_factory=set)  # levels written otherwise (市政府, 福州市, 我市)
    names: list[Mention] = field(default_factory=list)  # full locality + body
    signature: Mention | None = None
    streams: list[Stream] = field(default_factory=list)
    derived: dict = field(default_factory=dict)  # what checkers compute from it, once


def organ_from_title(title: str, vocab: Vocabulary) -> Organ | None:
    t = _LABEL.sub("", normalize(title))
    m = _YEAR.search(t)
    if m is None:
        return None
    head, tail = t[:m.start()], _REPORT.sub("", t[m.end():])
    name = head or tail
    if not name or not _CJK.match(name) or len(name) > _MAX_NAME:
        return None
    ends = vocab.level_ends(name)
    locality = name[:ends[-1]] if ends else ""
    levels = {next(lv for lv in vocab.levels if name[:e].endswith(lv)) for e in ends}  # 自治区, not 区
    body = name[len(locality):]
    kind = vocab.kind_of(name)
    return Organ(name, locality, body, kind[0] if kind else "", kind[1] if kind else (), levels)


def _self_refs(streams: list[Stream], vocab: Vocabulary) -> list[Mention]:
    """我局 / 本委 / 我区: a prefix and a kind or level character, not inside a longer word."""
    kinds = vocab.self_chars
    levels = {lv for lv in vocab.levels if len(lv) == 1}
    out = []
    for st in streams:
        text = st.text
        for i in range(len(text) - 1):
            p, c = text[i], text[i + 1]
            if not (p in vocab.self_prefixes and c in kinds or p in vocab.locality_prefixes and c in levels):
                continue
            if i > 0 and text[i - 1] in vocab.word_before:
                continue  # 基本局面, 自我…
            if any(text.startswith(w, i + 1) for w in vocab.not_words):
                continue  # 本局面, 我区域, 本办法
            out.append(Mention(text[i:i + 2], st.span(i, i + 2)))
    return out


def _level_phrases(streams: list[Stream], vocab: Vocabulary) -> list[LevelPhrase]:
    out = []
    for st in streams:
        for s, e, lv, form in vocab.level_phrases(st.text):
            if form:
                out.append(LevelPhrase(lv, form, Mention(st.text[s:e], st.span(s, e))))
    return out


def _named_levels(doc: Document, vocab: Vocabulary) -> set[str]:
    """The levels the report names other than in 「全市」「市本级」: in any paragraph,
    heading or table, folded as the running text is (a PDF line break printed as a space
    inside 「全 市」 must not make 市 named: the same report reads the same in every medium)."""
    texts = [fold_text(b.text) for b in doc.blocks]  # a Table's text is its plain rendering
    return {lv for t in texts for _s, _e, lv, form in vocab.level_phrases(t) if not form}


# Where an organ name in the running text ends at the latest: punctuation, digits, quotes.
_NAME_STOP = re.compile(r"[^\u4e00-\u9fff]")


def _names(streams: list[Stream], organ: Organ, vocab: Vocabulary) -> list[Mention]:
    """The locality written out in full, then a body up to its last known ending."""
    out = []
    loc = organ.locality
    if not loc:
        return out
    for st in streams:
        text = st.text
        at = text.find(loc)
        while at >= 0:
            start = at + len(loc)
            stop = _NAME_STOP.search(text, start, start + _MAX_NAME - len(loc))
            window = text[start:stop.start() if stop else min(len(text), start + _MAX_NAME - len(loc))]
            end = 0
            for k in range(len(window), 0, -1):
                if vocab.kind_of(window[:k]):
                    end = k
                    break
            if end:
                out.append(Mention(loc + window[:end], st.span(at, start + end)))
            at = text.find(loc, start)
    return out


# A date that closes a report stands alone: nothing, a space or a bracket after it, and the
# sentence does not go on (「2021年12月1日 批准。」).
_AFTER_SIGNATURE = re.compile(r"^(?:\s|[（(]|$)")
_SENTENCE_GOES_ON = re.compile(r"^\s*[\u4e00-\u9fff]{1,8}[。，；,;]")
_BEFORE_BREAK = re.compile(r"[\s。！？；;!?，,：:、”\"》)）]")


def _signature(doc: Document, vocab: Vocabulary) -> Mention | None:
    """The organ written just before the last date standing alone (same line, or the line before)."""
    found: Mention | None = None
    prev: Block | None = None
    for block in doc.text_blocks:
        text = block.text
        for d in find_dates(text):
            rest = text[d.end:d.end + 16]
            if not getattr(d, "written_complete", False) or not _AFTER_SIGNATURE.match(rest) \
                    or _SENTENCE_GOES_ON.match(rest):
                continue
            # Only the words just before the date are read (bounded, whatever the line's length).
            lo = max(0, d.start - 3 * _MAX_NAME)
            before = text[lo:d.start].rstrip()
            cut = 0
            for m in _BEFORE_BREAK.finditer(before):
                cut = m.end()
            token, tmap, offset = before[cut:], block.textmap, lo + cut
            after = before[cut - 1] if cut else (text[lo - 1] if lo else "")
            if not before and lo == 0 and prev is not None:  # the date alone on its line
                token = prev.text.strip()
                tmap, offset, after = prev.textmap, prev.text.find(token), ""
            if _is_signature(token, vocab, after):
                found = Mention(token, tmap.span(offset, offset + len(token)))
        if text.strip():
            prev = block
    return found


# The signature starts a line, or follows a space or the end of a sentence.
_SIGNATURE_START = set(" \t\u3000。！？；;!?")


def _is_signature(token: str, vocab: Vocabulary, after: str = "") -> bool:
    """Whether ``token`` (the words before a closing date) is an organ signing.

    ``after`` is the character before the token ('' at the start of a line). A signature
    starts a line, a sentence or a space-separated run, and is the whole token: words before
    it (「经平潭综合实验区管委会 2021年12月1日 批准」) make it part of a sentence.
    """
    if not 3 <= len(token) <= _MAX_NAME or not _CJK.match(token):
        return False
    if after and after not in _SIGNATURE_START:
        return False
    return vocab.kind_of(token) is not None or bool(vocab.level_ends(token))


def analyse(doc: Document, ctx, schema: str = "organ-names") -> Analysis:
    vocab = Vocabulary.from_schema(ctx.schema(schema))
    title = find_title(doc)
    organ = organ_from_title(title.text, vocab) if title is not None else None
    streams = text_streams(doc, ctx)
    an = Analysis(organ, vocab, streams=streams)
    if organ is None:
        return an
    an.self_refs = _self_refs(streams, vocab)
    an.level_phrases = _level_phrases(streams, vocab)
    an.named_levels = _named_levels(doc, vocab)
    an.names = _names(streams, organ, vocab)
    an.signature = _signature(doc, vocab)
    sig = an.signature
    if sig is not None and sig.text.startswith(organ.locality) and organ.locality \
            and not any(m.span.start == sig.span.start for m in an.names):
        an.names.append(sig)  # a signature whose ending is none of the known ones (…人谷政府)
    return an


def analysis(doc: Document, ctx, schema: str = "organ-names") -> Analysis:
    """:func:`analyse`, once per document."""
    return ctx.cached(f"organ:{schema}", lambda: analyse(doc, ctx, schema))


# -- comparing names ------------------------------------------------------------------------


def is_subsequence(short: str, long: str) -> bool:
    """Whether ``short``'s characters appear in ``long`` in order (a shortening: 管委会 ← 管理委员会)."""
    it = iter(long)
    return all(c in it for c in short)


def lcs_length(a: str, b: str) -> int:
    """The longest common subsequence of two short names."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def one_slip(a: str, b: str) -> bool:
    """Two names of one length that differ by one slip: one character replaced (全 for 金) or
    one moved (党委会 for 党工委): each has exactly one character outside their common part;
    neither is a shortening of the other."""
    if len(a) != len(b) or a == b:
        return False
    return lcs_length(a, b) == len(a) - 1


def locality_slip(written: str, locality: str, vocab: Vocabulary) -> bool:
    """``written`` is the locality with a slip, not a shortening of it.

    Shortenings drop leading words and keep the locality's tail (平潭综合实验区 → 综合实验区,
    实验区, 平潭实验区); a slip breaks the tail (平潭综合区: 实验 dropped) or replaces one
    character of a one-part locality of five or more characters (平谭综合实验区).
    """
    if written == locality or len(written) < 3 or written[0] != locality[0] or written[-1] != locality[-1]:
        return False
    inner = vocab.level_ends(locality[:-1])
    if len(written) == len(locality):
        return len(locality) >= 5 and not inner and one_slip(written, locality)
    if not (len(locality) - 2 <= len(written) < len(locality)) or not is_subsequence(written, locality):
        return False
    if written.endswith(locality[-vocab.locality_tail:]):
        return False  # a shortening that keeps the tail
    return not vocab.level_ends(written[:-1])  # 淮安市区: a place and a level word, not a slip


def related(a: str, b: str) -> bool:
    """Whether one name shortens the other or contains it (an office, a parent, an abbreviation)."""
    return is_subsequence(a, b) or is_subsequence(b, a)

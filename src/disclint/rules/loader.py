"""Loading rule sets from YAML and validating them, with file:line:col for every fault.

YAML is read with ruamel.yaml's round-trip loader, which builds only plain mappings,
sequences and scalars (never Python objects) and remembers where each came from.
Tagged values are refused. Rule text is data: messages are filled in with named
placeholders only, and nothing in a rule is ever evaluated.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import safe_regex, safe_yaml
from ..bounded_read import NotRegular, TooLarge, read_text
from ..checking import CheckerKind
from . import compose
from .errors import RuleSetError  # noqa: F401  (raised here; importable without ruamel)
from .model import MAX_RULESET_BYTES, SEVERITIES, Origin, Rule, RuleSet
from .kinds import choice_fault, selector
from .schemas import merge_schemas, removal, replacement
from .shapes import shape_fault

SET_KEYS = {"name", "title", "description", "basis", "applies-to", "extends", "schemas", "rules", "overrides"}
RULE_KEYS = {"id", "name", "check", "severity", "message", "params", "basis", "doc", "examples", "enabled"}
EXAMPLE_KEYS = {"text", "file", "expect"}
DOC_KEYS = {"what", "why", "fail", "pass", "within", "previous", "as"}
OVERRIDE_KEYS = {"severity", "enabled", "message"}
APPLIES_KEYS = {"from", "to"}

MAX_MESSAGE = 500  # characters of a message template

# The shipped rule sets are a few KB each; a regulator's set is no bigger in kind.

CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{2,}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class _RawSet:
    name: str
    data: CommentedMap
    file: str
    origin: Origin
    rules: list[Rule] = field(default_factory=list)


class _Faults:
    def __init__(self) -> None:
        self.items: list[tuple[Origin, str]] = []

    def add(self, origin: Origin, message: str) -> None:
        self.items.append((origin, message))


def _at(file: str, node: Any, key: Any = None, value: bool = False) -> Origin:
    """The origin of ``node`` (or of ``node[key]``, its key or its value)."""
    try:
        if key is not None and isinstance(node, CommentedMap):
            line, col = node.lc.value(key) if value else node.lc.key(key)
        elif key is not None and isinstance(node, CommentedSeq):
            line, col = node.lc.item(key)
        else:
            line, col = node.lc.line, node.lc.col
        return Origin(file, line + 1, col + 1)
    except Exception:
        return Origin(file, 1, 1)


def _is_pattern_key(key: str) -> bool:
    """Schema and parameter values under these keys are regular expressions."""
    return key == "pattern" or key.endswith(("-pattern", "_pattern"))


def _plain(node: Any, file: str, faults: _Faults, where: Origin) -> Any:
    """Turn ruamel nodes into plain dicts/lists/scalars; every pattern must compile safely."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            at = _at(file, node, k, value=True)
            out[str(k)] = _plain(v, file, faults, at)
            if _is_pattern_key(str(k)):
                try:  # a regulator's pattern must run on RE2; a shipped one (reviewed) on regex
                    safe_regex.compile(out[str(k)], shipped=safe_regex.is_shipped(file))
                except safe_regex.PatternError as exc:
                    faults.add(at, f"`{k}`: {exc}")
        return out
    if isinstance(node, list):
        return [_plain(v, file, faults, _at(file, node, i)) for i, v in enumerate(node)]
    if node is None or isinstance(node, (bool, int, float)):
        return node
    if isinstance(node, str):
        return str(node)
    faults.add(where, f"unsupported value of type {type(node).__name__}")
    return None


def read_yaml(path: Path, faults: _Faults) -> CommentedMap | None:
    file = str(path)
    try:
        text = read_text(path, MAX_RULESET_BYTES)
    except NotRegular as exc:
        faults.add(Origin(file, 1, 1), f"cannot read rule set: not a regular file ({exc.what})")
        return None
    except TooLarge:
        faults.add(Origin(file, 1, 1), f"cannot read rule set: larger than {MAX_RULESET_BYTES // 1024} KB")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        faults.add(Origin(file, 1, 1), f"cannot read rule set: {exc}")
        return None
    try:
        data = safe_yaml.load(text, file, "a rule set")
    except safe_yaml.YamlFault as exc:
        faults.add(exc.origin, exc.message)
        return None
    if not isinstance(data, CommentedMap):
        faults.add(Origin(file, 1, 1), "a rule set must be a mapping with at least `name` and `rules`")
        return None
    return data


def _str_field(d: CommentedMap, key: str, file: str, faults: _Faults, required: bool = True) -> str:
    if key not in d:
        if required:
            faults.add(_at(file, d), f"missing required key `{key}`")
        return ""
    v = d[key]
    if not isinstance(v, str) or not v.strip():
        faults.add(_at(file, d, key, value=True), f"`{key}` must be a non-empty string")
        return ""
    return str(v)


def _parse_rule(node: Any, index: int, parent: CommentedSeq, raw: _RawSet, kinds: dict[str, CheckerKind], faults: _Faults) -> Rule | None:
    file = raw.file
    if not isinstance(node, CommentedMap):
        faults.add(_at(file, parent, index), "a rule must be a mapping")
        return None
    for key in node:
        if key not in RULE_KEYS:
            faults.add(_at(file, node, key), f"unknown key `{key}` in rule (allowed: {', '.join(sorted(RULE_KEYS))})")
    code = _str_field(node, "id", file, faults)
    if code and not CODE_RE.match(code):
        faults.add(_at(file, node, "id", value=True), f"rule id `{code}` must be capital letters followed by digits, e.g. S101")
    name = _str_field(node, "name", file, faults)
    if name and not NAME_RE.match(name):
        faults.add(_at(file, node, "name", value=True), f"rule name `{name}` must be kebab-case")
    check = _str_field(node, "check", file, faults)
    kind = kinds.get(check)
    if check and kind is None:
        faults.add(_at(file, node, "check", value=True), f"unknown checker kind `{check}` (known: {', '.join(sorted(kinds))})")
    severity = _str_field(node, "severity", file, faults)
    if severity and severity not in SEVERITIES:
        faults.add(_at(file, node, "severity", value=True), f"bad severity `{severity}` (use error, warning or info)")
    message = _str_field(node, "message", file, faults)
    if message:
        _check_placeholders(message, kind, _at(file, node, "message", value=True), faults)
    params = _plain(node.get("params") or {}, file, faults, _at(file, node, "params", value=True) if "params" in node else _at(file, node))
    if not isinstance(params, dict):
        faults.add(_at(file, node, "params", value=True), "`params` must be a mapping")
        params = {}
    if kind is not None and "observation" in params and not any(p.name == "observation" for p in kind.params):
        params = _observation_alias(params, kind, node, file, faults)
    if kind is not None:
        _check_params(params, kind, node, file, faults)
    doc = node.get("doc") or {}
    if not isinstance(doc, CommentedMap) and doc != {}:
        faults.add(_at(file, node, "doc", value=True), "`doc` must be a mapping of what/why/fail/pass")
        doc = {}
    for key in doc:
        if key not in DOC_KEYS:
            faults.add(_at(file, doc, key), f"unknown key `{key}` in doc (allowed: {', '.join(sorted(DOC_KEYS))})")
    within = _doc_within(doc, file, faults)
    previous = _doc_within(doc, file, faults, "previous")
    as_name = _doc_as(doc, file, faults, within)
    examples = _parse_examples(node, file, faults)
    enabled = node.get("enabled", True)
    if not isinstance(enabled, bool):
        faults.add(_at(file, node, "enabled", value=True), "`enabled` must be true or false")
        enabled = True
    if not (code and name and check and severity and message):
        return None
    return Rule(
        id=code,
        name=name,
        check=check,
        severity=severity,
        message=message,
        params=params,
        basis=str(node.get("basis") or ""),
        description=str(doc.get("what") or ""),
        why=str(doc.get("why") or ""),
        example_fail=str(doc.get("fail") or ""),
        example_pass=str(doc.get("pass") or ""),
        example_within=within,
        example_previous=previous,
        example_as=as_name,
        examples=examples,
        enabled=enabled,
        origin=_at(file, node),
        ruleset=raw.name,
    )


def _doc_within(doc: Any, file: str, faults: _Faults, key: str = "within") -> str:
    """doc `within` (the complete report the doc examples are set into) or `previous` (last
    year's report, checked with them): a path beside the rule set, of a regular file there."""
    if key not in doc:
        return ""
    value = doc[key]
    if not isinstance(value, str) or not value.strip():
        faults.add(_at(file, doc, key, value=True), f"doc `{key}` must be the path of a complete report beside the rule set")
        return ""
    path = (Path(file).parent / value).resolve()
    if not path.is_file():
        faults.add(_at(file, doc, key, value=True), f"doc `{key}`: no such file {path}")
        return ""
    return str(path)


def _doc_as(doc: Any, file: str, faults: _Faults, within: str) -> str:
    """doc `as`: a plain file name (no folder) the examples are written as beside `within`."""
    if "as" not in doc:
        return ""
    value = doc["as"]
    if not isinstance(value, str) or not value.strip() or Path(value).name != value or value in (".", ".."):
        faults.add(_at(file, doc, "as", value=True), "doc `as` must be a file name (such as disclint-waivers.yaml), without a folder")
        return ""
    if not within:
        faults.add(_at(file, doc, "as", value=True), "doc `as` needs doc `within`: the report the file is written beside")
        return ""
    return value


def _parse_examples(node: CommentedMap, file: str, faults: _Faults) -> list[dict[str, Any]]:
    """``examples: [{text: ..., expect: [CODE, ...]}]`` (or ``file:``, relative to the rule set)."""
    if "examples" not in node:
        return []
    items = node["examples"]
    if not isinstance(items, CommentedSeq):
        faults.add(_at(file, node, "examples", value=True), "`examples` must be a list of {text: ..., expect: [CODE, ...]}")
        return []
    out = []
    for i, item in enumerate(items):
        where = _at(file, items, i)
        if not isinstance(item, CommentedMap):
            faults.add(where, "an example must be a mapping {text: ..., expect: [CODE, ...]}")
            continue
        for key in item:
            if key not in EXAMPLE_KEYS:
                faults.add(_at(file, item, key), f"unknown key `{key}` in example (allowed: {', '.join(sorted(EXAMPLE_KEYS))})")
        sources = [k for k in ("text", "file") if k in item]
        if len(sources) != 1:
            faults.add(where, "an example needs exactly one of `text` (the snippet) or `file` (a path beside the rule set)")
            continue
        source = sources[0]
        value = item[source]
        if not isinstance(value, str) or not value.strip():
            faults.add(_at(file, item, source, value=True), f"`{source}` must be a non-empty string")
            continue
        expect = item.get("expect", [])
        if not isinstance(expect, list) or not all(isinstance(c, str) and CODE_RE.match(c) for c in expect):
            faults.add(_at(file, item, "expect", value=True) if "expect" in item else where, "`expect` must be a list of rule codes such as [S101] ([] for a passing example)")
            continue
        entry: dict[str, Any] = {"expect": [str(c) for c in expect], "line": where.line}
        entry[source] = str(value) if source == "text" else str(Path(file).parent / str(value))
        out.append(entry)
    return out


def _check_placeholders(message: str, kind: CheckerKind | None, origin: Origin, faults: _Faults) -> bool:
    """A message may use only plain named placeholders the kind provides; True when it does."""
    if len(message) > MAX_MESSAGE:
        faults.add(origin, f"message is {len(message)} characters long (at most {MAX_MESSAGE})")
        return False
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        faults.add(origin, f"bad message template: {exc}")
        return False
    ok = True
    for _text, field_name, spec, conversion in parsed:
        if field_name is None:
            continue
        if not field_name.isidentifier() or spec or conversion:
            shown = field_name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            faults.add(origin, f"placeholder `{{{shown}}}` must be a plain name like {{found}}")
            ok = False
        elif kind is not None and field_name not in kind.placeholders:
            known = ", ".join(kind.placeholders) or "none"
            faults.add(origin, f"unknown placeholder `{{{field_name}}}` for checker `{kind.name}` (it provides: {known})")
            ok = False
    return ok


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "a mapping", list: "a list", str: "a string"}.get(type(value), type(value).__name__)


def _shape_fault(new: Any, ref: Any, where: str) -> str | None:
    """How ``new`` differs in shape from the schema ``ref`` it replaces (None: same shape).

    Mappings keep their keys' types; a list of mappings keeps the keys every entry of
    ``ref`` has (``pattern``, ``what``...) with their types; a None in ``ref`` takes anything.
    """
    if ref is None or new is None and not isinstance(ref, (dict, list)):
        return None
    if _kind_of(new) != _kind_of(ref):
        return f"must be {_kind_of(ref)}, not {_kind_of(new)}" if where.count("/") == 0 else f"needs `{where.split('/', 1)[1]}` as {_kind_of(ref)}, not {_kind_of(new)}"
    if isinstance(ref, dict):
        for key, value in new.items():
            if key in ref:  # a part replaced whole ({replace: true, with: …}) is compared as what it becomes
                fault = _shape_fault(replacement(value)[1], ref[key], f"{where}/{key}")
                if fault:
                    return fault
    elif isinstance(ref, list) and ref and all(isinstance(e, dict) for e in ref):
        needed = set.intersection(*(set(e) for e in ref))
        for i, entry in enumerate(new, start=1):
            if removal(entry) is not None:  # {remove: KEY}: checked when merged (schemas.py)
                continue
            if not isinstance(entry, dict):
                return f"entry {i} must be a mapping, not {_kind_of(entry)}"
            missing = sorted(needed - set(entry))
            if missing:
                return f"entry {i} lacks {', '.join(f'`{m}`' for m in missing)}"
            for key in needed:
                types = {_kind_of(e[key]) for e in ref if e[key] is not None}
                if len(types) == 1 and entry[key] is not None and _kind_of(entry[key]) not in types:
                    return f"entry {i}: `{key}` must be {types.pop()}, not {_kind_of(entry[key])}"
    return None


def _observation_alias(params: dict, kind: CheckerKind, node: CommentedMap, file: str, faults: _Faults) -> dict:
    """``observation: X`` is the kind's own selector (``issue``, ``problem``, ``topic``…) under one name."""
    sel = selector(kind)
    where = _at(file, node["params"], "observation") if isinstance(node.get("params"), CommentedMap) else _at(file, node)
    if sel is None:
        faults.add(where, f"checker `{kind.name}` offers no observations to choose from (`observation` is for kinds such as table-structure)")
        return {k: v for k, v in params.items() if k != "observation"}
    if sel.name in params:
        faults.add(where, f"`observation` and `{sel.name}` name the same thing for checker `{kind.name}`: give one")
        return {k: v for k, v in params.items() if k != "observation"}
    return {(sel.name if k == "observation" else k): v for k, v in params.items()}


def _check_params(params: dict, kind: CheckerKind, node: CommentedMap, file: str, faults: _Faults) -> None:
    declared = {p.name: p for p in kind.params}
    where = _at(file, node, "params") if "params" in node else _at(file, node)
    for key, value in params.items():
        p = declared.get(key)
        if p is None:
            known = ", ".join(declared) or "none"
            faults.add(where, f"unknown parameter `{key}` for checker `{kind.name}` (it takes: {known})")
        elif p.type is not object and value is not None and not isinstance(value, p.type):
            faults.add(where, f"parameter `{key}` of checker `{kind.name}` has the wrong type ({type(value).__name__})")
        elif p.choices and value not in p.choices:
            given = node.get("params")
            written = key if isinstance(given, CommentedMap) and key in given else "observation"  # the alias
            faults.add(_at(file, given, written, value=True) if isinstance(given, CommentedMap) and written in given else where,
                       choice_fault(kind, key, value, p.choices))
    for p in kind.params:
        if p.required and p.name not in params:
            faults.add(where, f"checker `{kind.name}` needs parameter `{p.name}`")
    if kind.validate is not None and not any(p.required and p.name not in params for p in kind.params):
        given = node.get("params")
        for key, message in kind.validate(params) or ():
            at = _at(file, given, key, value=True) if key is not None and isinstance(given, CommentedMap) and key in given else where
            faults.add(at, f"parameter `{key}` of checker `{kind.name}`: {message}" if key else f"checker `{kind.name}`: {message}")


def _year(value: Any, origin: Origin, faults: _Faults) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    faults.add(origin, f"a report year must be a whole number such as 2021, not {value!r}")
    return None


def load_files(paths: list[Path], kinds: dict[str, CheckerKind]) -> dict[str, RuleSet]:
    """Load every rule-set file in ``paths`` (files or folders); resolve ``extends``.

    Raises RuleSetError listing every fault found.
    """
    faults = _Faults()
    raws: dict[str, _RawSet] = {}
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        elif p.exists():
            files.append(p)
        else:
            faults.add(Origin(str(p), 1, 1), "rule-set file not found")
    seen: set[Path] = set()  # a file named twice (a folder and a file in it) is one rule set
    files = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    for path in files:
        data = read_yaml(path, faults)
        if data is None:
            continue
        file = str(path)
        for key in data:
            if key not in SET_KEYS:
                faults.add(_at(file, data, key), f"unknown key `{key}` in rule set (allowed: {', '.join(sorted(SET_KEYS))})")
        name = _str_field(data, "name", file, faults)
        if not name:
            continue
        if name in raws:
            faults.add(_at(file, data, "name", value=True), f"rule set `{name}` is already defined in {raws[name].file}")
            continue
        raw = _RawSet(name, data, file, _at(file, data))
        rules = data.get("rules") or []
        if not isinstance(rules, CommentedSeq) and rules != []:
            faults.add(_at(file, data, "rules", value=True), "`rules` must be a list")
            rules = []
        seen: dict[str, Origin] = {}
        for i, node in enumerate(rules):
            rule = _parse_rule(node, i, rules, raw, kinds, faults)
            if rule is None:
                continue
            if rule.id in seen:
                faults.add(_at(file, node, "id", value=True), f"duplicate rule code `{rule.id}` (first defined at {seen[rule.id]})")
                continue
            seen[rule.id] = rule.origin
            raw.rules.append(rule)
        raws[name] = raw
    resolved: dict[str, RuleSet] = {}
    for name in raws:
        _resolve(name, raws, resolved, faults, [], kinds)
    said: set[tuple[Origin, str]] = set()  # an inherited schema is shared by many sets: one fault
    for rs in resolved.values():
        if rs.selectable:
            _check_schema_refs(rs, raws, faults)
        for key, value in rs.schemas.items():
            fault = shape_fault(key, value)
            where = rs.schema_origins.get(key) or rs.origin
            if fault and (where, fault) not in said:
                said.add((where, fault))
                faults.add(where, fault)
    if not faults.items:  # what rules name in their schemas, once the schemas are sound
        for rs in resolved.values():
            if rs.selectable:
                _check_named_in_schemas(rs, kinds, faults)
    if not faults.items:
        faults.items.extend(compose.clashes(resolved))
    if faults.items:
        raise RuleSetError(faults.items)
    return resolved


def _resolve(name: str, raws: dict[str, _RawSet], done: dict[str, RuleSet], faults: _Faults, stack: list[str], kinds: dict[str, CheckerKind]) -> RuleSet | None:
    if name in done:
        return done[name]
    raw = raws[name]
    if name in stack:
        faults.add(raw.origin, f"rule set `{name}` extends itself through {' -> '.join(stack + [name])}")
        return None
    data, file = raw.data, raw.file
    extends = data.get("extends") or []
    if isinstance(extends, str):
        extends = [extends]
    rs = RuleSet(name=name, origin=raw.origin, extends=[str(e) for e in extends])
    rs.title = str(data.get("title") or "")
    rs.basis = str(data.get("basis") or "")
    for parent_name in rs.extends:
        if parent_name not in raws:
            faults.add(_at(file, data, "extends", value=True), f"rule set `{name}` extends unknown rule set `{parent_name}`")
            continue
        parent = _resolve(parent_name, raws, done, faults, stack + [name], kinds)
        if parent is None:
            continue
        for code, rule in parent.rules.items():
            if code in rs.rules and rs.rules[code] is not rule:
                faults.add(_at(file, data, "extends", value=True), f"rule code `{code}` comes from both `{rs.rules[code].ruleset}` and `{rule.ruleset}`")
                continue
            rs.rules[code] = rule
        rs.schemas.update(parent.schemas)
        rs.schema_origins.update(parent.schema_origins)
    for rule in raw.rules:
        if rule.id in rs.rules:
            faults.add(rule.origin or raw.origin, f"duplicate rule code `{rule.id}`: already defined in rule set `{rs.rules[rule.id].ruleset}` (use `overrides` to change it)")
            continue
        rs.rules[rule.id] = rule
    schemas = data.get("schemas")
    if schemas is not None:
        if not isinstance(schemas, CommentedMap):
            faults.add(_at(file, data, "schemas", value=True), "`schemas` must be a mapping of names to data")
        else:
            own = _plain(schemas, file, faults, _at(file, data, "schemas", value=True))
            for key, value in own.items():
                asked, wanted = replacement(value)
                if key in rs.schemas:  # an inherited schema: its checkers expect that shape
                    fault = _shape_fault(wanted, rs.schemas[key], key)
                    if fault:
                        faults.add(_at(file, schemas, key, value=True), f"schema `{key}` {fault} (as in {rs.schema_origins.get(key, '?')})")
                        continue
                # added to the inherited one by key (schemas.py), replaced only when asked
                merge_schemas(rs.schemas, {key: value}, schemas, file, faults.add)
                rs.schema_origins[key] = _at(file, schemas, key, value=True)
    applies = data.get("applies-to")
    if applies is not None:
        if not isinstance(applies, CommentedMap) or not set(applies) <= APPLIES_KEYS or not applies:
            faults.add(_at(file, data, "applies-to", value=True), "`applies-to` must be a mapping with `from` and/or `to` (report years)")
        else:
            rs.applies_from = _year(applies.get("from"), _at(file, applies, "from", value=True) if "from" in applies else raw.origin, faults)
            rs.applies_to = _year(applies.get("to"), _at(file, applies, "to", value=True) if "to" in applies else raw.origin, faults)
    _apply_overrides(rs, data, file, faults, kinds)
    done[name] = rs
    return rs


def _apply_overrides(rs: RuleSet, data: CommentedMap, file: str, faults: _Faults, kinds: dict[str, CheckerKind]) -> None:
    overrides = data.get("overrides")
    if overrides is None:
        return
    if not isinstance(overrides, CommentedMap):
        faults.add(_at(file, data, "overrides", value=True), "`overrides` must map rule codes to changes")
        return
    for code, change in overrides.items():
        where = _at(file, overrides, code)
        if code not in rs.rules:
            faults.add(where, f"override of unknown rule code `{code}`")
            continue
        if not isinstance(change, CommentedMap):
            faults.add(where, f"override of `{code}` must be a mapping such as {{severity: warning}}")
            continue
        rule = rs.rules[code]
        updates: dict[str, Any] = {}
        for key, value in change.items():
            if key not in OVERRIDE_KEYS:
                faults.add(_at(file, change, key), f"unknown key `{key}` in override (allowed: {', '.join(sorted(OVERRIDE_KEYS))})")
            elif key == "severity" and value not in SEVERITIES:
                faults.add(_at(file, change, key, value=True), f"bad severity `{value}` (use error, warning or info)")
            elif key == "enabled" and not isinstance(value, bool):
                faults.add(_at(file, change, key, value=True), "`enabled` must be true or false")
            elif key == "message" and (not isinstance(value, str) or not value.strip()):
                faults.add(_at(file, change, key, value=True), "`message` must be a non-empty string")
            elif key == "message" and not _check_placeholders(str(value), kinds.get(rule.check), _at(file, change, key, value=True), faults):
                pass
            else:
                updates[key] = str(value) if key == "message" else value
        if updates:
            from dataclasses import replace

            rs.rules[code] = replace(rule, **updates)


def _check_schema_refs(rs: RuleSet, raws: dict[str, _RawSet], faults: _Faults) -> None:
    """In a rule set that can be chosen, every ``schema``-named parameter must resolve."""
    for rule in rs.rules.values():
        for key, value in rule.params.items():
            if (key == "schema" or key.endswith("-schema") or key.endswith("_schema")) and isinstance(value, str):
                if value not in rs.schemas:
                    origin = rule.origin or rs.origin
                    faults.add(origin, f"rule {rule.id} refers to schema `{value}`, which rule set `{rs.name}` does not define")


def _check_named_in_schemas(rs: RuleSet, kinds: dict[str, CheckerKind], faults: _Faults) -> None:
    """What a rule names in its set's merged schemas (its kind's ``refers``: a 表三 row key,
    an identity's id, a section number) must be there, or the rule would never fire."""
    for rule in rs.rules.values():
        kind = kinds.get(rule.check)
        if kind is None or kind.refers is None:
            continue
        for key, message in kind.refers(rule.params, rs.schemas) or ():
            text = (f"rule {rule.id}: parameter `{key}` of checker `{kind.name}`: {message}" if key
                    else f"rule {rule.id}: checker `{kind.name}`: {message}")
            faults.add(rule.origin or rs.origin, f"{text} (in rule set `{rs.name}`)")

"""A child rule set's schemas merged into the ones it inherits.

Entries are added by key: a mapping's keys one by one (recursively), a list of
mappings by the entry's ``id``, ``key``, ``number`` or ``label`` (the first of these
the inherited entries use) — an entry replaces an inherited one only when it names
the same key — and a list of plain values by value. A list of mappings without
any of those keys (the publication-deadline segments) has nothing to merge by: the
child's list takes its place, as before. A schema or part of one is
replaced whole only when asked: ``{replace: true, with: VALUE}``, or a mapping that
carries ``replace: true`` beside its own keys. An inherited list entry is removed by an
entry ``{remove: KEY}`` or ``{remove: [KEY, …]}`` (the entry's key, or a plain value);
a key the inherited list does not have is a load fault. A value of another shape than
the one it merges into is a load fault at its file:line:col.
"""

from __future__ import annotations

from typing import Any, Callable

from .model import Origin

KEY_FIELDS = ("id", "key", "number", "label")


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "a single value"


def _origin(node: Any, path: list, file: str) -> Origin:
    """file:line:col of the value at ``path`` under the ruamel ``node`` (as near as known)."""
    line, col = getattr(getattr(node, "lc", None), "line", 0), getattr(getattr(node, "lc", None), "col", 0)
    for step in path:
        try:
            if isinstance(node, dict):
                line, col = node.lc.value(step)
            else:
                line, col = node.lc.item(step)
            node = node[step]
        except Exception:
            break
    return Origin(file, line + 1, col + 1)


def replacement(value: Any) -> tuple[bool, Any]:
    if isinstance(value, dict) and value.get("replace") is True:
        if set(value) == {"replace", "with"}:
            return True, value["with"]
        return True, {k: v for k, v in value.items() if k != "replace"}
    return False, value


def merge_schemas(target: dict, own: dict, node: Any, file: str, fault: Callable[[Origin, str], None]) -> None:
    """Merge ``own`` (a set's ``schemas``; ``node`` its YAML) into the inherited ``target``."""
    for name, value in own.items():
        if name in target:
            target[name] = _merge(target[name], value, [name], node, file, fault)
        else:
            target[name] = replacement(value)[1]


def _merge(old: Any, new: Any, path: list, node: Any, file: str, fault) -> Any:
    asked, value = replacement(new)
    if asked:
        return value
    if old is None or new is None:
        return new
    where = "/".join(str(p) for p in path)
    if _shape(old) != _shape(new):
        fault(_origin(node, path, file), f"schema `{where}` must be {_shape(old)} like the one it adds to (to replace it whole, write {{replace: true, with: …}})")
        return old
    if isinstance(old, dict):
        out = dict(old)
        for k, v in new.items():
            out[k] = _merge(old[k], v, path + [k], node, file, fault) if k in old else replacement(v)[1]
        return out
    if isinstance(old, list):
        return _merge_list(old, new, path, node, file, fault)
    return new


def removal(entry: Any) -> list | None:
    """The keys a list entry ``{remove: KEY or [KEY, …]}`` removes, or None for any other entry."""
    if isinstance(entry, dict) and "remove" in entry:
        keys = entry["remove"]
        return list(keys) if isinstance(keys, list) else [keys]
    return None


def _remove(old: list, new: list, field: str | None, path: list, node: Any, file: str, fault) -> tuple[list, list]:
    """``old`` without the entries ``new``'s removals name, and ``new``'s other entries."""
    where = "/".join(str(p) for p in path)
    keep: list = []
    gone: list = []  # a list: inherited values may be unhashable (lists, mappings)
    have = [e.get(field) if field and isinstance(e, dict) else e for e in old]
    for i, entry in enumerate(new):
        keys = removal(entry)
        if keys is None:
            keep.append(entry)
            continue
        if set(entry) != {"remove"} or not keys or not all(isinstance(k, (str, int)) for k in keys):
            fault(_origin(node, path + [i], file), f"entry {i + 1} of schema `{where}`: write `{{remove: KEY}}` or `{{remove: [KEY, …]}}` alone, KEY being an inherited entry's `{field or 'value'}`")
            continue
        for j, k in enumerate(keys):
            if k not in have:
                known = ", ".join(str(h) for h in have if h is not None)
                at = path + [i, "remove"] + ([j] if isinstance(entry["remove"], list) else [])
                fault(_origin(node, at, file), f"schema `{where}` has no entry `{k}` to remove (it has: {known})")
            gone.append(k)
    return [e for e, h in zip(old, have) if h not in gone], keep


def _merge_list(old: list, new: list, path: list, node: Any, file: str, fault) -> list:
    keyed = [e for e in old if isinstance(e, dict)]
    field = next((f for f in KEY_FIELDS if any(f in e for e in keyed)), None)
    if any(removal(e) is not None for e in new):
        old, new = _remove(old, new, field, path, node, file, fault)
    if field is None:
        if keyed:  # mappings with no key to merge by (deadline segments): the child's list stands
            return new
        return old + [v for v in new if v not in old]  # plain values: add what is not there yet
    out = list(old)
    place = {e[field]: i for i, e in enumerate(out) if isinstance(e, dict) and field in e}
    for i, entry in enumerate(new):
        if not isinstance(entry, dict) or field not in entry:
            where = "/".join(str(p) for p in path)
            fault(_origin(node, path + [i], file), f"entry {i + 1} of schema `{where}` needs `{field}`: entries are added by it (to replace the list whole, write {{replace: true, with: […]}})")
            continue
        if entry[field] in place:
            out[place[entry[field]]] = entry
        else:
            place[entry[field]] = len(out)
            out.append(entry)
    return out

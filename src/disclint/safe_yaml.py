"""Loading YAML written by users (rule sets, ``.disclint.yaml``) within bounds.

ruamel.yaml's round-trip loader builds only plain data, but it still expands whatever
the text asks for: aliases that refer to aliases grow exponentially once the data is
walked ("billion laughs"), deep nesting overflows the composer's recursion, and a tag
such as ``!!python/object`` must be refused, not turned into a string. So the text is
first walked as a stream of parser events (iterative, linear in the text): the depth,
the number of nodes counted with every alias expanded, and every tag (refused: !!python/..., !!binary, custom tags) are checked there,
each fault at its file:line:col. Only then is the text composed into data.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

from .rules.model import Origin

MAX_DEPTH = 64  # rule sets nest a few levels (schemas of tables of rows of labels)
MAX_NODES = 500_000  # every alias counted expanded; the shipped rule sets have a few thousand
MAX_CHARS = 20_000_000  # text in all scalars, aliases expanded


class YamlFault(Exception):
    def __init__(self, origin: Origin, message: str):
        super().__init__(f"{origin}: {message}")
        self.origin, self.message = origin, message


def _origin(file: str, mark) -> Origin:
    return Origin(file, mark.line + 1, mark.column + 1) if mark is not None else Origin(file, 1, 1)


def _tag(event) -> str | None:
    tag = getattr(event, "tag", None)
    return getattr(tag, "value", tag) if tag is not None else None


def check_events(text: str, file: str, what: str) -> None:
    """Raise YamlFault for the first tag, depth or expansion fault in ``text``."""
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, characters) it stands for, expanded
    stack: list[list] = [[0, 0, None]]  # per open collection: [nodes, characters, its anchor]
    for event in YAML(typ="rt").parse(text):
        if not isinstance(event, (NodeEvent, CollectionEndEvent)):
            continue
        if isinstance(event, NodeEvent) and not isinstance(event, AliasEvent) and _tag(event) is not None:
            # Plain data needs no tags; an explicit one is refused, never built.
            raise YamlFault(_origin(file, event.start_mark), f"tagged value {_tag(event)} is not allowed in {what}")
        if isinstance(event, CollectionStartEvent):
            if len(stack) > MAX_DEPTH:
                raise YamlFault(_origin(file, event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
            stack.append([1, 0, event.anchor])
            continue
        if isinstance(event, CollectionEndEvent):
            nodes, chars, anchor = stack.pop()
        elif isinstance(event, AliasEvent):
            (nodes, chars), anchor = sizes.get(event.anchor, (1, 0)), None
        else:
            nodes, chars, anchor = 1, len(event.value or ""), event.anchor
        if anchor is not None:
            sizes[anchor] = (nodes, chars)
        top = stack[-1]
        top[0] += nodes
        top[1] += chars
        if nodes > MAX_NODES or chars > MAX_CHARS or stack[0][0] + top[0] > MAX_NODES or stack[0][1] + top[1] > MAX_CHARS:
            raise YamlFault(_origin(file, event.start_mark), f"more than {MAX_NODES} values or {MAX_CHARS} characters once aliases are expanded")


def load(text: str, file: str, what: str = "a rule set"):
    """The data in ``text``; YamlFault (with file:line:col) for syntax or bound faults."""
    try:
        check_events(text, file, what)
        return YAML(typ="rt").load(text)
    except YamlFault:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlFault(_origin(file, mark), f"YAML syntax error: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise YamlFault(Origin(file, 1, 1), f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlFault(Origin(file, 1, 1), "nested too deeply") from None

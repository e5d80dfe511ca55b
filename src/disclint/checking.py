"""What a checker kind is, what it returns, and what it may look at.

A checker kind is code; a rule is data that names a kind and gives it parameters,
a code, a severity and a message. The kind's ``check`` function is called once per
rule that uses it, with the document, the rule and a shared context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable

from .model import Document, Span


@dataclass(frozen=True)
class Related:
    """Another place a finding rests on (last year's cell for a cross-year check), in its file."""

    path: str
    span: Span
    message: str  # what is there, in Chinese


@dataclass
class Finding:
    """One thing a checker found: where, the values for the rule's message, and the other
    places it compares with (``related``, shown beside the finding by every reporter)."""

    span: Span
    values: dict[str, Any] = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)


@dataclass(frozen=True)
class Param:
    """A parameter a checker kind accepts in a rule's ``params``."""

    name: str
    type: type | tuple[type, ...] = object
    required: bool = False
    doc: str = ""
    choices: tuple = ()  # the values it may take (checked at load); () for any


@dataclass
class CheckerKind:
    """A named checker: ``check(doc, rule, ctx) -> Iterable[Finding]``.

    ``params`` lists what a rule may pass; ``placeholders`` lists the names a rule's
    message may use (each Finding fills them in).
    """

    name: str
    check: Callable[..., Iterable[Finding]] | None
    params: tuple[Param, ...] = ()
    placeholders: tuple[str, ...] = ()
    doc: str = ""
    # A collection kind looks across the reports of one run (last year's report beside
    # this year's): ``collect(doc, rule, ctx)`` takes what it needs from one report (None
    # for nothing), and after every file is read ``check_collection(items, rule)`` gets
    # ``[(path, value), ...]`` for all reports checked with that rule code and yields
    # ``(path, Finding)``. ``check`` is then unused (None).
    collect: Callable[..., Any] | None = None
    check_collection: Callable[..., Iterable[tuple[str, Finding]]] | None = None
    # What a rule's params must satisfy beyond each one's type and choices, checked at
    # load: ``validate(params)`` yields (parameter name or None, fault message).
    validate: Callable[[dict], Iterable[tuple[str | None, str]]] | None = None
    # What a rule's params name in its rule set's schemas (a 表三 row key, an identity's
    # id, a section number), checked at load in every rule set that can be chosen, with
    # that set's merged schemas: ``refers(params, schemas)`` yields (parameter name or
    # None, fault message). A name that is not there would otherwise never fire.
    refers: Callable[[dict, dict], Iterable[tuple[str | None, str]]] | None = None


@dataclass
class Options:
    """Run options that checkers may read (set from the command line or config)."""

    today: date | None = None
    organ_kind: str | None = None  # "department" or "government"; None: infer


class Context:
    """Shared state for the checkers running over one document.

    ``ruleset`` gives access to the rule set's named ``schemas``; ``cache`` lets kinds
    that share an analysis (all section rules, all table rules) compute it once.
    """

    def __init__(self, doc: Document, ruleset, options: Options, year: int | None, year_span: Span | None):
        self.doc = doc
        self.ruleset = ruleset
        self.options = options
        self.year = year
        self.year_span = year_span
        self.cache: dict[str, Any] = {}

    def schema(self, name: str) -> Any:
        """The rule set's schema called ``name`` (a plain dict/list structure)."""
        return self.ruleset.schemas[name]

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

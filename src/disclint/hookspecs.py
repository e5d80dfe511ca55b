"""Hook specifications: the life of one lint run, in the order it happens.

Built-in readers and checkers implement these exactly as third-party plugins do.
A plugin is a plain module with ``@hookimpl`` functions, found through the
entry-point group ``disclint`` (or shipped in disclint's own ``plugins/`` folder).
"""

from __future__ import annotations

import pluggy

PROJECT = "disclint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- reading ---------------------------------------------------------------------


@hookspec
def disclint_file_extensions() -> list[str]:
    """File name endings this plugin can read (e.g. ``[".html", ".htm"]``).

    Used when a directory is walked: files with other endings are not collected.
    Answered by every reader plugin; the results are merged.
    """


@hookspec(firstresult=True)
def disclint_read(path: str, data: bytes):
    """Read one file into a :class:`disclint.model.Document`.

    ``path`` is the file's path as the user gave it, ``data`` its raw bytes. Return a
    Document, or None when this reader does not handle the file (then the next reader
    is asked). Stops at the first non-None result. A reader that handles the file but
    cannot read it returns a Document whose ``problems`` say why (binary, undecodable,
    truncated...), never raises.
    """


# -- rules -----------------------------------------------------------------------


@hookspec
def disclint_rule_paths() -> list[str]:
    """Rule-set YAML files or folders of them that this plugin contributes.

    A regulator's package returns the path of its own ``rules/`` folder; its rule sets
    may ``extends`` the national ones by name. Answered by every plugin; merged.
    """


@hookspec
def disclint_checker_kinds() -> list:
    """Checker kinds this plugin provides, as :class:`disclint.checking.CheckerKind`.

    A rule names its checker kind in ``check:``; the kind declares the parameters it
    takes and the placeholders its findings fill in, so rule sets are validated at
    load time. Answered by every plugin; a kind name given twice is an error.
    """


# -- reporting -------------------------------------------------------------------


@hookspec
def disclint_reporters() -> dict:
    """Output formats this plugin provides: ``{name: function(results, stream)}``.

    ``results`` is the list of :class:`disclint.engine.FileResult` of the run, in
    path order. Answered by every plugin; merged (later plugins may not replace a
    built-in name).
    """

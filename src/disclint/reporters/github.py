"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

Values are escaped as the runner expects (``%``, CR, LF everywhere; ``:`` and ``,`` also in
properties), so a message can never end the command early or inject another one. Other
control characters (ESC, BEL...) are shown escaped (``\\x1b``): the log viewer would act on them.
"""

from __future__ import annotations

from .escape import escape
from .json import place

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return escape(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def line(d) -> str:
    props = [f"file={_prop(d.path)}"]
    message = d.message
    if d.logical:  # DOCX/PDF: no line in the file; the place goes into the message
        message = f"{d.logical}: {message}"
    else:
        props += [f"line={d.line}", f"col={d.column}", f"endLine={d.end_line}", f"endColumn={d.end_column}"]
    for r in d.related:  # a cross-year finding: where last year's figure is
        at = place(r)
        where = at["logical"] or f"{at['line']}:{at['column']}"
        message += f"（{r.message}：{at['path']}:{where}）"
    props.append(f"title={_prop(f'{d.code} {d.name}')}")
    return f"::{_LEVEL[d.severity]} {','.join(props)}::{_data(message)}"


def report(results, stream) -> None:
    for result in results:
        for d in result.diagnostics:
            stream.write(line(d) + "\n")

"""The command line: ``disclint check``, ``disclint rules``, ``disclint rule CODE``.

Exit codes: 0 when no finding reaches ``--fail-level``, 1 when one does, 2 for usage,
rule-set or internal errors. No traceback ever reaches the user.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__, config
from .checking import Options
from .engine import Linter, merge, worst
from .parallel import cpu_count
from .plugins import PluginError, reporters
from .reporters.escape import escape
from .rules.loader import RuleSetError
from .rules.model import SEVERITY_RANK

EXIT_FINDINGS = 1
EXIT_TOOL = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
DEFAULT_TIME_LIMIT = 120.0  # seconds per file; real reports take a second or two


def _today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _config(config_path) -> config.Config:
    """The explicit --config file, else the nearest .disclint.yaml, else defaults."""
    path = Path(config_path) if config_path else config.find(Path.cwd())
    if path is None:
        return config.Config()
    try:
        return config.load(path)
    except config.ConfigError as exc:
        click.echo(escape(f"{exc.origin}: {exc.message}"), err=True)
        sys.exit(EXIT_TOOL)


def _make_linter(ruleset, rule_files, today, organ_kind, cfg: config.Config | None = None) -> Linter:
    cfg = cfg or config.Config()
    try:
        return Linter(
            Options(today=_today(today), organ_kind=organ_kind or cfg.organ_kind),
            ruleset=ruleset or cfg.ruleset,
            extra_rule_paths=[*cfg.rules, *rule_files],
        )
    except RuleSetError as exc:
        for origin, message in exc.faults:
            click.echo(escape(f"{origin}: {message}"), err=True)
        click.echo(f"disclint: {len(exc.faults)} fault(s) in rule sets; nothing was checked", err=True)
        sys.exit(EXIT_TOOL)
    except PluginError as exc:
        click.echo(f"disclint: {exc}", err=True)
        sys.exit(EXIT_TOOL)


def _progress_bar(done, total: int):
    """A progress bar on stderr for long runs (tqdm); stdout keeps only the report."""
    from tqdm import tqdm

    return tqdm(done, total=total, unit="file", file=sys.stderr, disable=total < 2, leave=False)


_common = [
    click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), metavar="FILE", help=f"Settings file (default: the nearest {config.FILE_NAME} here or above)."),
    click.option("--ruleset", metavar="NAME|PATH", help="Use this rule set for every file instead of choosing by report year."),
    click.option(
        "--rules",
        "rule_files",
        multiple=True,
        type=click.Path(exists=True),
        metavar="PATH",
        help="Load extra rule-set YAML files or folders (a regulator's own rules). Repeatable.",
    ),
]


def _with_common(fn):
    for opt in reversed(_common):
        fn = opt(fn)
    return fn


class _Main(click.Group):
    def invoke(self, ctx):
        """Ctrl-C ends the run with exit 130 and one line (click's default is "Aborted!" and 1)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _silence_stdout()
            try:
                click.echo("disclint: interrupted", err=True)
            except Exception:
                pass
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="disclint")
def main() -> None:
    """disclint: a compliance linter for 政府信息公开工作年度报告."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_with_common
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json, sarif, html (a review page), or one a plugin adds.")
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding of this severity or worse is found (default: error, or the config's fail-level).",
)
@click.option("--today", metavar="YYYY-MM-DD", help="Treat this as today's date (reproducible runs).")
@click.option("--organ-kind", type=click.Choice(["department", "government"]), help="The kind of organ that publishes the report (default: inferred from the title).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True, help="Check files in this many processes (0: one per CPU; at most one per CPU).")
@click.option("--timeout", "time_limit", type=click.FloatRange(0, min_open=True), default=DEFAULT_TIME_LIMIT, show_default=True, metavar="SECONDS", help="Time limit per file; a file that takes longer gets X009.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar on stderr (default: when stderr is a terminal and there are many files).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-level (tool errors still exit 2).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write the report here instead of standard output.")
def check(paths, config_path, ruleset, rule_files, fmt, fail_level, today, organ_kind, jobs, time_limit, progress, exit_zero, output) -> None:
    """Check reports (files or folders of .txt .md .html .htm .docx .pdf)."""
    cfg = _config(config_path)
    fail_level = fail_level or cfg.fail_level or "error"
    linter = _make_linter(ruleset, rule_files, today, organ_kind, cfg)
    available = reporters(linter.pm)
    if fmt not in available:
        raise click.BadParameter(f"unknown format {fmt!r} (available: {', '.join(sorted(available))})", param_hint="--format")
    reporter = available[fmt]
    jobs = min(jobs or cpu_count(), cpu_count())  # more processes than CPUs only cost memory
    linter.time_limit = time_limit
    show = progress if progress is not None else sys.stderr.isatty()
    stream = _open_output(output)
    seen: list = []
    internal = 0

    def finished():
        # stderr notes for internal errors as each file finishes; every result kept for the exit code
        nonlocal internal
        for result in linter.stream(paths, jobs=jobs, progress=_progress_bar if show else None):
            for message in result.internal_errors:
                click.echo(f"disclint: {escape(message)}", err=True)
                internal += 1
            seen.append(result)
            yield result

    try:
        # a reporter that shows rule sets and re-reads files (html) asks for the run's linter
        extra = {"linter": linter} if getattr(reporter, "wants_linter", False) else {}
        if getattr(reporter, "streams", False):
            reporter(finished(), stream, **extra)  # written file by file as each finishes
        else:
            reporter(merge(list(finished())), stream, **extra)
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`disclint check … | head`): not an error of ours.
        _silence_stdout()
        sys.exit(EXIT_FINDINGS if worst(seen) >= SEVERITY_RANK[fail_level] and not exit_zero else 0)
    except OSError as exc:  # a full disk, a closed stdout: one clear line
        _silence_stdout()
        click.echo(f"disclint: cannot write the report to {'standard output' if output == '-' else output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_TOOL)
    except Exception as exc:  # a reporter plugin's bug must not end in a traceback
        click.echo(f"disclint: reporter {fmt!r} failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_TOOL)
    finally:
        if stream is not sys.stdout:
            try:
                stream.close()
            except OSError:
                pass
    if internal:
        sys.exit(EXIT_TOOL)
    if not exit_zero and worst(seen) >= SEVERITY_RANK[fail_level]:
        sys.exit(EXIT_FINDINGS)


def _open_output(output: str):
    if output == "-":
        if sys.stdout is None:  # started with stdout closed
            click.echo("disclint: cannot write the report: standard output is closed", err=True)
            sys.exit(EXIT_TOOL)
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        click.echo(f"disclint: cannot write the report to {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_TOOL)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@main.command("show")
@click.argument("file")
@_with_common
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text for a terminal, json for machines.")
@click.option("--today", metavar="YYYY-MM-DD", help="Treat this as today's date (reproducible runs).")
def show_file(file, config_path, ruleset, rule_files, fmt, today) -> None:
    """Show what disclint read in one report: the six parts, the tables with their values, the findings."""
    from . import show

    linter = _make_linter(ruleset, rule_files, today, None, _config(config_path))
    click.echo(show.render(linter, file, fmt), nl=False)


@main.command("rules")
@_with_common
def list_rules(config_path, ruleset, rule_files) -> None:
    """List the rule sets and their rules."""
    linter = _make_linter(ruleset, rule_files, None, None, _config(config_path))
    chosen = [linter.forced] if linter.forced else sorted((rs for rs in linter.rulesets.values() if rs.selectable), key=lambda r: (r.applies_from or 0))
    for rs in chosen:
        years = _years(rs)
        click.echo(f"{rs.name}: {rs.title} [{years}]" + (f" — {rs.basis}" if rs.basis else ""))
        for rule in rs.rules.values():
            state = "" if rule.enabled else " (disabled)"
            click.echo(f"  {rule.id:<6} {rule.severity:<8} {rule.name}{state}")
        click.echo("")


def _years(rs) -> str:
    if rs.applies_from and rs.applies_to:
        return f"{rs.applies_from}–{rs.applies_to}"
    if rs.applies_from:
        return f"{rs.applies_from}–"
    if rs.applies_to:
        return f"–{rs.applies_to}"
    return "building block"


@main.command("rule")
@click.argument("code")
@_with_common
def show_rule(code, config_path, ruleset, rule_files) -> None:
    """Print one rule's documentation: what it checks, why, a failing and a passing example."""
    linter = _make_linter(ruleset, rule_files, None, None, _config(config_path))
    sets = [linter.forced] if linter.forced else list(linter.rulesets.values())
    found = {}
    for rs in sets:
        rule = rs.rules.get(code.upper())
        if rule is not None:
            found.setdefault((rule.ruleset, rule.id), (rule, []))[1].append(rs.name)
    if not found:
        click.echo(f"disclint: no rule {code!r}; `disclint rules` lists them", err=True)
        sys.exit(EXIT_TOOL)
    for rule, used_by in found.values():
        selectable = [n for n in used_by if linter.rulesets[n].selectable]
        click.echo(f"{rule.id} ({rule.name})")
        click.echo(f"  severity: {rule.severity}    checker: {rule.check}    defined in: {rule.ruleset}")
        if selectable:
            click.echo(f"  used by: {', '.join(sorted(selectable))}")
        if rule.basis:
            click.echo(f"  basis: {rule.basis}")
        click.echo(f"  message: {rule.message}")
        for title, text in (("What it checks", rule.description), ("Why", rule.why), ("Fails", rule.example_fail), ("Passes", rule.example_pass)):
            if text:
                click.echo(f"\n{title}:")
                for line in text.rstrip().splitlines():
                    click.echo(f"    {line}")
        click.echo("")


if __name__ == "__main__":  # pragma: no cover
    main()

"""The command line: ``disclint check``, ``disclint rules``, ``disclint rule CODE``.

Exit codes: 0 when no finding reaches ``--fail-level``, 1 when one does, 2 for usage,
rule-set or internal errors. No traceback ever reaches the user.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from . import __version__, clilang, config
from .checking import Options
from .engine import Linter, merge, settle
from .parallel import cpu_count
from .plugins import PluginError, reporters
from .reporters.escape import escape
from .rules.errors import RuleSetError
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
        raise click.BadParameter(clilang.t("{value!r} is not a date in the form YYYY-MM-DD", value=value), param_hint="--today") from None


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
        linter = Linter(
            Options(today=_today(today), organ_kind=organ_kind or cfg.organ_kind),
            ruleset=ruleset or cfg.ruleset,
            extra_rule_paths=[*cfg.rules, *rule_files],
        )
        settle()
        return linter
    except RuleSetError as exc:
        for origin, message in exc.faults:
            click.echo(escape(f"{origin}: {message}"), err=True)
        _say("{n} fault(s) in rule sets; nothing was checked", n=len(exc.faults))
        sys.exit(EXIT_TOOL)
    except PluginError as exc:
        _say("cannot load the plugins: {problem}", problem=str(exc))
        sys.exit(EXIT_TOOL)


def _say(template: str, **values) -> None:
    """One line of the tool's own on stderr, ``disclint: …``, in the run's language (clilang.py);
    paths and quoted text in it shown escaped."""
    click.echo(escape("disclint: " + clilang.t(template, **values)), err=True)


def _progress_bar(done, total: int):
    """A progress bar on stderr for long runs (tqdm); stdout keeps only the report."""
    from tqdm import tqdm

    return tqdm(done, total=total, unit="file", file=sys.stderr, disable=total < 2, leave=False)


def _no_cache(ctx, param, value) -> None:
    if value:  # the environment carries it to worker processes too
        os.environ["DISCLINT_NO_CACHE"] = "1"


_common = [
    click.option("--no-cache", is_flag=True, expose_value=False, is_eager=True, callback=_no_cache, help="Parse the rule-set files instead of using (and writing) the cached rule sets; read neighbouring reports' titles afresh; check every file instead of using (and writing) the results cache."),
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


_selection = [
    click.option("--select", multiple=True, metavar="CODES", help="Report only these codes or prefixes (comma-separated; replaces the configuration's select)."),
    click.option("--extend-select", multiple=True, metavar="CODES", help="Report these codes or prefixes as well."),
    click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these codes or prefixes."),
    click.option("--extend-ignore", multiple=True, metavar="CODES", help="Do not report these either."),
    click.option("--per-file-ignores", "per_file", multiple=True, metavar="GLOB:CODES", help="Do not report these codes in files matching GLOB (as in .gitignore: * within a folder, ** across; relative to the working folder)."),
    click.option("--severity", "severities", multiple=True, metavar="CODE=LEVEL", help="Report a code or prefix at error, warning or info."),
    click.option("--output-format", multiple=True, metavar="FMT[:FILE]", help="Write the report in FMT to FILE (without :FILE to --output); repeatable, e.g. --output-format text --output-format sarif:x.sarif."),
    click.option("--history", multiple=True, type=click.Path(exists=True), metavar="PATH", help="Also read these reports (files or folders) as last year's for the cross-year checks (B6xx); their own findings are not reported. Repeatable."),
    click.option("--find-history/--no-find-history", default=True, help="Look for last year's report of the same organ (by title: organ and year) beside each report and in a year-named sibling folder, for B6xx (default: on; config find-history)."),
    click.option("--sarif-root", type=click.Path(exists=True, file_okay=False), metavar="DIR", help="SARIF URIs are relative to this folder (default: the git top level, else the working folder)."),
    click.option("--sarif-help-uri", metavar="TEMPLATE", help="SARIF: each rule's helpUri from this template, e.g. https://example.org/rules/{code}.html (default: none; config sarif-help-uri)."),
    click.option("--show-info", is_flag=True, help="Show info findings in text output (hidden by default, counted in one line)."),
    click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None, help="Show only findings of this severity or worse, in every format (default: text output hides info, other formats show all); exit codes see all findings."),
    click.option("--quiet", "-q", is_flag=True, help="Text output: only the finding lines, no summary."),
    click.option("--verbose", "-v", is_flag=True, help="Text output: also one line for each file with no finding shown."),
    click.option("--statistics", is_flag=True, help="Text output: the number of findings per code instead of the findings."),
    click.option("--show-source", is_flag=True, help="Text output: the source line under each finding (±40 characters of a long line) with a caret."),
    click.option("--baseline", type=click.Path(exists=True, dir_okay=False), metavar="FILE", help="Hide the findings recorded in this baseline; report those gone (X903)."),
    click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE", help="Record this run's findings as a baseline (after selection, suppressions, waivers)."),
]


def _with_selection(fn):
    for opt in reversed(_selection):
        fn = opt(fn)
    return fn


# How text output looks, for every command that writes findings as text (check, show).
_view = [
    click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour text output (auto: on a terminal, unless NO_COLOR is set)."),
    click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the tool's own text (summary, hints, labels, usage errors; findings stay Chinese). Default: the locale (en… gives English), else zh."),
]


def _with_view(fn):
    for opt in reversed(_view):
        fn = opt(fn)
    return fn


def _view_of(color: str, lang: str | None, stream) -> tuple[bool, str]:
    """--color and --lang as booleans and a language, for this output stream (textview)."""
    from . import textview

    return textview.color_of(color, stream, os.environ), textview.lang_of(lang, os.environ)


# What a write to a full disk, a closed or vanished stdout, or a broken device raises.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EPIPE}


class _ClosedStdout(io.TextIOBase):
    """Stands in for the standard output a process was started without: click drops what is
    echoed to a missing stdout silently (exit 0), so every write fails here instead and the
    command ends with one line and exit 2, as a full disk does."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, clilang.t("standard output is closed"))


class _Context(click.Context):
    def make_formatter(self):
        """Chinese help pages wrapped by terminal columns (clilang.WideFormatter)."""
        if clilang.current() != "zh":
            return super().make_formatter()
        return clilang.WideFormatter(width=self.terminal_width, max_width=self.max_content_width)


class _Localized:
    """Help pages in the run's language: the help of the command and of its options (and the
    short help of a group's commands) swapped for clilang.HELP's while the page is written."""

    context_class = _Context

    def format_help(self, ctx, formatter):
        params = [p for p in self.get_params(ctx) if getattr(p, "help", None)]
        saved = self.help, [p.help for p in params]
        self.help = clilang.help_text(self.help)
        for p in params:
            p.help = clilang.help_text(p.help)
        try:
            super().format_help(ctx, formatter)
        finally:
            self.help = saved[0]
            for p, text in zip(params, saved[1]):
                p.help = text

    def get_short_help_str(self, limit: int = 45) -> str:
        saved, self.help = self.help, clilang.help_text(self.help)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = saved


class _Command(_Localized, click.Command):
    pass


class _Group(_Localized, click.Group):
    command_class = _Command
    group_class = type  # subgroups are _Group too


class _Main(_Group):
    def main(self, args=None, *rest, **kw):
        """Usage errors in the run's language (clilang.py), chosen before click parses."""
        args = sys.argv[1:] if args is None else list(args)
        clilang.install(clilang.choose(args))
        return super().main(args, *rest, **kw)

    def make_context(self, *args, **kw):
        with _usage_errors():
            return super().make_context(*args, **kw)

    def invoke(self, ctx):
        with _usage_errors():
            return self._invoke(ctx)

    def _invoke(self, ctx):
        """Ctrl-C ends the run with exit 130 and one line (click's default is "Aborted!" and 1);
        output that cannot be written (``disclint rules > /dev/full``, a closed stdout) one line and exit 2."""
        if sys.stdout is None:
            sys.stdout = _ClosedStdout()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _silence_stdout()
            try:
                _say("interrupted")
            except Exception:
                pass
            # The worker pool was killed on the way out; at exit Python 3.11's
            # concurrent.futures may then wake its closed pipe (a race fixed in 3.12) and
            # print "Exception ignored … Bad file descriptor": the run has said all it has to.
            sys.unraisablehook = lambda _unraisable: None
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:
            if exc.errno not in _WRITE_ERRORS:
                raise
            _silence_stdout()
            if not isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): not an error of ours
                _say("cannot write the output: {problem}", problem=exc.strerror or str(exc))
            sys.exit(0 if isinstance(exc, BrokenPipeError) else EXIT_TOOL)


@contextmanager
def _usage_errors():
    """A usage error in Chinese is written by clilang (click's own words for the usage line and
    hint); in English click writes it as it always does. Exit 2 either way."""
    try:
        yield
    except click.UsageError as exc:
        if clilang.current() == "en":
            raise
        clilang.show(exc)
        sys.exit(exc.exit_code)


# --lang for the commands whose only text is the tool's own (the language is chosen from the
# command line before click parses it, clilang.choose; the option is here to be accepted and shown).
_lang = click.option("--lang", type=click.Choice(["zh", "en"]), default=None, expose_value=False,
                     help="Language of the tool's own text (default: the locale, en… gives English, else zh).")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="disclint")
@_lang
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
@click.option("--explain", is_flag=True, help="Say on stderr, for each file, which rule sets were applied and why.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write the report here instead of standard output.")
@_with_selection
@_with_view
def check(paths, config_path, ruleset, rule_files, fmt, fail_level, today, organ_kind, jobs, time_limit, progress, exit_zero, explain, output, **chosen) -> None:
    """Check reports (files or folders of .txt .md .html .htm .docx .pdf)."""
    cfg = _config(config_path)
    chosen["sarif_help_uri"] = _help_uri(chosen["sarif_help_uri"]) or cfg.sarif_help_uri
    linter = _make_linter(ruleset, rule_files, today, organ_kind, cfg)
    policy = _policy(linter, chosen, cfg if config_path else None, paths)
    policy.fail_level, policy.default_fail_level = fail_level, cfg.fail_level or "error"  # a file's own config may set it
    available = _reporters(linter, [fmt, *(f.partition(":")[0] for f in chosen["output_format"])])
    if fmt not in available:
        raise click.BadParameter(clilang.t("unknown format {name!r} (available: {available})", name=fmt, available=", ".join(sorted(available))), param_hint="--format")
    targets = _targets(chosen["output_format"], fmt, available)  # a usage error before any checking
    jobs = min(jobs or cpu_count(), cpu_count())  # more processes than CPUs only cost memory
    linter.time_limit = time_limit
    show = progress if progress is not None else sys.stderr.isatty()
    history = _history(policy, linter, paths, chosen["history"], chosen["find_history"])
    past = {os.path.abspath(p) for p in history}  # last year's reports, read for the cross-year rules only
    stream = _open_output(output)
    seen: list = []
    internal = 0

    def finished():
        # Each file as it finishes, after selection, suppressions, waivers and baseline (one file at a
        # time); stderr notes for internal errors; every result kept for the exit code. Then what is
        # known only at the end (X902 expired waivers, X903 baseline entries gone), marked cross.
        nonlocal internal
        from . import results_cache

        for result in results_cache.stream(linter, [*paths, *history], jobs=jobs, progress=_progress_bar if show else None, context=past):
            if explain:
                context = past and os.path.abspath(result.path) in past
                lines = [("read as last year's report, for the rules across reports only", {})] if context else result.explained
                for template, values in lines:
                    click.echo(f"{escape(result.path)}: {escape(clilang.t(template, **values))}", err=True)
            for message in result.internal_errors:  # the engine's words kept (SARIF's notifications carry them too)
                _say("{problem} (please report this)", problem=message)
                internal += 1
            if past and os.path.abspath(result.path) in past:
                continue
            result = policy.apply(result)
            seen.append(result)
            yield result
        for result in policy.finish():
            result.cross = True
            seen.append(result)
            yield result

    writing = output  # where a failed write went, for its message
    try:
        if len(targets) == 1 and getattr(available[targets[0][0]], "streams", False):
            fmt, target = targets[0]
            writing = target or output
            with _target(stream, target) as fh:
                _write(available, fmt, finished(), fh, chosen, linter)  # written file by file as each finishes
        else:
            results = _fold(list(finished()))
            for fmt, target in targets:
                writing = target or output
                with _target(stream, target) as fh:
                    _write(available, fmt, results, fh, chosen, linter)
        writing = output
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`disclint check … | head`): not an error of ours.
        _silence_stdout()
        sys.exit(EXIT_FINDINGS if policy.fails(seen) and not exit_zero else 0)
    except OSError as exc:  # a full disk, a closed stdout: one clear line
        _silence_stdout()
        _say("cannot write the report to standard output: {problem}" if writing == "-" else "cannot write the report to {file}: {problem}", file=writing, problem=exc.strerror or str(exc))
        sys.exit(EXIT_TOOL)
    except Exception as exc:  # a reporter plugin's bug must not end in a traceback
        _say("reporter {name!r} failed: {problem}", name=fmt, problem=f"{type(exc).__name__}: {exc}")
        sys.exit(EXIT_TOOL)
    finally:
        if stream is not sys.stdout:
            try:
                stream.close()
            except OSError:
                pass
    if chosen["write_baseline"]:
        n = policy.write_baseline(Path(chosen["write_baseline"]))
        _say("{n} finding(s) recorded in {file}", n=n, file=chosen["write_baseline"])
    if internal:
        sys.exit(EXIT_TOOL)
    if not exit_zero and policy.fails(seen):
        sys.exit(EXIT_FINDINGS)


def _help_uri(template: str | None) -> str | None:
    """--sarif-help-uri, checked as the config's sarif-help-uri is (reporters/sarif.py)."""
    if template is None:
        return None
    from .reporters import sarif

    if not sarif.help_uri_ok(template):
        raise click.BadParameter(clilang.t(sarif.HELP_URI_FAULT, key="--sarif-help-uri", value=template), param_hint="--sarif-help-uri")
    return template


def _policy(linter, chosen: dict, forced_cfg, paths):
    """The selection, suppressions, waivers and baseline of this run (postcheck.py), all checked before any report is read."""
    from . import postcheck
    from . import baseline as baseline_mod
    from .selection import SEVERITIES, Layer, PerFileIgnore, check_selectors, parse_codes

    known = postcheck.known_codes(linter)

    def codes(option: str):
        values = [c for v in chosen[option.replace("-", "_")] for c in parse_codes(v)]
        bad = check_selectors(values, known)
        if bad:
            raise click.BadParameter(clilang.t("no rule code starts with {codes}", codes=", ".join(bad)), param_hint=f"--{option}")
        return values

    layer = Layer("command line", select=codes("select") or None, extend_select=codes("extend-select"), ignore=codes("ignore"), extend_ignore=codes("extend-ignore"))
    cli = postcheck.CommandLine(layer if (layer.select or layer.extend_select or layer.ignore or layer.extend_ignore) else None)
    for item in chosen["severities"]:
        code, _, level = item.partition("=")
        if level not in SEVERITIES or check_selectors([code.upper()], known):
            raise click.BadParameter(clilang.t("{item!r}: give CODE=error|warning|info with a known code or prefix", item=item), param_hint="--severity")
        cli.severity.append((code.upper(), level, "command line"))
    per_file = []
    for item in chosen["per_file"]:
        glob, _, listed = item.rpartition(":")
        values = parse_codes(listed)
        if not glob or not values or check_selectors(values, known):
            raise click.BadParameter(clilang.t("{item!r}: give GLOB:CODES with known codes or prefixes", item=item), param_hint="--per-file-ignores")
        per_file.append(PerFileIgnore(glob, Path.cwd(), values, "command line"))
    try:
        base = baseline_mod.load(Path(chosen["baseline"])) if chosen["baseline"] else None
    except baseline_mod.BaselineError as exc:
        click.echo(escape(f"disclint: {exc}"), err=True)
        sys.exit(EXIT_TOOL)
    policy = postcheck.Policy(_RuleSetup(linter), linter.options.today, cli, forced_cfg.settings if forced_cfg else None, base, bool(chosen["write_baseline"]))
    policy.extra_per_file = per_file
    try:
        postcheck.prepare(policy, linter.collect(paths))
    except config.settings.ConfigError as exc:
        click.echo(escape(f"{exc.origin}: {exc.message}"), err=True)
        sys.exit(EXIT_TOOL)
    return policy


class _Kind:
    def __init__(self, collects: bool):
        self.collect = True if collects else None


class _RuleSetup:
    """What the selection, suppressions and waivers need of the run's linter (postcheck.Policy):
    its rule sets, file endings and which checker kinds collect across reports, all known
    without importing the plugins (engine.Linter.setup), so a run answered from the results
    cache imports none."""

    def __init__(self, linter):
        self.rulesets, self.extensions, self.collect = linter.rulesets, linter.extensions, linter.collect
        self.kinds = {name: _Kind(name in linter.collecting) for name in linter.kind_names}
        # the text the reader decoded for the file just checked, if any (a cached run has none:
        # the post-check then reads the file itself)
        self.decoded_source = linter.decoded_source


def _reporters(linter, wanted: list[str]) -> dict:
    """The output formats: the built-in ones alone when every format asked for is one of them
    (built-ins win their names whatever the plugins add, plugins.reporters), else all."""
    from .reporters.builtin import disclint_reporters

    own = disclint_reporters()
    return own if all(name in own for name in wanted) else reporters(linter.pm)


def _history(policy, linter, paths, given, find: bool) -> list[str]:
    """Last year's reports for B6xx: --history, the history: globs, and (unless --no-find-history
    or find-history: false) those found beside each report by organ and year (analysis/identity.py),
    year after year back as long as one is found, so a single staged file is compared as in a full run."""
    from . import results_cache
    from .postcheck import history_files

    files = linter.collect(paths)
    history = history_files(policy, files, given)
    if not find:
        return history
    looking = [p for p in files if _finds_history(policy, p)]
    return history + results_cache.found_history(linter, looking, [*files, *history])


def _finds_history(policy, path: str) -> bool:
    fs = policy.file_settings(path)
    setting = fs.get("find-history") if fs is not None else None
    return setting is None or setting.value is not False


def _targets(given, fmt, available):
    """(format, file or None for --output) for each --output-format FMT[:FILE]; else --format alone."""
    if not given:
        return [(fmt, None)]
    out = []
    for item in given:
        name, _, file = item.partition(":")
        if name not in available:
            raise click.BadParameter(clilang.t("unknown format {name!r} (available: {available})", name=name, available=", ".join(sorted(available))), param_hint="--output-format")
        out.append((name, file or None))
    if sum(f is None for _, f in out) > 1:
        raise click.BadParameter(clilang.t("only one format can go to standard output (or --output); give the others a :FILE"), param_hint="--output-format")
    return out


def _builtin(reporter, module: str) -> bool:
    """True for disclint's own reporter of that module (a plugin may register another under its name)."""
    from .reporters.builtin import _Lazy

    return reporter is getattr(sys.modules.get(f"disclint.reporters.{module}"), "report", None) or (
        isinstance(reporter, _Lazy) and reporter.module == module
    )


def _write(available, fmt, results, stream, chosen, linter) -> None:
    """One report in ``fmt``; the text format takes the view options (hidden info, excerpts,
    statistics), SARIF the rules' documentation, the source root and the sources for fingerprints,
    a reporter that shows rule sets and re-reads files (html) the run's linter."""
    from . import textview
    from .postcheck import source_lines

    reporter = available[fmt]
    floor = chosen["min_severity"] or ("info" if chosen["show_info"] else None)
    if fmt != "text" and chosen["min_severity"]:  # an explicit floor applies to every format
        hidden = _hide(results, textview.TextView(min_severity=chosen["min_severity"]))
        results = list(hidden) if isinstance(results, list) else hidden  # a whole-run reporter may read it twice
    if _builtin(reporter, "sarif"):
        def rules_of(d):
            rs = linter.rulesets.get(d.ruleset)
            return rs.rules.get(d.code) if rs else None

        from .reporters import sarif

        root = Path(chosen["sarif_root"]) if chosen["sarif_root"] else None
        sarif.report(results, stream, rules_of=rules_of, root=root, source=source_lines, help_uri=chosen["sarif_help_uri"])
        return
    if fmt != "text" or not _builtin(reporter, "text"):
        extra = {"linter": linter} if getattr(reporter, "wants_linter", False) else {}
        reporter(results, stream, **extra)
        return

    color, lang = _view_of(chosen["color"], chosen["lang"], stream)
    view = textview.TextView(chosen["quiet"], 0, textview.SourceView(source_lines) if chosen["show_source"] else None,
                             min_severity=floor or "warning", verbose=chosen["verbose"], color=color, lang=lang)
    shown = _hide(results, view)
    if chosen["statistics"]:
        textview.statistics(shown, stream)
        return
    reporter(shown, stream, view=view)


def _hide(results, view):
    """The results without the findings below ``view.min_severity``, one at a time; ``view.hidden``
    counts them, ``view.hidden_by`` per file (display only: exit codes see all). The text reporter
    reads the count after the last result."""
    from .textview import hide_info

    for r in results:
        shown, hidden = hide_info([r], view.min_severity)
        view.hidden += hidden
        if hidden:
            view.hidden_by[r.path] = view.hidden_by.get(r.path, 0) + hidden
        yield shown[0]


def _fold(results: list) -> list:
    """For reporters that take the whole run: the cross-report results folded into their files
    (engine.merge), and those for files not checked (a waiver file's X902) kept as their own."""
    checked = {r.path for r in results if not r.cross}
    own = [replace(r, cross=False) for r in results if r.cross and r.path not in checked]
    folded = merge([r for r in results if not r.cross or r.path in checked])
    accepted = {}
    for r in results:
        if r.cross and r.path in checked:
            accepted.setdefault(r.path, []).extend(getattr(r, "accepted", []))
    for r in folded:
        if r.path in accepted:
            r.accepted = [*getattr(r, "accepted", []), *accepted[r.path]]
    return sorted([*folded, *own], key=lambda r: r.path)


@contextmanager
def _target(stream, target):
    """--output (already open) for a format without :FILE, else its own file, closed after."""
    if target is None:
        yield stream
        return
    fh = _open_output(target)
    try:
        yield fh
    finally:
        fh.close()


@main.command("config")
@click.argument("path", type=click.Path(exists=True))
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the tool's own text (default: the locale, en… gives English, else zh).")
def show_config(path, lang) -> None:
    """Print the configuration that applies to PATH and where each value was written."""
    from . import settings, waivers

    found = settings.find(Path(path))
    try:
        loaded = settings.load(found) if found else None
        waiver_file = waivers.find(Path(path))
        listed = waivers.load(waiver_file) if waiver_file else []
    except settings.ConfigError as exc:
        click.echo(escape(f"{exc.origin}: {exc.message}"), err=True)
        sys.exit(EXIT_TOOL)
    for line in settings.describe(loaded):
        click.echo(line)
    if waiver_file:
        applying = [w for w in listed if Path(path).is_dir() or w.applies_to_file(path)]
        click.echo(clilang.t("waivers: {n} of {total} apply  ({file})", n=len(applying), total=len(listed), file=waiver_file))
        for w in applying:
            until = clilang.t(" until {day}", day=w.expires) if w.expires else ""
            click.echo(escape(f"  {w.code} {w.path}" + (f" place={w.place}" if w.place else "") + (f" text={w.text}" if w.text else "") + until + f": {w.reason}  ({w.origin})"))

def _open_output(output: str):
    if output == "-":
        if sys.stdout is None or isinstance(sys.stdout, _ClosedStdout):  # started with stdout closed
            _say("cannot write the report: standard output is closed")
            sys.exit(EXIT_TOOL)
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        _say("cannot write the report to {file}: {problem}", file=output, problem=exc.strerror or str(exc))
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
@click.option("--find-history/--no-find-history", default=True, help="Read last year's report found beside FILE for the cross-year checks (as check does).")
@_with_view
def show_file(file, config_path, ruleset, rule_files, fmt, today, find_history, color, lang) -> None:
    """Show what disclint read in one report: the six parts, the tables with their values, the findings."""
    from . import show

    linter = _make_linter(ruleset, rule_files, today, None, _config(config_path))
    color, lang = _view_of(color, lang, sys.stdout)
    click.echo(show.render(linter, file, fmt, find_history, lang=lang, color=color), nl=False, color=color)


@main.command("rules")
@_with_common
@_lang
def list_rules(config_path, ruleset, rule_files) -> None:
    """List the rule sets and their rules."""
    linter = _make_linter(ruleset, rule_files, None, None, _config(config_path))
    chosen = [linter.forced] if linter.forced else sorted((rs for rs in linter.rulesets.values() if rs.selectable), key=lambda r: (r.applies_from or 0))
    for rs in chosen:
        years = _years(rs)
        click.echo(f"{rs.name}: {rs.title} [{years}]" + (f" — {rs.basis}" if rs.basis else ""))
        for rule in rs.rules.values():
            state = "" if rule.enabled else clilang.t(" (disabled)")
            click.echo(f"  {rule.id:<6} {rule.severity:<8} {rule.name}{state}")
        click.echo("")


def _years(rs) -> str:
    if rs.applies_from and rs.applies_to:
        return f"{rs.applies_from}–{rs.applies_to}"
    if rs.applies_from:
        return f"{rs.applies_from}–"
    if rs.applies_to:
        return f"–{rs.applies_to}"
    return clilang.t("building block")


@main.command("rule")
@click.argument("code")
@_with_common
@_lang
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
        _say("no rule {code!r}; `disclint rules` lists them", code=code)
        sys.exit(EXIT_TOOL)
    for rule, used_by in found.values():
        selectable = [n for n in used_by if linter.rulesets[n].selectable]
        t = clilang.t  # the frame in the run's language; the rule's own text as written (Chinese)
        click.echo(f"{rule.id} ({rule.name})")
        click.echo(t("  severity: {severity}    checker: {check}    defined in: {ruleset}", severity=rule.severity, check=rule.check, ruleset=rule.ruleset))
        if selectable:
            click.echo(t("  used by: {names}", names=", ".join(sorted(selectable))))
        if rule.basis:
            click.echo(t("  basis: {basis}", basis=rule.basis))
        click.echo(t("  message: {text}", text=rule.message))
        kind = linter.kinds.get(rule.check)
        if kind is not None and kind.doc:
            click.echo(t("  checker kind {name}: {doc} (`disclint kinds` lists its parameters)", name=kind.name, doc=kind.doc))
        for title, text in (("What it checks", rule.description), ("Why", rule.why), ("Fails", rule.example_fail), ("Passes", rule.example_pass)):
            if text:
                click.echo("\n" + t("{title}:", title=t(title)))
                for line in text.rstrip().splitlines():
                    click.echo(f"    {line}")
        if rule.example_as:
            click.echo("\n" + t("(The examples are the file {name} written beside {within}, which is checked with it.)", name=rule.example_as, within=rule.example_within))
        elif rule.example_within:
            click.echo("\n" + t("(The examples are parts of a complete report: each part shown replaces that part of {within},"
                                 " each table row shown the row of its label.)", within=rule.example_within))
        if rule.example_previous:
            click.echo(t("(Last year's report, checked with them: {previous}.)", previous=rule.example_previous))
        for i, ex in enumerate(rule.examples, 1):  # the rule's own tests (`disclint test-rules`)
            gives = ", ".join(ex["expect"]) or t("no {code}", code=rule.id)
            head = t("Example {i} (gives {gives})", i=i, gives=gives)
            click.echo("\n" + (t("{head}: {file}", head=head, file=ex["file"]) if "file" in ex else t("{title}:", title=head)))
            for line in ex.get("text", "").rstrip().splitlines():
                click.echo(f"    {line}")
        click.echo("")


@main.command("kinds")
@_with_common
@_lang
def list_kinds(config_path, ruleset, rule_files) -> None:
    """List the checker kinds rules can use: parameters (type, required, doc) and placeholders."""
    linter = _make_linter(ruleset, rule_files, None, None, _config(config_path))
    for name in sorted(linter.kinds):
        kind = linter.kinds[name]
        click.echo(f"{name}: {kind.doc}" if kind.doc else name)
        for p in kind.params:
            types = p.type if isinstance(p.type, tuple) else (p.type,)
            shown = "|".join("any" if t is object else t.__name__ for t in types)
            choices = getattr(p, "choices", None)
            typed = clilang.t("{types}, required", types=shown) if p.required else shown
            extra = clilang.t(" choices: {choices}", choices=", ".join(map(str, choices))) if choices else ""
            head = clilang.t("  param {name} ({types}){choices}", name=p.name, types=typed, choices=extra)
            click.echo(clilang.t("{head}: {doc}", head=head, doc=p.doc) if p.doc else head)
        listed = ", ".join("{" + x + "}" for x in kind.placeholders) or clilang.t("none")
        click.echo(clilang.t("  placeholders: {names}", names=listed))
        click.echo("")


@main.command("test-rules")
@click.argument("path", type=click.Path(exists=True))
@click.option("--docs", is_flag=True, help="Also run every rule's documented failing and passing example (doc: fail/pass).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Use this .disclint.yaml instead of the nearest one.")
@_lang
def test_rules(path, docs, config_path) -> None:
    """Run the examples of the rules written in PATH (a rule-set file or folder); exit 1 if one fails."""
    from .rules import examples

    linter = _make_linter(None, [path], None, None, _config(config_path))
    pairs = examples.defined_under(linter.rulesets, Path(path))
    outcomes = examples.run(linter, pairs, docs=docs)
    by_rule: dict[str, list] = {}
    for o in outcomes:
        by_rule.setdefault(o.code, []).append(o)
    for code, items in by_rule.items():
        bad = [o for o in items if not o.ok]
        click.echo(clilang.t("FAIL {code} ({ok}/{n} examples)" if bad else "ok   {code} ({ok}/{n} examples)", code=code, ok=len(items) - len(bad), n=len(items)))
        for o in bad:
            click.echo(escape(f"  {o.where}: " + clilang.t("{head}: {doc}", head=o.label, doc=o.detail)))
    failed = sum(1 for o in outcomes if not o.ok)
    untested = len(pairs) - len(by_rule)
    click.echo("disclint: " + clilang.t("{n} example(s) of {rules} rule(s): {passed} passed, {failed} failed", n=len(outcomes), rules=len(by_rule), passed=len(outcomes) - failed, failed=failed)
               + (clilang.t("; {n} rule(s) have no examples", n=untested) if untested else ""))
    sys.exit(1 if failed else 0)


@main.group("cache")
@_lang
def cache_group() -> None:
    """The cached rule sets and results (parsed rule-set files, earlier runs' findings, kept in the user cache folder)."""


@cache_group.command("clear")
@_lang
def cache_clear() -> None:
    """Remove the cached rule sets and results; the next run parses the rule-set files and checks every file again."""
    from .rules import cache

    n = cache.clear()
    click.echo(escape("disclint: " + clilang.t("removed {n} cached file(s) from {folder} (rule sets, entry points, report titles, results)", n=n, folder=cache.cache_dir())))


@cache_group.command("dir")
@_lang
def cache_dir() -> None:
    """Print the cache folder."""
    from .rules import cache

    click.echo(str(cache.cache_dir()))


if __name__ == "__main__":  # pragma: no cover
    main()

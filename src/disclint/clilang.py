"""Usage errors in the language of the rest of the tool's own text (``--lang``, the locale).

click writes its usage errors (an unknown option, a missing argument, a bad choice) in
English through gettext. Its message catalogue for Chinese is given here and put in the
place of click's gettext functions, so each message is translated where click builds it;
the language is chosen from the command line before click parses it (``--lang`` may come
after the error). Help pages stay English (their option texts are), so only the messages
of errors are in the catalogue; the usage line and the hint are written by :func:`show`.
"""

from __future__ import annotations

import os
import re

import click

from .textview import lang_of

# click's message ids (click 8.x) and their Chinese. A message not listed stays English.
ZH = {
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行「{command} {option}」查看帮助。",
    "Usage: {command} {pieces}": "用法：{command} {pieces}",  # written by show(), not click
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受取值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个取值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数（{number_type}）。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的布尔值。可用的值：{states}",
    # {name} (file, directory, path) is set when the options are declared, in English: left out
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是一个文件。",
    "{name} {filename!r} is a directory.": "{filename!r} 是一个目录。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Aborted!": "已中止。",
    # disclint's own usage errors (cli.py)
    "{value!r} is not a date in the form YYYY-MM-DD": "{value!r} 不是 YYYY-MM-DD 形式的日期",
    "unknown format {name!r} (available: {available})": "没有格式 {name!r}（可用：{available}）",
    "only one format can go to standard output (or --output); give the others a :FILE": "只能有一种格式写到标准输出（或 --output），其他格式请写明 :FILE",
    "no rule code starts with {codes}": "没有以 {codes} 开头的规则代码",
    "{item!r}: give CODE=error|warning|info with a known code or prefix": "{item!r}：应写作 CODE=error|warning|info，代码或前缀须存在",
    "{item!r}: give GLOB:CODES with known codes or prefixes": "{item!r}：应写作 GLOB:CODES，代码或前缀须存在",
    # disclint's own lines on stderr (cli.py) and `disclint config`
    "{n} fault(s) in rule sets; nothing was checked": "规则集中有{n}处错误，未检查任何文件",
    "interrupted": "已中断",
    "standard output is closed": "标准输出已关闭",
    "cannot write the output: {problem}": "无法写出输出：{problem}",
    "cannot write the report to standard output: {problem}": "无法将报告写到标准输出：{problem}",
    "cannot write the report to {file}: {problem}": "无法将报告写到 {file}：{problem}",
    "cannot write the report: standard output is closed": "无法写出报告：标准输出已关闭",
    "reporter {name!r} failed: {problem}": "输出格式 {name!r} 出错：{problem}",
    "{n} finding(s) recorded in {file}": "已将{n}条发现记入基线 {file}",
    "(no configuration file: defaults)": "（没有配置文件：使用默认设置）",
    "configuration: {files}": "配置文件：{files}",
    "waivers: {n} of {total} apply  ({file})": "豁免：{total}条中{n}条适用  （{file}）",
    " until {day}": " 有效至{day}",
    # faults in configuration and waiver files (settings.py, waivers.py, postcheck.py), after file:line:col
    "unknown setting `{key}` (known: {known})": "未知设置项「{key}」（可用：{known}）",
    "`extend` chain longer than {most} files (a loop?)": "「extend」链超过{most}个文件（是否循环引用？）",
    "`extend` names {value!r}, which is not a file": "「extend」指向的 {value!r} 不是文件",
    "cannot read configuration: not a regular file ({what})": "无法读取配置：不是普通文件（{what}）",
    "cannot read configuration: larger than {kb} KB": "无法读取配置：超过{kb} KB",
    "cannot read configuration: {problem}": "无法读取配置：{problem}",
    "the configuration must be a mapping of settings": "配置文件应为「设置项: 值」的映射",
    # (YAML and TOML syntax and nesting faults stay as the parsers and safe_yaml.py say them)
    "[{table}] must be a table": "[{table}] 应为表",
    "`{key}` must be one of {choices}, not {value!r}": "「{key}」应为 {choices} 之一，而不是 {value!r}",
    "`ruleset` must be a rule-set name or path": "「ruleset」应为规则集名称或路径",
    "`{key}` must be a path or a list of paths": "「{key}」应为路径或路径列表",
    "`find-history` must be true or false": "「find-history」应为 true 或 false",
    "`extend` must be the path of another configuration file": "「extend」应为另一个配置文件的路径",
    "`per-file-ignores` must map a file glob to codes or prefixes": "「per-file-ignores」应将文件通配符映射到代码或前缀",
    "`severity` must map a code or prefix to error, warning or info": "「severity」应将代码或前缀映射到 error、warning 或 info",
    "`severity` of {code}: must be one of {choices}, not {value!r}": "「severity」中 {code} 的级别应为 {choices} 之一，而不是 {value!r}",
    "`{key}` must list rule codes or prefixes such as S1, T206 or ALL": "「{key}」应列出规则代码或前缀，如 S1、T206 或 ALL",
    "`{key}`: no rule code starts with {codes}": "「{key}」：没有以 {codes} 开头的规则代码",
    "cannot read waivers: not a regular file ({what})": "无法读取豁免文件：不是普通文件（{what}）",
    "waiver file larger than {kb} KB": "豁免文件超过{kb} KB",
    "cannot read waivers: {problem}": "无法读取豁免文件：{problem}",
    "the waiver file must be a list of waivers (- path: … code: … reason: …)": "豁免文件应为豁免条目的列表（- path: … code: … reason: …）",
    "a waiver must be a mapping with path, code and reason": "每条豁免应为含 path、code 和 reason 的映射",
    "unknown waiver key `{key}` (known: {known})": "未知豁免键「{key}」（可用：{known}）",
    "a waiver needs `reason` (why the finding is accepted)": "豁免须写明「reason」（为何接受该发现）",
    "a waiver needs `{key}`": "豁免须写明「{key}」",
    "`expires` must be a date YYYY-MM-DD, not {value!r}": "「expires」应为 YYYY-MM-DD 形式的日期，而不是 {value!r}",
    "`{key}` must be text": "「{key}」应为文本",
    # baseline files (baseline.py)
    "{file}: not a disclint baseline (version {version})": "{file}：不是 disclint 基线文件（版本{version}）",
    "{file}: a baseline entry needs path, code and fingerprint": "{file}：基线条目须有 path、code 和 fingerprint",
    "{file}: cannot read the baseline: {problem}": "{file}：无法读取基线：{problem}",
    "{file}: cannot read the baseline: nested too deeply": "{file}：无法读取基线：嵌套过深",
    "{file}: cannot read the baseline: not a regular file ({what})": "{file}：无法读取基线：不是普通文件（{what}）",
}

# The modules of click that build the messages of usage errors.
_CLICK_MODULES = ("core", "exceptions", "parser", "types")

_lang = "zh"


def current() -> str:
    return _lang


def gettext_(message: str) -> str:
    return ZH.get(message, message) if _lang == "zh" else message


def ngettext_(singular: str, plural: str, n: int) -> str:
    return gettext_(singular if n == 1 else plural)


def choose(args: list[str], environ=os.environ) -> str:
    """The language for this run: the last ``--lang X`` or ``--lang=X`` on the command line,
    else the locale, else Chinese (textview.lang_of); an unknown value counts as not given."""
    given = None
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        elif a.startswith("--lang="):
            given = a.partition("=")[2]
    return lang_of(given if given in ("zh", "en") else None, environ)


def install(lang: str) -> None:
    """Make click's messages (and :func:`t`) come in ``lang`` from now on."""
    global _lang
    _lang = lang
    import importlib

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is not None:
            module._ = gettext_
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = ngettext_


def t(message: str, **values) -> str:
    """One of disclint's own usage-error messages in the run's language."""
    return gettext_(message).format(**values)


def show(exc: click.UsageError) -> None:
    """A usage error as click shows it (usage line, hint, error), with the usage line's and the
    hint's words in the run's language; on stderr."""
    ctx = exc.ctx
    lines = []
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        lines.append(gettext_("Usage: {command} {pieces}").format(command=ctx.command_path, pieces=pieces).rstrip())
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            lines.append(gettext_("Try '{command} {option}' for help.").format(command=ctx.command_path, option=option))
        lines.append("")
    message = exc.format_message()
    if _lang == "zh" and isinstance(exc, click.MissingParameter):
        # click ends 「缺少参数 'PATH'」 with an ASCII full stop of its own, outside the catalogue
        message = re.sub(r"\.(?= |$)", "。", message, count=1)
    if _lang == "zh":  # click joins its sentences with an ASCII space: none after full-width punctuation
        message = re.sub(r"(?<=[。？）」])\s+(?=[（「\u4e00-\u9fff])", "", message)
    lines.append(gettext_("Error: {message}").format(message=message))
    click.echo("\n".join(lines), err=True, color=ctx.color if ctx is not None else None)

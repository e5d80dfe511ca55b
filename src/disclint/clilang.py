"""Usage errors in the language of the rest of the tool's own text (``--lang``, the locale).

click writes its usage errors (an unknown option, a missing argument, a bad choice) in
English through gettext. Its message catalogue for Chinese is given here and put in the
place of click's gettext functions, so each message is translated where click builds it;
the language is chosen from the command line before click parses it (``--lang`` may come
after the error); the usage line and the hint are written by :func:`show`. Help pages take
click's words from the same catalogue and the help texts of disclint's commands and options
from :data:`HELP` (cli.py's ``_Localized`` puts them in at the time the page is written).
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
    # check --explain (engine.explain, rules/compose.py)
    "report year {year}": "报告年度 {year}",
    "report year not found: the newest format's rule sets ({fallback}) apply": "未能确定报告年度：按最新格式的规则集（{fallback}）检查",
    "no rule set applies to report year {year}: the newest format's rule sets ({fallback}) apply": "没有适用于报告年度 {year} 的规则集：按最新格式的规则集（{fallback}）检查",
    "applied {name} ({file}): applies-to {years} contains {year}": "应用 {name}（{file}）：适用年度 {years} 包含 {year}",
    "applied {name} ({file}): applies-to {years}": "应用 {name}（{file}）：适用年度 {years}",
    "{name} is applied as part of {by}, which extends it": "{name} 随 {by} 一并应用（{by} 扩展了它）",
    "--ruleset {name}: this one rule set for every file, whatever its report year": "--ruleset {name}：所有文件都用这一个规则集，不论报告年度",
    "read as last year's report, for the rules across reports only": "作为上一年度报告读取，只用于跨年度核对",
    # click's words on help pages and --version (the help texts themselves: HELP below)
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "default: {default}": "默认：{default}",
    "required": "必需",
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
    "cannot load the plugins: {problem}": "无法加载插件：{problem}",
    "{problem} (please report this)": "内部错误，请报告：{problem}",
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
    # `disclint rules`, `rule CODE`, `kinds`, `test-rules`, `cache clear` (cli.py): the frame around
    # the rules' own text (Chinese) and the checker kinds' docs (English, written in the plugins)
    " (disabled)": "（已停用）",
    "building block": "构件，不单独选用",
    "no rule {code!r}; `disclint rules` lists them": "没有规则 {code!r}；`disclint rules` 列出全部规则",
    "  severity: {severity}    checker: {check}    defined in: {ruleset}": "  级别：{severity}    检查器：{check}    定义于：{ruleset}",
    "  used by: {names}": "  所在规则集：{names}",
    "  basis: {basis}": "  依据：{basis}",
    "  message: {text}": "  消息：{text}",
    "  checker kind {name}: {doc} (`disclint kinds` lists its parameters)": "  检查器类型 {name}：{doc}（`disclint kinds` 列出其参数）",
    "{title}:": "{title}：",
    "{head}: {file}": "{head}：{file}",
    "{head}: {doc}": "{head}：{doc}",
    "What it checks": "检查什么",
    "Why": "为什么",
    "Fails": "不通过的写法",
    "Passes": "通过的写法",
    "(The examples are the file {name} written beside {within}, which is checked with it.)": "（示例是写在 {within} 旁边的文件 {name}，与该报告一起检查。）",
    "(The examples are parts of a complete report: each part shown replaces that part of {within}, each table row shown the row of its label.)":
        "（示例是完整报告的片段：所示的每个部分替换 {within} 中的同一部分，所示的每个表格行替换同一标签的行。）",
    "(Last year's report, checked with them: {previous}.)": "（与示例一起检查的上一年度报告：{previous}。）",
    "Example {i} (gives {gives})": "示例{i}（应得 {gives}）",
    "no {code}": "无 {code}",
    "{types}, required": "{types}，必需",
    " choices: {choices}": " 可选值：{choices}",
    "  param {name} ({types}){choices}": "  参数 {name}（{types}）{choices}",
    "  placeholders: {names}": "  占位符：{names}",
    "none": "无",
    "ok   {code} ({ok}/{n} examples)": "通过 {code}（{ok}/{n}个示例）",
    "FAIL {code} ({ok}/{n} examples)": "失败 {code}（{ok}/{n}个示例）",
    "{n} example(s) of {rules} rule(s): {passed} passed, {failed} failed": "{rules}条规则的{n}个示例：{passed}个通过，{failed}个失败",
    "; {n} rule(s) have no examples": "；{n}条规则没有示例",
    # the outcomes of rule examples (rules/examples.py), after "  file:line: "
    "example {i}": "示例{i}",
    "nothing": "无",
    "doc fail/pass": "说明中的 fail/pass 示例",
    "the rule is disabled in rule set {name}": "该规则在规则集 {name} 中已停用",
    "cannot read the example file: {problem}": "无法读取示例文件：{problem}",
    "expected {expect}, found {found}": "应得 {expect}，实得 {found}",
    "cannot read doc `within` {file}: {problem}": "无法读取说明的 `within` {file}：{problem}",
    "cannot read doc `previous` {file}: {problem}": "无法读取说明的 `previous` {file}：{problem}",
    "doc fail gives {n_fail} {code} (found {found}), doc pass gives {n_pass}": "fail 示例得到{n_fail}条 {code}（实得 {found}），pass 示例得到{n_pass}条",
    "removed {n} cached file(s) from {folder} (rule sets, entry points, report titles, results)": "已从 {folder} 删除{n}个缓存文件（规则集、入口点、报告标题、检查结果）",
    # faults in configuration and waiver files (settings.py, waivers.py, postcheck.py), after file:line:col
    "unknown setting `{key}` (known: {known})": "未知设置项「{key}」（可用：{known}）",
    "`extend` chain longer than {most} files (a loop?)": "「extend」链超过{most}个文件（是否循环引用？）",
    "`extend` names {value!r}, which is not a file": "「extend」指向的 {value!r} 不是文件",
    "cannot read configuration: not a regular file ({what})": "无法读取配置：不是普通文件（{what}）",
    "cannot read configuration: larger than {kb} KB": "无法读取配置：超过{kb} KB",
    "cannot read configuration: {problem}": "无法读取配置：{problem}",
    "the configuration must be a mapping of settings": "配置文件应为「设置项: 值」的映射",
    # (YAML syntax and nesting faults stay as safe_yaml.py says them: rule-set files share them and
    # tests read them; a TOML file's syntax fault gets a Chinese lead-in, tomllib's words kept)
    "TOML syntax error: {problem}": "TOML 语法错误：{problem}",
    "[{table}] must be a table": "[{table}] 应为表",
    "`{key}` must be one of {choices}, not {value!r}": "「{key}」应为 {choices} 之一，而不是 {value!r}",
    "`ruleset` must be a rule-set name or path": "「ruleset」应为规则集名称或路径",
    "`{key}` must be a path or a list of paths": "「{key}」应为路径或路径列表",
    "`{key}` must be an absolute http(s) URI with {{code}}, such as https://example.org/rules/{{code}}.html, not {value!r}":
        "「{key}」应为含 {{code}} 的 http(s) 绝对地址，如 https://example.org/rules/{{code}}.html，而不是 {value!r}",
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

# The modules of click that build the messages of usage errors and the words of help pages
# (section names, default, required; "Usage:" and the heading's colon: WideFormatter).
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


# -- help pages ------------------------------------------------------------------------------
# The help of each command and option is written in English where it is declared (cli.py) and
# shown in Chinese from this catalogue unless the run is English (:func:`help_text`); click's own
# words on the page (Usage:, Options, Commands, default, required) come from ZH above. A help text
# missing here stays English (tests/test_usage_lang.py lists every one of disclint's).
HELP = {
    "disclint: a compliance linter for 政府信息公开工作年度报告.": "disclint：政府信息公开工作年度报告的合规检查工具。",
    "Show the version and exit.": "显示版本并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Check reports (files or folders of .txt .md .html .htm .docx .pdf).": "检查报告（.txt .md .html .htm .docx .pdf 文件或文件夹）。",
    "Parse the rule-set files instead of using (and writing) the cached rule sets; read neighbouring reports' titles afresh; check every file instead of using (and writing) the results cache.":
        "直接解析规则集文件，不使用（也不写入）缓存的规则集；重新读取相邻报告的标题；检查每个文件，不使用（也不写入）结果缓存。",
    "Settings file (default: the nearest .disclint.yaml here or above).": "配置文件（默认：当前文件夹或上级文件夹中最近的 .disclint.yaml）。",
    "Use this rule set for every file instead of choosing by report year.": "对每个文件都使用此规则集，不按报告年度选择。",
    "Load extra rule-set YAML files or folders (a regulator's own rules). Repeatable.": "加载额外的规则集 YAML 文件或文件夹（主管部门自己的规则）。可重复。",
    "Output format: text, json, sarif, html (a review page), or one a plugin adds.": "输出格式：text、json、sarif、html（审阅页面），或插件提供的格式。",
    "Exit 1 when a finding of this severity or worse is found (default: error, or the config's fail-level).":
        "发现此级别或更严重的问题时以1退出（默认：error，或配置中的 fail-level）。",
    "Treat this as today's date (reproducible runs).": "把此日期当作今天（便于重现结果）。",
    "The kind of organ that publishes the report (default: inferred from the title).": "发布报告的机关类型（默认：从标题推断）。",
    "Check files in this many processes (0: one per CPU; at most one per CPU).": "用这么多个进程检查文件（0：每个CPU一个；最多每个CPU一个）。",
    "Time limit per file; a file that takes longer gets X009.": "每个文件的时间限制；超时的文件报告 X009。",
    "Show a progress bar on stderr (default: when stderr is a terminal and there are many files).": "在标准错误上显示进度条（默认：标准错误是终端且文件较多时显示）。",
    "Exit 0 even when findings reach --fail-level (tool errors still exit 2).": "即使问题达到 --fail-level 也以0退出（工具错误仍以2退出）。",
    "Say on stderr, for each file, which rule sets were applied and why.": "在标准错误上说明每个文件应用了哪些规则集及原因。",
    "Write the report here instead of standard output.": "把报告写到此文件，而不是标准输出。",
    "Report only these codes or prefixes (comma-separated; replaces the configuration's select).": "只报告这些代码或前缀（逗号分隔；取代配置中的 select）。",
    "Report these codes or prefixes as well.": "另外也报告这些代码或前缀。",
    "Do not report these codes or prefixes.": "不报告这些代码或前缀。",
    "Do not report these either.": "也不报告这些代码或前缀。",
    "Do not report these codes in files matching GLOB (as in .gitignore: * within a folder, ** across; relative to the working folder).":
        "在与 GLOB 匹配的文件中不报告这些代码（同 .gitignore：* 不跨文件夹，** 跨文件夹；相对于工作文件夹）。",
    "Report a code or prefix at error, warning or info.": "把某个代码或前缀按 error、warning 或 info 级别报告。",
    "Write the report in FMT to FILE (without :FILE to --output); repeatable, e.g. --output-format text --output-format sarif:x.sarif.":
        "以 FMT 格式把报告写到 FILE（不写 :FILE 则写到 --output）；可重复，如 --output-format text --output-format sarif:x.sarif。",
    "Also read these reports (files or folders) as last year's for the cross-year checks (B6xx); their own findings are not reported. Repeatable.":
        "另外读取这些报告（文件或文件夹）作为上一年度报告，供跨年度检查（B6xx）使用；它们自身的问题不报告。可重复。",
    "Look for last year's report of the same organ (by title: organ and year) beside each report and in a year-named sibling folder, for B6xx (default: on; config find-history).":
        "在每份报告旁边及以年度命名的同级文件夹中查找同一机关上一年度的报告（按标题：机关和年度），供 B6xx 使用（默认：开启；配置 find-history）。",
    "SARIF URIs are relative to this folder (default: the git top level, else the working folder).": "SARIF 中的 URI 相对于此文件夹（默认：git 顶层文件夹，否则为工作文件夹）。",
    "SARIF: each rule's helpUri from this template, e.g. https://example.org/rules/{code}.html (default: none; config sarif-help-uri).":
        "SARIF：按此模板生成每条规则的 helpUri，如 https://example.org/rules/{code}.html（默认：无；配置 sarif-help-uri）。",
    "Show info findings in text output (hidden by default, counted in one line).": "在文本输出中显示提示级问题（默认隐藏，只用一行计数）。",
    "Show only findings of this severity or worse, in every format (default: text output hides info, other formats show all); exit codes see all findings.":
        "各种格式都只显示此级别或更严重的问题（默认：文本输出隐藏提示，其他格式全部显示）；退出码依据全部问题。",
    "Text output: only the finding lines, no summary.": "文本输出：只输出问题行，不输出汇总。",
    "Text output: also one line for each file with no finding shown.": "文本输出：没有显示问题的文件也各输出一行。",
    "Text output: the number of findings per code instead of the findings.": "文本输出：输出每个代码的问题数，而不是问题本身。",
    "Text output: the source line under each finding (±40 characters of a long line) with a caret.": "文本输出：在每个问题下显示源文本行（长行显示前后40个字符）并用 ^ 标出位置。",
    "Hide the findings recorded in this baseline; report those gone (X903).": "隐藏此基线中记录的问题；报告已不再出现的条目（X903）。",
    "Record this run's findings as a baseline (after selection, suppressions, waivers).": "把本次检查的问题记为基线（在选择、抑制、豁免之后）。",
    "Colour text output (auto: on a terminal, unless NO_COLOR is set).": "文本输出着色（auto：输出到终端且未设置 NO_COLOR 时着色）。",
    "Language of the tool's own text (summary, hints, labels, usage errors; findings stay Chinese). Default: the locale (en… gives English), else zh.":
        "工具自身文字（汇总、提示、标签、用法错误）的语言；问题信息始终为中文。默认：按区域设置（en… 为英文），否则为中文。",
    "Language of the tool's own text (default: the locale, en… gives English, else zh).": "工具自身文字的语言（默认：按区域设置，en… 为英文，否则为中文）。",
    "Print the configuration that applies to PATH and where each value was written.": "显示适用于 PATH 的配置，以及每个值写在何处。",
    "List the checker kinds rules can use: parameters (type, required, doc) and placeholders.": "列出规则可用的检查器类型：参数（类型、是否必需、说明）和占位符。",
    "Print one rule's documentation: what it checks, why, a failing and a passing example.": "显示一条规则的说明：检查什么、为什么、不通过和通过的示例。",
    "List the rule sets and their rules.": "列出规则集及其规则。",
    "Show what disclint read in one report: the six parts, the tables with their values, the findings.": "显示 disclint 从一份报告中读到的内容：六个部分、各表格及其数值、发现的问题。",
    "text for a terminal, json for machines.": "text 供终端阅读，json 供程序处理。",
    "Read last year's report found beside FILE for the cross-year checks (as check does).": "读取在 FILE 旁边找到的上一年度报告，供跨年度检查使用（与 check 相同）。",
    "Run the examples of the rules written in PATH (a rule-set file or folder); exit 1 if one fails.": "运行 PATH（规则集文件或文件夹）中规则的示例；有示例不通过时以1退出。",
    "Also run every rule's documented failing and passing example (doc: fail/pass).": "同时运行每条规则说明中的不通过和通过示例（doc: fail/pass）。",
    "Use this .disclint.yaml instead of the nearest one.": "使用此 .disclint.yaml，而不是最近的那个。",
    "The cached rule sets and results (parsed rule-set files, earlier runs' findings, kept in the user cache folder).": "缓存的规则集和检查结果（解析后的规则集文件、以往运行的检查结果，保存在用户缓存文件夹中）。",
    "Remove the cached rule sets and results; the next run parses the rule-set files and checks every file again.": "删除缓存的规则集和检查结果；下次运行时重新解析规则集文件并重新检查每个文件。",
    "Print the cache folder.": "显示缓存文件夹。",
}


def help_text(text: str | None) -> str | None:
    """A command's or option's help in the run's language."""
    if text is None or _lang != "zh":
        return text
    return HELP.get(text, text)


_TOKEN = re.compile(r"\[[^\]\n]{1,40}\]|\s+|[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")
_NO_LINE_START = set("，。；：、）」』》？！")
_NO_LINE_END = set("（「『《[(")


def wrap(text: str, width: int, indent: str = "", subsequent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a CJK character takes two), broken
    between words and between CJK characters, never before a closing mark (，。）」…) nor after
    an opening one (（「[); click's short ``[default: …]`` stays whole."""
    from wcwidth import wcswidth

    def cols(s: str) -> int:
        n = wcswidth(s)
        return n if n >= 0 else len(s)

    lines, line = [], []  # the tokens of the line being filled

    def joined(tokens) -> str:
        return "".join(tokens).rstrip()

    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        first = indent if not lines else subsequent
        if line and cols(first + "".join(line) + token) > width:
            carried = []
            if token in _NO_LINE_START:  # a closing mark takes the word or character before it along
                while line and (line[-1] in _NO_LINE_START or line[-1].isspace()):
                    carried.insert(0, line.pop())
                if line:
                    carried.insert(0, line.pop())
            while line and line[-1] in _NO_LINE_END:  # an opening mark goes with what it opens
                carried.insert(0, line.pop())
            if joined(line):
                lines.append(first + joined(line))
                line = [t for t in carried if not (t.isspace() and t is carried[0])]
            else:  # nothing would be left: keep the line whole, overlong
                line += carried
        line.append(token)
    if joined(line):
        lines.append((indent if not lines else subsequent) + joined(line))
    return lines


class WideFormatter(click.HelpFormatter):
    """click's help formatter for Chinese help pages: the same layout, with the texts wrapped by
    terminal columns (:func:`wrap`) instead of characters, so a line of CJK text fits the width."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, gettext_("Usage: {command} {pieces}").partition("{")[0] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for paragraph in re.split(r"\n\s*\n", text):
            self.write("\n".join(wrap(paragraph, self.width, indent, indent)) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        from click.formatting import measure_table, term_len

        rows = list(rows)
        first_col = min(measure_table(rows)[0], col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if term_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - term_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

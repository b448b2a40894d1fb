/** `--help`, in both languages. */
import { pick } from '../../i18n.ts';
import type { Locale } from '../../types.ts';

export function helpText(locale: Locale): string {
  return pick(locale, { 'zh-CN': HELP_ZH, en: HELP_EN });
}

const HELP_ZH = `用法：xxgk-lint [选项] [文件、文件夹或通配符 ...]

检查以 Markdown 编写的政府信息公开工作年度报告。
不指定路径时，检查当前文件夹（含子文件夹）中的所有 .md 文件；
跳过 node_modules、.git 以及 .gitignore 和配置中 ignores 排除的文件。
明确指定的文件总会被检查（例如 .txt 文件）。Word（.docx）、网页（.html）和 PDF（.pdf）
格式的报告按其文字检查：明确指定或用通配符（如 'reports/**/*.docx'）；问题位置写作
“第 3 段”“表 2 第 5 行第 3 格”，--fix 不改写这些文件。

选项：
  -f, --format <格式>         输出格式：stylish（默认）、json、sarif、github、summary、html、
                              csv、xlsx、json-archive（summary：按机关和年份汇总各规则的错误和警告
                              数；html：可在浏览器中打开的网页，标出表格中有问题的单元格，多份报告
                              时附机关×年度概览；csv/xlsx：三张表的全部数据；json-archive：json
                              另附各报告的表格数据和逐年对比）
                              也可指定自定义格式模块，如 -f ./formatter.js（ESLint 写法）
      --locale <语言>         消息语言：zh-CN（默认，也可写 zh）、en
  -q, --quiet                 只显示错误，不显示警告
      --max-warnings <数量>   警告数超过该数量时以退出码 1 结束（-1：不限，默认）
  -c, --config <文件>         使用指定的配置文件（默认从当前文件夹向上查找
                              xxgk-lint.config.js、xxgk-lint.config.mjs、.xxgk-lint.json、
                              .xxgk-lint.jsonc 或含“xxgk-lint”键的 package.json，到仓库根目录
                              （含 .git 的文件夹）为止；DEBUG=xxgk-lint 显示所用配置）
      --no-code               不执行任何代码：拒绝 JavaScript 配置文件、插件和规则文件
                              （用于检查不受信任的代码）
      --report-unused-disable-directives
                              报告没有屏蔽任何问题的 xxgk-lint-disable 注释（ESLint 写法；
                              也可写 --report-unused-disable）
      --fix                   自动修复确定无误的问题并写回文件（保留原编码和换行符；
                              GB18030 文件不改写）；只报告修复后仍存在的问题
      --fix-dry-run           计算修复但不写回文件；json 格式的 output 字段给出修复后的文本
      --stdin                 从标准输入读取报告（也可写作路径 -）；与 --fix 一起使用时，
                              把修复后的全文输出到标准输出，问题输出到标准错误
      --stdin-filename <文件> 标准输入的文件名（用于结果中的路径）
      --verbose               列出因看起来不是年度报告而未检查的文件
      --concurrency <值>      检查所用的工作进程数：auto（默认：每 16 个文件一个，至少一个，
                              最多每个核心一个）、
                              off（在主进程中检查，不设单个文件的时限）或正整数
      --file-timeout <秒>     单个文件的检查时限（默认 10 秒，0 表示不限）；超时的文件报告为
                              该文件的错误，其余文件照常检查
      --cache                 只检查上次检查后有改动的文件（配置、规则或版本变化时全部重查）
      --cache-location <路径> 缓存文件或文件夹（默认 .xxgk-lint-cache）
      --shard <序号/总数>     只检查按路径稳定划分的一部分文件（如 2/4），供 CI 矩阵并行
      --suppress-all          把现有的全部错误按文件和规则记入抑制文件，以后只报告新增的
      --suppress-rule <规则>  只记录该规则的错误（可重复）
      --suppressions-location <文件>
                              抑制文件（默认当前文件夹的 xxgk-lint-suppressions.json）
      --prune-suppressions    从抑制文件中删除已不再出现的记录
      --pass-on-unpruned-suppressions
                              抑制文件中有不再出现的记录时不以退出码 2 结束
      --ignore-pattern <模式> 不检查匹配的文件（.gitignore 语法，可重复；
                              也可在路径参数前加 ! 排除，如 '!drafts/**'）
      --no-ignore             不使用配置中的 ignores 和 --ignore-pattern（直接指定的被忽略文件
                              默认跳过并给出警告）
      --rule <规则设置>       覆盖配置中的规则设置（ESLint 写法，可重复），如
                              --rule 'table-sums: off'、--rule '{"table-sums": "warn"}'
      --no-config-lookup      不查找配置文件（仍使用 --config 指定的文件）
      --print-config <文件>   显示检查该文件时使用的配置（JSON），不做检查
      --color, --no-color     强制使用或不使用颜色（默认：终端中使用，遵循 NO_COLOR）
  -o, --output-file <文件>    把结果写入文件，而不是输出到终端
  -v, --version               显示版本号
  -h, --help                  显示本帮助

退出码：
  0  没有错误，警告数未超过 --max-warnings
  1  发现错误或警告过多；或有文件为空、不是文本、编码无法识别、无法读取，
     或有路径找不到匹配的文件（其余文件照常检查）
  2  命令行参数错误、配置文件错误（包括 --no-code 拒绝的配置）、没有任何可检查的文件，
     规则运行出错（设置 DEBUG=xxgk-lint 显示调用栈）或内部错误，
     或抑制文件中有不再出现的记录（见 --prune-suppressions）
`;

const HELP_EN = `Usage: xxgk-lint [options] [files, folders or globs ...]

Lints government information-disclosure annual reports written in Markdown.
Without paths, lints every .md file in the current folder and its subfolders,
skipping node_modules, .git and files excluded by .gitignore or the config's ignores.
A file named explicitly is always linted (a .txt file, for example). Word (.docx),
web page (.html) and PDF (.pdf) reports are linted by their text: name them or use a glob
(e.g. 'reports/**/*.docx'); findings are placed in words (paragraph 3; table 2,
row 5, cell 3), and --fix never rewrites such a file.

Options:
  -f, --format <format>       Output format: stylish (default), json, sarif, github,
                              summary (errors and warnings by rule, per agency and year), html
                              (a page to open in a browser, with the wrong table cells marked;
                              for many reports an agencies × years overview), csv, xlsx (every
                              cell of the three tables), json-archive (json with each report's
                              table data and year-against-year comparisons)
                              or a custom formatter module, e.g. -f ./formatter.js (as ESLint)
      --locale <locale>       Message language: zh-CN (default, or zh), en
  -q, --quiet                 Report errors only, not warnings
      --max-warnings <count>  Exit with code 1 when there are more warnings than this
                              (-1, the default: no limit)
  -c, --config <file>         Use this config file (default: the nearest
                              xxgk-lint.config.js, xxgk-lint.config.mjs, .xxgk-lint.json,
                              .xxgk-lint.jsonc or package.json with an "xxgk-lint" key in
                              the current folder or above, up to the repository root (the
                              folder with .git); DEBUG=xxgk-lint prints the one used)
      --no-code               Run no code: refuse JavaScript configs, plugins and rule
                              files (for untrusted checkouts)
      --report-unused-disable-directives
                              Report xxgk-lint-disable comments that suppress nothing
                              (ESLint's spelling; --report-unused-disable also works)
      --fix                   Fix the problems that have a certain fix, writing the files
                              back (same encoding and line endings; GB18030 files are not
                              rewritten); report only what is left
      --fix-dry-run           Compute the fixes without writing; the json format's
                              output field holds the fixed text
      --stdin                 Lint standard input (or give the path -); with --fix, print
                              the fixed text to stdout and the findings to stderr
      --stdin-filename <file> The name of the standard input (the path in the results)
      --verbose               Name the files skipped because they do not look like reports
      --concurrency <n>       Worker processes: auto (default: one per 16 files, at least
                              one, at most one per core),
                              off (lint in the main process, no per-file time limit) or a number
      --file-timeout <s>      Time limit per file in seconds (default 10, 0 = none); a file
                              that exceeds it is reported as that file's error, the rest go on
      --cache                 Lint only files changed since the last run (a change of config,
                              rules or version relints everything)
      --cache-location <path> The cache file or folder (default .xxgk-lint-cache)
      --shard <i/n>           Lint a stable i-th of n parts of the files (e.g. 2/4), for CI
                              matrices
      --suppress-all          Record every error, per file and rule, in the suppressions
                              file; later runs report only errors beyond those counts
      --suppress-rule <id>    Record only this rule's errors (repeatable)
      --suppressions-location <file>
                              The suppressions file (default xxgk-lint-suppressions.json
                              in the current folder)
      --prune-suppressions    Remove the records that no longer occur
      --pass-on-unpruned-suppressions
                              Do not exit with 2 when records no longer occur
      --ignore-pattern <pat>  Do not lint matching files (gitignore syntax, repeatable;
                              or exclude with a ! argument, e.g. '!drafts/**')
      --no-ignore             Disable the config's ignores and --ignore-pattern (a named file
                              they exclude is otherwise skipped with a warning)
      --rule <setting>        Override the config's rule settings (ESLint's syntax,
                              repeatable): --rule 'table-sums: off', --rule '{"table-sums": "warn"}'
      --no-config-lookup      Do not look for config files (--config still applies)
      --print-config <file>   Print the configuration used for this file (JSON); lint nothing
      --color, --no-color     Force colours on or off (default: on in a terminal; NO_COLOR)
  -o, --output-file <file>    Write the results to a file instead of the terminal
  -v, --version               Print the version
  -h, --help                  Print this help

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors or too many warnings; or a file that is empty, not text, in an unknown
     encoding or unreadable, or a path that matched no files (other files are still linted)
  2  invalid arguments, an invalid config file (or one --no-code refuses), no files to
     lint, a rule that threw (DEBUG=xxgk-lint shows its stack), an internal error,
     or suppressions that no longer occur (see --prune-suppressions)
`;

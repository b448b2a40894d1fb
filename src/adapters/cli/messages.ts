/** The command line's own words, in both locales (filled with i18n's messageTable). */
import { messageTable } from '../../i18n.ts';
import type { LocalizedText } from '../../rule.ts';

export const cliMessages = {
  noMatch: { 'zh-CN': '找不到与“{pattern}”匹配的文件', en: 'No files matching "{pattern}" were found' },
  noMatchInFolder: {
    'zh-CN': '文件夹“{pattern}”中没有 .md 文件',
    en: 'No .md files were found in the folder "{pattern}"',
  },
  allIgnored: {
    'zh-CN': '“{pattern}”匹配的文件都被 .gitignore 或配置中的 ignores 排除了',
    en: 'All files matching "{pattern}" are excluded by .gitignore or the ignores setting',
  },
  folderUnreadable: {
    'zh-CN': '无法读取文件夹“{pattern}”（没有权限），其中的文件未检查',
    en: 'The folder "{pattern}" cannot be read (permission denied); its files were not linted',
  },
  noFiles: { 'zh-CN': '没有可检查的文件', en: 'No files to lint' },
  ruleCrashed: {
    'zh-CN': '规则运行出错：{rules}（设置环境变量 DEBUG=xxgk-lint 可显示调用栈）',
    en: 'a rule threw an exception: {rules} (set DEBUG=xxgk-lint to see the stack)',
  },
  unknownOption: { 'zh-CN': '未知选项：{option}', en: 'Unknown option: {option}' },
  missingValue: { 'zh-CN': '选项 {option} 需要一个值', en: 'Option {option} needs a value' },
  badOption: { 'zh-CN': '命令行参数有误：{detail}', en: 'Invalid arguments: {detail}' },
  badChoice: {
    'zh-CN': '选项 {option} 的值“{value}”无效，可选值：{allowed}',
    en: 'Invalid value "{value}" for {option}; allowed values: {allowed}',
  },
  badNumber: {
    'zh-CN': '选项 {option} 需要一个非负整数，收到“{value}”',
    en: 'Option {option} needs a non-negative integer, received "{value}"',
  },
  badShard: {
    'zh-CN': '选项 --shard 的值应为“序号/总数”（如 1/4，1 ≤ 序号 ≤ 总数），收到“{value}”',
    en: 'Option --shard needs "index/count" (e.g. 1/4, 1 ≤ index ≤ count), received "{value}"',
  },
  badConcurrency: {
    'zh-CN': '选项 --concurrency 的值应为 auto、off 或正整数，收到“{value}”',
    en: 'Option --concurrency needs auto, off or a positive integer, received "{value}"',
  },
  timeoutTooLong: {
    'zh-CN': '选项 {option} 的值“{value}”过大：单个文件的时限最多为 {max} 秒（0 表示不限）',
    en: 'Option {option} is too large ("{value}"): the time limit per file is at most {max} seconds (0 = none)',
  },
  seeHelp: { 'zh-CN': '运行 xxgk-lint --help 查看用法', en: 'Run xxgk-lint --help for usage' },
  tooManyWarnings: {
    'zh-CN': 'xxgk-lint 发现的警告过多（上限：{max}）',
    en: 'xxgk-lint found too many warnings (maximum: {max})',
  },
  outputWriteFailed: {
    'zh-CN': '无法写入输出文件“{file}”：{detail}',
    en: 'Cannot write the output file "{file}": {detail}',
  },
  fixEncodingNotWritable: {
    'zh-CN': '{file}：文件编码为 {encoding}，--fix 不会改写它（只写回 UTF-8 和 UTF-16 文件）；请先另存为 UTF-8，再运行 --fix',
    en: '{file}: the file is encoded as {encoding}; --fix does not rewrite it (only UTF-8 and UTF-16 files are written back): save it as UTF-8 first, then run --fix',
  },
  fixWriteFailed: { 'zh-CN': '无法写回已修复的文件“{file}”（{detail}）', en: 'Cannot write the fixed file "{file}" ({detail})' },
  fixAndDryRun: {
    'zh-CN': '--fix 和 --fix-dry-run 不能同时使用',
    en: 'The --fix and --fix-dry-run options cannot be used together',
  },
  stdinWithPaths: {
    'zh-CN': '使用 --stdin（或 -）时不能再指定文件路径：{paths}',
    en: 'With --stdin (or -), no file paths can be given: {paths}',
  },
  stdinFilenameWithoutStdin: {
    'zh-CN': '--stdin-filename 只能与 --stdin（或 -）一起使用',
    en: '--stdin-filename can only be used with --stdin (or -)',
  },
  stdinUnreadable: { 'zh-CN': '无法读取标准输入（{detail}）', en: 'Cannot read standard input ({detail})' },
  // Bulk suppressions (issue 21 item 3).
  suppressConflict: { 'zh-CN': '{options} 不能同时使用', en: 'The options {options} cannot be used together' },
  suppressWithStdin: { 'zh-CN': '{option} 不能与 --stdin（或 -）一起使用', en: '{option} cannot be used with --stdin (or -)' },
  suppressionsBad: { 'zh-CN': '抑制文件有误：{detail}', en: 'The suppressions file is invalid: {detail}' },
  suppressionsWriteFailed: { 'zh-CN': '无法写入抑制文件“{file}”（{detail}）', en: 'Cannot write the suppressions file "{file}" ({detail})' },
  suppressionsUnused: {
    'zh-CN': '抑制文件中有 {count} 条记录已不再出现（如 {example}）；请运行 --prune-suppressions 删除它们（或加 --pass-on-unpruned-suppressions 忽略）',
    en: 'There are {count} suppressions left that do not occur anymore (e.g. {example}); run with --prune-suppressions to remove them (or pass --pass-on-unpruned-suppressions)',
  },
  // Issue 21 item 5 (ESLint 10's conventions).
  fileIgnored: {
    'zh-CN': '该文件与忽略规则（配置中的 ignores 或 --ignore-pattern）匹配，未检查。使用 --no-ignore 可关闭忽略设置',
    en: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings',
  },
  badRuleOption: {
    'zh-CN': '选项 --rule 的值“{value}”无法解析；写法如 --rule \'table-sums: off\' 或 --rule \'{"table-sums": "warn"}\'',
    en: 'Cannot parse the --rule value "{value}"; write e.g. --rule \'table-sums: off\' or --rule \'{"table-sums": "warn"}\'',
  },
  formatterLoadFailed: {
    'zh-CN': '无法加载自定义格式“{file}”：{detail}',
    en: 'Cannot load the custom formatter "{file}": {detail}',
  },
  formatterNoFunction: {
    'zh-CN': '自定义格式“{file}”的默认导出应为函数 (results, context) => string',
    en: 'The custom formatter "{file}" must export a function (results, context) => string as its default',
  },
  formatterFailed: { 'zh-CN': '自定义格式“{file}”运行出错：{detail}', en: 'The custom formatter "{file}" threw an error: {detail}' },
  formatterCodeRefused: {
    'zh-CN': '使用 --no-code 时不能加载自定义格式“{file}”（它是 JavaScript 代码）',
    en: 'The custom formatter "{file}" is JavaScript: it is not loaded with --no-code',
  },
} as const satisfies Record<string, LocalizedText>;

export type CliMessageId = keyof typeof cliMessages;

export const tc = messageTable(cliMessages);

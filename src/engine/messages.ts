/**
 * The engine's messages (file reader, budgets, config loader, cache, fixes, directives, places in
 * converted documents), in both locales. Rule messages live with their rules, the CLI's in
 * adapters/cli/messages.ts, the formatters' in each formatter.
 */
import { messageTable } from '../i18n.ts';
import type { LocalizedText } from '../rule.ts';
import type { Diagnostic, Locale } from '../types.ts';

export const messages = {
  // Problems with one input file: reported as that file's fatal message.
  fileEmpty: { 'zh-CN': '文件为空', en: 'The file is empty' },
  fileBinary: { 'zh-CN': '文件不是文本文件（含有二进制内容）', en: 'The file is not a text file (it contains binary data)' },
  fileHtmlTooDeep: {
    'zh-CN': '网页的元素嵌套超过 {limit} 层（真实网页只有几十层），未检查此文件',
    en: 'The page nests its elements more than {limit} levels deep (real pages have a few dozen); it was not linted',
  },
  fileDocxTooLarge: {
    'zh-CN': '此 Word 文件解压后超过 {limit} MB，不像年度报告，未检查此文件',
    en: 'This Word file inflates to more than {limit} MB, which no annual report does; it was not linted',
  },
  fileNotPdf: {
    'zh-CN': '无法读取此 PDF 文件：文件已损坏或不是 PDF 格式',
    en: 'This PDF file cannot be read: it is damaged or not a PDF',
  },
  filePdfEncrypted: {
    'zh-CN': '无法读取此 PDF 文件：文件已加密（设有打开密码），请提供未加密的文件',
    en: 'This PDF file cannot be read: it is encrypted (password-protected); provide an unencrypted copy',
  },
  filePdfScanned: {
    'zh-CN': '此 PDF 文件没有文字层（是扫描件或图片），无法检查；请提供 Word 原稿或由 Word/WPS 导出的 PDF（本工具不做文字识别）',
    en: 'This PDF has no text layer (it is a scan or images) and cannot be checked; provide the Word draft or a PDF exported from Word/WPS (no OCR is done)',
  },
  filePdfUnmapped: {
    'zh-CN': '此 PDF 文件的文字无法解码（所用字体没有文字映射，复制出的是乱码），无法检查；请提供 Word 原稿或由 Word/WPS 导出的 PDF',
    en: "This PDF's text cannot be decoded (its fonts map their glyphs to no characters; copied text is garbage) and cannot be checked; provide the Word draft or a PDF exported from Word/WPS",
  },
  // A note on a file that is read all the same (a warning about the whole file, no rule's).
  filePdfOcrLayer: {
    'zh-CN':
      '此 PDF 文件有 {pages} 页的文字是扫描图像上的文字识别（OCR）层，不是原稿的文字：识别可能有误，读出的数字及据此的检查结果未必可靠；如有可能请提供 Word 原稿或由 Word/WPS 导出的 PDF',
    en: "The text of {pages} page(s) of this PDF is an OCR layer over scanned images, not the document's own text: the recognition may be wrong, so the numbers read, and the findings on them, may be too; provide the Word draft or a PDF exported from Word/WPS if you can",
  },
  filePdfTooLarge: {
    'zh-CN': '此 PDF 文件中的数据解压后超过 {limit} MB，不像年度报告，未检查此文件',
    en: 'The data in this PDF file inflates to more than {limit} MB, which no annual report does; it was not linted',
  },
  fileNotDocx: {
    'zh-CN': '无法读取此 Word 文件：它不是 .docx 格式（旧的 .doc 请在 Word 中另存为 .docx）',
    en: 'This Word file cannot be read: it is not in .docx format (save an old .doc as .docx in Word)',
  },
  fileUndecodable: {
    'zh-CN': '无法识别文件编码：请另存为 UTF-8 编码',
    en: 'The file encoding is not recognised: save it as UTF-8',
  },
  fileTooLarge: {
    'zh-CN': '文件过大（{size} MB，上限 {limit} MB）',
    en: 'The file is too large ({size} MB, the limit is {limit} MB)',
  },
  fileNotFound: { 'zh-CN': '文件不存在', en: 'The file does not exist' },
  fileIsDirectory: { 'zh-CN': '这是一个文件夹，不是文件', en: 'This is a folder, not a file' },
  fileNotRegular: { 'zh-CN': '不是普通文件', en: 'Not a regular file' },
  filePermissionDenied: { 'zh-CN': '没有读取该文件的权限', en: 'Permission denied: the file cannot be read' },
  fileUnreadable: { 'zh-CN': '无法读取文件（{code}）', en: 'The file cannot be read ({code})' },
  fileTimeout: {
    'zh-CN': '检查超时：超过 {seconds} 秒仍未完成，已停止检查此文件（可用 --file-timeout 调整时限）',
    en: 'Linting timed out: not finished after {seconds} s, so this file was not checked (see --file-timeout)',
  },
  fileOutOfMemory: {
    'zh-CN': '检查此文件所需内存超过上限（{limit} MB），已停止检查此文件（文件过大或结构异常）',
    en: 'Linting this file needs more memory than the limit ({limit} MB), so it was not checked (the file is too large or oddly structured)',
  },
  fileWorkerCrashed: {
    'zh-CN': '检查此文件时工作进程意外退出（{detail}），已跳过此文件',
    en: 'The worker process linting this file stopped unexpectedly ({detail}); the file was skipped',
  },
  // Files refused before parsing (src/engine/budget.ts) or that the parser could not handle.
  fileTooLong: {
    'zh-CN': '文件过长（{length} 个字符，上限 {limit}），未检查',
    en: 'The file is too long ({length} characters, the limit is {limit}); not linted',
  },
  fileTooDeep: {
    'zh-CN': '第 {line} 行的引用或列表嵌套过深（超过 {limit} 层），未检查此文件',
    en: 'Block quotes or lists nested too deeply on line {line} (more than {limit} levels); the file was not linted',
  },
  fileTooManyDelimiters: {
    'zh-CN': '第 {line} 行有一串过长的强调符号（{count} 个，上限 {limit} 个），未检查此文件',
    en: 'Line {line} has a run of {count} emphasis markers (the limit is {limit}); the file was not linted',
  },
  fileTooManyEmphasis: {
    'zh-CN': '第 {line} 行所在段落的强调符号 * _ ~ 过多（上限 {limit} 组），未检查此文件',
    en: 'Too many emphasis markers (* _ ~) in the paragraph at line {line} (the limit is {limit} runs); the file was not linted',
  },
  fileTooManyRows: {
    'zh-CN': '第 {line} 行所在表格的行数过多（上限 {limit} 行），未检查此文件',
    en: 'The table at line {line} has too many rows (the limit is {limit}); the file was not linted',
  },
  fileTooManyBrackets: {
    'zh-CN': '第 {line} 行附近未闭合的方括号 [ 过多（上限 {limit} 个），未检查此文件',
    en: 'Too many unclosed [ brackets near line {line} (the limit is {limit}); the file was not linted',
  },
  fileTooManyCells: {
    'zh-CN': '第 {line} 行的表格分隔符 | 过多（上限 {limit} 个），未检查此文件',
    en: 'Line {line} has too many | table separators (the limit is {limit}); the file was not linted',
  },
  fileStackOverflow: {
    'zh-CN': '文件结构过于复杂（嵌套过深），解析时超出调用栈上限，未检查此文件',
    en: 'The file is too complex to parse (nested too deeply: the call stack overflowed); it was not linted',
  },

  // Notes of a run (the cache).
  cacheNotRegular: {
    'zh-CN': 'xxgk-lint：缓存位置 {file} 不是普通文件或文件夹（例如 /dev/null 或管道），本次不使用缓存，也不写入',
    en: 'xxgk-lint: the cache location {file} is not a regular file or folder (/dev/null or a pipe, say); the cache is neither read nor written',
  },
  cacheCorrupt: {
    'zh-CN': 'xxgk-lint：缓存文件 {file} 无法读取或已损坏，已忽略并重新检查',
    en: 'xxgk-lint: the cache file {file} is unreadable or corrupt; it was ignored and the files are linted again',
  },
  cacheWriteFailed: {
    'zh-CN': 'xxgk-lint：无法写入缓存文件 {file}（{detail}）',
    en: 'xxgk-lint: cannot write the cache file {file} ({detail})',
  },

  // Configuration.
  configProblems: {
    'zh-CN': '配置文件 {file} 有误：',
    en: 'Invalid configuration in {file}:',
  },
  configNotFound: { 'zh-CN': '找不到配置文件', en: 'The configuration file does not exist' },
  configUnreadable: { 'zh-CN': '无法读取配置文件（{code}）', en: 'The configuration file cannot be read ({code})' },
  configBadJson: { 'zh-CN': '不是有效的 JSON：{detail}', en: 'Not valid JSON: {detail}' },
  configNotObject: { 'zh-CN': '配置必须是一个 JSON 对象', en: 'The configuration must be a JSON object' },
  configUnknownKey: {
    'zh-CN': '未知的配置项；允许的配置项：{allowed}',
    en: 'unknown key; allowed keys: {allowed}',
  },
  configUnknownKeySuggest: {
    'zh-CN': '未知的配置项；您是否想写 {suggestion}？',
    en: 'unknown key; did you mean {suggestion}?',
  },
  configUnknownRule: {
    'zh-CN': '未知规则；可用的规则：{known}',
    en: 'unknown rule; known rules: {known}',
  },
  configUnknownRuleSuggest: {
    'zh-CN': '未知规则；您是否想写 {suggestion}？',
    en: 'unknown rule; did you mean {suggestion}?',
  },
  configBadSeverity: {
    'zh-CN': '应为 "off"、"warn"、"error"（或 0、1、2），或 ["warn", {…选项}]；收到 {received}',
    en: 'Expected "off", "warn", "error" (or 0, 1, 2), or ["warn", {…options}]; received {received}',
  },
  configBadTuple: {
    'zh-CN': '数组形式应为 [级别] 或 [级别, 选项]；收到 {count} 个元素',
    en: 'The array form is [severity] or [severity, options]; received {count} elements',
  },
  configNoPackageKey: {
    'zh-CN': 'package.json 中没有“{key}”键',
    en: 'package.json has no "{key}" key',
  },
  configTwoFiles: {
    'zh-CN': '同一文件夹中有多个配置文件（{names}），请只保留一个',
    en: 'more than one config file in the same folder ({names}); keep one',
  },
  configCodeRefused: {
    'zh-CN': 'JavaScript 配置文件会执行代码，--no-code 不允许使用；请改用 .xxgk-lint.json',
    en: 'a JavaScript config file runs code, which --no-code does not allow; use .xxgk-lint.json instead',
  },
  configCodeRefusedPlugin: {
    'zh-CN': '插件“{name}”会执行代码，--no-code 不允许加载',
    en: 'the plugin "{name}" runs code, which --no-code does not allow',
  },
  configCodeRefusedRuleFile: {
    'zh-CN': '规则文件“{file}”会执行代码，--no-code 不允许加载',
    en: 'the rule file "{file}" runs code, which --no-code does not allow',
  },
  configJsLoadFailed: { 'zh-CN': '无法加载配置文件：{detail}', en: 'the config file failed to load: {detail}' },
  configJsNoDefault: {
    'zh-CN': '配置文件必须用 export default 导出配置对象',
    en: 'the config file must `export default` the config object',
  },
  configBadPluginEntry: {
    'zh-CN': '应为插件对象（definePlugin）或插件包名；收到 {received}',
    en: 'expected a plugin object (definePlugin) or a package name; received {received}',
  },
  configPackageNeedsLoader: {
    'zh-CN': '插件包“{name}”需要由 loadConfig 或 resolveConfigFrom 加载；resolveConfig 只接受插件对象',
    en: 'the plugin package "{name}" must be loaded by loadConfig or resolveConfigFrom; resolveConfig takes plugin objects only',
  },
  configRuleFileNeedsLoader: {
    'zh-CN': '规则文件“{file}”需要由 loadConfig 或 resolveConfigFrom 加载',
    en: 'the rule file "{file}" must be loaded by loadConfig or resolveConfigFrom',
  },
  configUnknownPlugin: {
    'zh-CN': '未知规则：没有加载名为“{plugin}”的插件（请在 plugins 中加入该插件）',
    en: 'unknown rule: no plugin named "{plugin}" is loaded (add it to plugins)',
  },
  configUnknownLocalRule: {
    'zh-CN': '未知规则：local/ 规则来自 ruleFiles 中的文件，但没有文件定义此规则',
    en: 'unknown rule: local/ rules come from the ruleFiles, and none of them defines this one',
  },
  pluginNotPackageName: {
    'zh-CN': '“{name}”不是有效的包名；本地文件请写成 ./ 开头的路径',
    en: '"{name}" is not a valid package name; write local files as paths starting with ./',
  },
  pluginNotFound: {
    'zh-CN': '从 {from} 找不到插件包“{name}”；请先安装：npm install --save-dev {name}',
    en: 'cannot find the plugin package "{name}" from {from}; install it: npm install --save-dev {name}',
  },
  pluginLoadFailed: { 'zh-CN': '插件“{name}”加载失败：{detail}', en: 'the plugin "{name}" failed to load: {detail}' },
  pluginIsRule: {
    'zh-CN': '这是一条规则，不是插件：请放入插件的 rules（definePlugin({ name, rules: [...] })），或列入 ruleFiles',
    en: 'this is a rule, not a plugin: put it in a plugin’s rules (definePlugin({ name, rules: [...] })) or list its file in ruleFiles',
  },
  pluginNameReserved: {
    'zh-CN': '插件名“{name}”保留给 ruleFiles 中的规则',
    en: 'the plugin name "{name}" is reserved for the rules of ruleFiles',
  },
  pluginNameTwice: {
    'zh-CN': '已有同名插件“{name}”（{first}）',
    en: 'a plugin named "{name}" is already loaded ({first})',
  },
  ruleFileNotFound: { 'zh-CN': '找不到文件 {file}', en: 'the file {file} does not exist' },
  ruleFileRenameMjs: {
    'zh-CN': '规则文件“{file}”是 ES 模块（import/export），但所在的包是 CommonJS（package.json 没有 "type": "module"）：请把它改名为 .mjs',
    en: 'the rule file "{file}" is an ES module (import/export) in a CommonJS package (no "type": "module" in package.json): rename it to .mjs',
  },
  ruleFileLoadFailed: { 'zh-CN': '规则文件“{file}”加载失败：{detail}', en: 'the rule file "{file}" failed to load: {detail}' },
  ruleFileNoRule: {
    'zh-CN': '规则文件“{file}”必须用 export default 导出一条规则（defineRule）或规则数组',
    en: 'the rule file "{file}" must `export default` a rule (defineRule) or an array of rules',
  },
  ruleIdTwice: { 'zh-CN': '规则 {id} 重复定义（另见 {first}）', en: 'the rule {id} is defined twice (also at {first})' },

  // Fixes (--fix, --fix-dry-run).
  fixFileChanged: {
    'zh-CN': '文件在检查期间被修改，未写入修复，以免覆盖修改；请再运行一次 --fix',
    en: 'the file changed while it was being fixed; the fixes were not written, so as not to overwrite the change: run --fix again',
  },

  // Where a finding is in a .html, .docx or .pdf file (its `place`).
  placePdfPage: { 'zh-CN': '第 {page} 页', en: 'page {page}' },
  placePdfTable: { 'zh-CN': '表{table}', en: 'table {table}' },
  placePdfSeparator: { 'zh-CN': ' ', en: ', ' },
  placeHtmlLine: { 'zh-CN': 'HTML 第 {line} 行', en: 'HTML line {line}' },
  placeParagraph: { 'zh-CN': '第 {paragraph} 段', en: 'paragraph {paragraph}' },
  placeCell: { 'zh-CN': '表 {table} 第 {row} 行第 {cell} 格', en: 'table {table}, row {row}, cell {cell}' },
  placeTable: { 'zh-CN': '表 {table}', en: 'table {table}' },
  placeTableRow: { 'zh-CN': '表 {table} 第 {row} 行', en: 'table {table}, row {row}' },

  // Inline comments (<!-- xxgk-lint-disable … -->), reported with --report-unused-disable.
  unusedDisable: {
    'zh-CN': '未使用的 {directive} 注释（此处没有需要屏蔽的问题）',
    en: 'Unused {directive} comment (no problems were reported here)',
  },
  unusedDisableRule: {
    'zh-CN': '未使用的 {directive} 注释（此处没有 {rule} 报告的问题）',
    en: 'Unused {directive} comment (no problems were reported from {rule})',
  },
  unknownDisableRule: {
    'zh-CN': '{directive} 注释中的规则 {rule} 不存在',
    en: 'The {directive} comment names the rule {rule}, which does not exist',
  },

  // A bug of ours or of a rule, reported against the file (lint.ts).
  internalErrorRead: {
    'zh-CN': 'xxgk-lint 无法读取此报告（内部错误：{detail}）',
    en: 'xxgk-lint could not read this report (internal error: {detail})',
  },
  ruleFailed: { 'zh-CN': '规则 {rule} 运行出错：{detail}', en: 'rule {rule} failed: {detail}' },
} as const satisfies Record<string, LocalizedText>;

export type MessageId = keyof typeof messages;

/** Looks up and fills one of the engine's messages. */
export const t: (id: MessageId, locale: Locale, data?: Readonly<Record<string, string | number>>) => string = messageTable(messages);

/** A warning on a whole file, no rule's, at its start (ESLint's shape for a file named but ignored; a PDF read from an OCR layer). */
export function fileWarning(messageId: string, message: string, data: Diagnostic['data'] = {}): Diagnostic {
  return { ruleId: '', messageId, severity: 1, message, data, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * The Action's own words (log lines, the job summary, input errors), in both locales. Rule
 * messages come localised from the engine; these are only the adapter's.
 */
import { messageTable, type MessageTable } from '../../i18n.ts';

export const actionMessages = {
  // Inputs.
  inputChoice: {
    'zh-CN': '输入参数 {name} 的值“{value}”无效，可选值：{allowed}',
    en: 'Invalid value "{value}" for input {name}; allowed values: {allowed}',
  },
  inputCount: {
    'zh-CN': '输入参数 {name} 的值“{value}”无效，应为 0 到 9999 之间的整数',
    en: 'Invalid value "{value}" for input {name}; use a whole number from 0 to 9999',
  },
  suggestionsPosted: {
    'zh-CN': '在拉取请求上发布了 {count} 条修改建议（已有 {existing} 条，未发布 {left} 条：超出上限 {max}）',
    en: 'Posted {count} suggested change(s) on the pull request ({existing} already there, {left} not posted: over the limit of {max})',
  },
  suggestionsNotHere: {
    'zh-CN': '不发布修改建议：{reason}',
    en: 'No suggested changes posted: {reason}',
  },
  suggestionsFork: {
    'zh-CN': '拉取请求来自其他仓库（fork），令牌不能写评论',
    en: 'the pull request comes from a fork, whose token cannot write comments',
  },
  suggestionsTarget: {
    'zh-CN': 'pull_request_target 事件中不在不受信任的拉取请求上写评论',
    en: 'no comments are written on untrusted pull requests in pull_request_target events',
  },
  suggestionTooLong: {
    'zh-CN': '{path} 第 {line} 行的修改建议有 {length} 个字符，超过 GitHub 评论的上限 {max}，未发布（其他建议照常发布）',
    en: 'The suggested change on line {line} of {path} has {length} characters, over the limit of {max} of a GitHub comment: not posted (the others are)',
  },
  suggestionsFailed: {
    'zh-CN': '无法发布修改建议（{detail}）',
    en: 'Could not post a suggested change ({detail})',
  },
  inputBoolean: {
    'zh-CN': '输入参数 {name} 的值“{value}”无效，应为 true 或 false',
    en: 'Invalid value "{value}" for input {name}; use true or false',
  },
  // Bulk suppressions (issue 21 item 3).
  suppressionsApplied: {
    'zh-CN': '按抑制文件 {file} 未报告 {count} 个已记录的错误',
    en: '{count} recorded error(s) not reported, as the suppressions file {file} says',
  },
  suppressionsUnused: {
    'zh-CN': '{file}：{rule} 记录了 {count} 个错误，现在只有 {found} 个；请运行 xxgk-lint --prune-suppressions 更新抑制文件',
    en: '{file}: {rule} has {count} recorded error(s) but {found} now; run xxgk-lint --prune-suppressions to update the suppressions file',
  },
  suppressionsBad: { 'zh-CN': '抑制文件有误：{detail}', en: 'The suppressions file is invalid: {detail}' },
  inputPath: {
    'zh-CN': '输入参数 {name} 的值“{value}”无效：{detail}',
    en: 'Invalid value "{value}" for input {name}: {detail}',
  },
  inputPathEmpty: { 'zh-CN': '路径中不能有换行或空字符', en: 'a path cannot contain line breaks or NUL characters' },
  inputsInvalid: { 'zh-CN': 'xxgk-lint 的输入参数有误：{problems}', en: 'xxgk-lint: invalid inputs: {problems}' },

  // Security.
  codeRefused: {
    'zh-CN': '{event} 事件中不执行仓库里的代码：配置文件 {file} 是脚本。请改用 .xxgk-lint.json，或在确认安全后设置 allow-code: true',
    en: 'Repository code is not run in {event} events: the config file {file} is a script. Use .xxgk-lint.json, or set allow-code: true once you trust it',
  },
  codeNotRun: {
    'zh-CN': '{event} 事件：检出的文件可能来自外部贡献者，不执行仓库中的代码（JS 配置、自定义规则）',
    en: '{event} event: the checkout may come from anyone, so no code from the repository is run (JS configs, custom rules)',
  },
  codeAllowed: {
    'zh-CN': '{event} 事件，但设置了 allow-code: true：将执行仓库中的代码（JS 配置、自定义规则）',
    en: '{event} event with allow-code: true: code from the repository is run (JS configs, custom rules)',
  },

  // Files.
  listFilesFailed: {
    'zh-CN': '无法获取拉取请求 #{number} 修改的文件（{detail}），改为检查 files 匹配的全部文件',
    en: 'Could not list the files of pull request #{number} ({detail}); linting every file that files matches instead',
  },
  listFilesNoToken: {
    'zh-CN': '没有 github-token，无法获取拉取请求修改的文件，改为检查 files 匹配的全部文件',
    en: 'No github-token: cannot list the files of the pull request; linting every file that files matches instead',
  },
  listFilesTooMany: {
    'zh-CN': '拉取请求修改了 {count} 个文件，超过 GitHub 接口可列出的上限，改为检查 files 匹配的全部文件',
    en: 'The pull request changes {count} files, more than the GitHub API lists; linting every file that files matches instead',
  },
  noFilesAtAll: {
    'zh-CN': 'files（{patterns}）没有匹配到任何文件',
    en: 'files ({patterns}) matched no files',
  },
  checkedFiles: { 'zh-CN': '检查了 {count} 个文件', en: 'Linted {count} {fileWord}' },

  // Annotations and the check run.
  annotationsAsCommands: {
    'zh-CN': '{count} 条问题以工作流命令注释的形式输出',
    en: '{count} {findingWord} printed as workflow-command annotations',
  },
  tooManyForCommands: {
    'zh-CN':
      '共 {errors} 个错误、{warnings} 个警告：GitHub 每个步骤只显示工作流命令产生的前 10 个错误和前 10 个警告注释，因此通过检查运行（Checks API）发布全部注释',
    en: '{errors} {errorWord} and {warnings} {warningWord}: GitHub shows only the first 10 error and 10 warning annotations of a step from workflow commands, so all annotations are published through a check run (Checks API)',
  },
  checkRunPublished: {
    'zh-CN': '全部 {count} 条注释已发布到检查运行“{name}”（分 {batches} 批）：{url}',
    en: 'All {count} annotations were published to the check run "{name}" (in {batches} {batchWord}): {url}',
  },
  checkRunForbidden: {
    'zh-CN':
      '无法创建检查运行（HTTP {status}：{detail}）。拉取请求来自复刻仓库时令牌是只读的，或者工作流缺少 permissions: checks: write。改为输出工作流命令注释：GitHub 只显示其中前 10 个错误和前 10 个警告，全部问题见作业摘要',
    en: 'Could not create a check run (HTTP {status}: {detail}). The token is read-only for pull requests from forks, or the workflow lacks permissions: checks: write. Falling back to workflow-command annotations: GitHub shows the first 10 errors and 10 warnings of them; the job summary lists every finding',
  },
  checkRunFailed: {
    'zh-CN': '发布检查运行失败（{detail}）。改为输出工作流命令注释：GitHub 只显示其中前 10 个错误和前 10 个警告，全部问题见作业摘要',
    en: 'Publishing the check run failed ({detail}). Falling back to workflow-command annotations: GitHub shows the first 10 errors and 10 warnings of them; the job summary lists every finding',
  },
  checkRunNoToken: {
    'zh-CN': '没有 github-token 或仓库信息，无法创建检查运行。改为输出工作流命令注释：GitHub 只显示其中前 10 个错误和前 10 个警告',
    en: 'No github-token or repository: cannot create a check run. Falling back to workflow-command annotations: GitHub shows the first 10 errors and 10 warnings of them',
  },
  checkRunTitle: {
    'zh-CN': '{errors} 个错误，{warnings} 个警告',
    en: '{errors} {errorWord}, {warnings} {warningWord}',
  },

  // End of the run.
  summaryNotWritten: {
    'zh-CN': '未设置 GITHUB_STEP_SUMMARY，不写作业摘要',
    en: 'GITHUB_STEP_SUMMARY is not set: no job summary written',
  },
  summaryFailed: { 'zh-CN': '无法写入作业摘要：{detail}', en: 'Cannot write the job summary: {detail}' },
  sarifWritten: { 'zh-CN': 'SARIF 已写入 {file}', en: 'SARIF written to {file}' },
  sarifFailed: { 'zh-CN': '无法写入 SARIF 文件 {file}：{detail}', en: 'Cannot write the SARIF file {file}: {detail}' },
  failedOnErrors: {
    'zh-CN': 'xxgk-lint 发现 {errors} 个错误（fail-on: {failOn}）',
    en: 'xxgk-lint found {errors} {errorWord} (fail-on: {failOn})',
  },
  failedOnWarnings: {
    'zh-CN': 'xxgk-lint 发现 {errors} 个错误、{warnings} 个警告（fail-on: {failOn}）',
    en: 'xxgk-lint found {errors} {errorWord} and {warnings} {warningWord} (fail-on: {failOn})',
  },
  internalError: { 'zh-CN': 'xxgk-lint 内部错误：{detail}', en: 'xxgk-lint: internal error: {detail}' },

  // Job summary.
  summaryHeading: { 'zh-CN': 'xxgk-lint 年度报告检查结果', en: 'xxgk-lint: annual report check' },
  summaryPassed: { 'zh-CN': '✅ 没有发现问题。', en: '✅ No problems found.' },
  summarySuppressed: {
    'zh-CN': '另有 {count} 个问题已抑制（行内注释或批量抑制文件），未计入。',
    en: '{count} suppressed (inline comments or the bulk suppressions file), not counted.',
  },
  workingDirectoryMissing: {
    'zh-CN': 'working-directory 输入的文件夹 {dir} 不存在，或不在仓库内',
    en: 'The working-directory input {dir} is not a folder inside the repository',
  },
  summaryProblems: {
    'zh-CN': '{icon} 发现 {total} 个问题（{errors} 个错误，{warnings} 个警告）。',
    en: '{icon} {total} {problemWord} ({errors} {errorWord}, {warnings} {warningWord}).',
  },
  summaryScopePr: {
    'zh-CN': '检查了拉取请求 #{number} 新增或修改的 {count} 个报告文件。',
    en: 'Linted the {count} report {fileWord} that pull request #{number} adds or changes.',
  },
  summaryScopeAll: {
    'zh-CN': '检查了 files（{patterns}）匹配的 {count} 个文件。',
    en: 'Linted the {count} {fileWord} that files ({patterns}) matches.',
  },
  summaryScopeNone: {
    'zh-CN': '拉取请求 #{number} 没有新增或修改 files（{patterns}）匹配的报告文件，没有需要检查的文件。',
    en: 'Pull request #{number} adds or changes no report file that files ({patterns}) matches: nothing to lint.',
  },
  summaryNotPrEvent: {
    'zh-CN': '{event} 事件不是拉取请求，only-changed 不起作用。',
    en: 'The {event} event is not a pull request: only-changed does not apply.',
  },
  summaryFilesHeading: { 'zh-CN': '文件', en: 'Files' },
  summaryColFile: { 'zh-CN': '文件', en: 'File' },
  summaryColErrors: { 'zh-CN': '错误', en: 'Errors' },
  summaryColWarnings: { 'zh-CN': '警告', en: 'Warnings' },
  summaryColRules: { 'zh-CN': '命中的规则', en: 'Rules' },
  summaryMoreFiles: {
    'zh-CN': '另有 {count} 个文件没有问题，未列出。',
    en: '{count} more {fileWord} without problems are not listed.',
  },
  summaryFindingsHeading: { 'zh-CN': '问题明细', en: 'Findings' },
  summaryColPosition: { 'zh-CN': '位置', en: 'Line:col' },
  summaryColSeverity: { 'zh-CN': '级别', en: 'Severity' },
  summaryColRule: { 'zh-CN': '规则', en: 'Rule' },
  summaryColMessage: { 'zh-CN': '说明', en: 'Message' },
  summaryMoreFindings: {
    'zh-CN': '摘要篇幅有限，另有 {count} 个问题未列出{where}。',
    en: 'The summary has limited room: {count} more {findingWord} are not listed{where}.',
  },
  summaryTruncated: {
    'zh-CN': '摘要已截断：GitHub 的摘要最多 1 MiB。',
    en: 'The summary was cut short: GitHub takes at most 1 MiB.',
  },
  summaryMoreWhereCheckRun: { 'zh-CN': '，请在检查运行中查看', en: '; see the check run' },
  summaryMoreWhereSarif: { 'zh-CN': '，请查看 SARIF 文件', en: '; see the SARIF file' },
  summarySkippedHeading: { 'zh-CN': '未检查的文件', en: 'Not linted' },
  summaryColReason: { 'zh-CN': '原因', en: 'Reason' },
  skipRemoved: { 'zh-CN': '拉取请求删除了此文件', en: 'removed by the pull request' },
  skipNotMatched: {
    'zh-CN': '不在 files 的匹配范围内，或被 .gitignore 排除',
    en: 'not matched by files, or excluded by .gitignore',
  },
  skipIgnored: { 'zh-CN': '被配置文件的 ignores 排除', en: 'excluded by the ignores of the config file' },
  skipNoMatch: { 'zh-CN': '没有匹配到文件', en: 'matched no files' },
  skipEmptyFolder: { 'zh-CN': '文件夹中没有 .md 文件', en: 'no .md files in this folder' },
  skipNotReport: {
    'zh-CN': '不是年度报告（说明、指南、更新日志等），未检查',
    en: 'not an annual report (a README, guide, changelog…); not linted',
  },
  skipUnreadable: {
    'zh-CN': '无法读取此文件夹（没有权限），其中的文件未检查',
    en: 'this folder cannot be read (permission denied); its files were not linted',
  },
  skipAllIgnored: {
    'zh-CN': '匹配到的文件都被 .gitignore 或 ignores 排除',
    en: 'every file it matches is excluded by .gitignore or ignores',
  },
  skipOtherChanged: {
    'zh-CN': '拉取请求还修改了 {count} 个其他文件（不是 Markdown 报告），不检查。',
    en: 'The pull request also changes {count} other {fileWord} (not Markdown reports), not linted.',
  },
  skipMoreRows: { 'zh-CN': '另有 {count} 个未列出。', en: '{count} more not listed.' },
  summaryAnnotationsCheckRun: {
    'zh-CN': '全部 {count} 条注释已发布到[检查运行]({url})，在拉取请求的“Files changed”页中显示在对应的行上。',
    en: 'All {count} annotations are in the [check run]({url}) and appear on their lines in the pull request’s Files changed tab.',
  },
  summaryAnnotationsCheckRunCommit: {
    'zh-CN': '全部 {count} 条注释已发布到[检查运行]({url})，在该提交的检查结果中显示在对应的行上。',
    en: 'All {count} annotations are in the [check run]({url}), on their lines in this commit’s checks.',
  },
  summaryAnnotationsLimitedCommit: {
    'zh-CN': '⚠️ 未能发布检查运行（{detail}）：工作流运行页面只显示前 10 个错误和前 10 个警告注释，全部问题见上文。',
    en: '⚠️ No check run could be published ({detail}): the workflow run shows only the first 10 error and 10 warning annotations; every finding is listed above.',
  },
  summaryAnnotationsLimited: {
    'zh-CN': '⚠️ 未能发布检查运行（{detail}）：拉取请求页面只显示前 10 个错误和前 10 个警告注释，全部问题见上文。',
    en: '⚠️ No check run could be published ({detail}): the pull request shows only the first 10 error and 10 warning annotations; every finding is listed above.',
  },
  summaryFatal: { 'zh-CN': '无法检查', en: 'not linted' },
  summaryFooter: {
    'zh-CN': '由 [xxgk-lint]({url}) {version} 生成 · 规则说明见各规则链接',
    en: 'Generated by [xxgk-lint]({url}) {version} · rule names link to their documentation',
  },
  severityError: { 'zh-CN': '错误', en: 'error' },
  severityWarning: { 'zh-CN': '警告', en: 'warning' },
} as const satisfies MessageTable;

export type ActionMessageId = keyof typeof actionMessages;

/**
 * Fills one of the Action's messages (i18n's messageTable, as every layer's). English plural
 * words ({fileWord}, {errorWord}…) are given by the caller with i18n's `plural`.
 */
export const tr = messageTable(actionMessages);

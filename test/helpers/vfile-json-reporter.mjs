// A vfile reporter for the remark-cli test (`remark --report ./test/helpers/vfile-json-reporter.mjs`):
// every file's messages as JSON, with the fields the test compares. vfile-reporter-json is not a
// dependency; this is all the test needs of it.
export default function vfileJsonReporter(files) {
  return JSON.stringify(
    files.map((file) => ({
      path: file.path,
      messages: file.messages.map((m) => ({
        ruleId: m.ruleId ?? null,
        source: m.source ?? null,
        line: m.line ?? null,
        column: m.column ?? null,
        endLine: m.place && 'end' in m.place ? m.place.end.line : null,
        endColumn: m.place && 'end' in m.place ? m.place.end.column : null,
        fatal: m.fatal ?? null,
        url: m.url ?? null,
        expected: m.expected ?? null,
        reason: m.reason,
      })),
    })),
  );
}

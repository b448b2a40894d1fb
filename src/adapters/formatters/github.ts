/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { relativePath } from '../../engine/paths.ts';
import type { LintResult } from '../../types.ts';
import { whole, type Formatter, type StreamingFormatter } from './types.ts';

/** Escaping of a command's message (the part after `::`), as in @actions/core. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escaping of a property value: `:` and `,` would end the value early. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

interface Annotation {
  command: 'error' | 'warning';
  properties: [string, string | number][];
  message: string;
}

function render({ command, properties, message }: Annotation): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${props}::${escapeData(message)}`;
}

/** One annotation per line, each file's as it comes. */
export const githubStream: StreamingFormatter = (context) => {
  let first = true;
  const fileLines = (result: LintResult): string[] => {
    const lines: string[] = [];
    const file = relativePath(result.filePath, context.cwd);
    if (result.fatal) {
      lines.push(
        render({
          command: 'error',
          properties: [
            ['file', file],
            ['line', 1],
            ['col', 1],
            ['title', 'xxgk-lint'],
          ],
          message: result.fatal.message,
        }),
      );
    }
    for (const m of result.messages) {
      // A .html/.docx file was read as Markdown text: the page's own line (HTML), else line 1
      // with the place in words (a .docx has no lines).
      const line = result.input ? (m.placeLine ?? 1) : m.line;
      const position: Array<[string, string | number]> = result.input
        ? [['line', line]]
        : [
            ['line', m.line],
            ['col', m.column],
            ['endLine', m.endLine],
            ['endColumn', m.endColumn],
          ];
      lines.push(
        render({
          command: m.severity === 2 ? 'error' : 'warning',
          properties: [['file', file], ...position, ['title', m.ruleId]],
          message: result.input && m.placeLine === undefined && m.place ? `${m.place}: ${m.message}` : m.message,
        }),
      );
    }
    return lines;
  };
  return {
    file: (result) => {
      const lines = fileLines(result);
      if (lines.length === 0) return '';
      const text = `${first ? '' : '\n'}${lines.join('\n')}`;
      first = false;
      return text;
    },
    end: () => '',
  };
};

export const github: Formatter = whole(githubStream);

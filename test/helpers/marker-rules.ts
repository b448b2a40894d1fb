/**
 * Rules for the adapter tests, run by the real engine: table-sums reports an error on every line
 * containing ERROR, fee-statement a warning on every line containing WARN, so that exit codes and
 * output options are tested independently of the built-in rules' behaviour. `seen.checked` gets
 * each report's text as the per-file rules read it, `seen.finished` each report's path as the
 * cross-report phase reaches it (in file order).
 */
import type { Rule, SetRuleContext } from '../../src/rule.ts';
import { fakeRules } from './fake-rules.ts';

export interface Seen {
  checked?: (source: string) => void;
  finished?: (filePath: string) => void;
}

export function markerRules(seen: Seen = {}): readonly Rule[] {
  const marker = (rule: Rule, word: string): Rule => ({
    ...rule,
    meta: { ...rule.meta, messages: { ...rule.meta.messages, fake: { 'zh-CN': `fake ${word.toLowerCase()}`, en: `fake ${word.toLowerCase()}` } } },
    check(context) {
      if (word === 'ERROR') seen.checked?.(context.source);
      context.source.split('\n').forEach((text, i) => {
        const column = text.indexOf(word) + 1;
        if (column > 0) context.report({ messageId: 'fake', at: { start: { line: i + 1, column }, end: { line: i + 1, column: column + word.length } } });
      });
    },
    ...(word === 'ERROR' ? { checkSet: (context: SetRuleContext<unknown>) => seen.finished?.(context.current.filePath) } : {}),
  });
  return fakeRules.map((rule) => (rule.meta.id === 'table-sums' ? marker(rule, 'ERROR') : rule.meta.id === 'fee-statement' ? marker(rule, 'WARN') : rule));
}

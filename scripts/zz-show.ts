import fs from 'node:fs';
import { lintText } from '../src/engine/lint.ts';
for (const f of process.argv.slice(2)) {
  const r = lintText(fs.readFileSync(f, 'utf8'), { filePath: f, locale: (process.env.LOC as 'en') ?? 'zh-CN' });
  const by: Record<string, number> = {};
  for (const m of r.messages) by[m.ruleId] = (by[m.ruleId] ?? 0) + 1;
  console.log(`== ${f.split('/').pop()} ${r.messages.length} ${JSON.stringify(by)}`);
  if (!process.env.BRIEF) for (const m of r.messages) console.log(`  ${m.line}:${m.column} ${m.ruleId}/${m.messageId} ${m.message.slice(0, 220)}`);
}

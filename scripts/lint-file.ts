// Dev helper: prints the diagnostics of one file (`node scripts/run-ts.mjs scripts/lint-file.ts FILE [en]`).
import fs from 'node:fs';
import { lintText } from '../src/engine/lint.ts';
const file = process.argv[2] ?? '';
const r = lintText(fs.readFileSync(file, 'utf8'), { filePath: file, locale: process.argv[3] === 'en' ? 'en' : 'zh-CN' });
for (const m of r.messages) console.log(`${m.line}:${m.column} ${m.severity === 2 ? 'E' : 'W'} ${m.ruleId} ${m.message}`);
console.log(`${r.errorCount} errors, ${r.warningCount} warnings`);

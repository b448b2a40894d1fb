import fs from 'node:fs';
import { parseMarkdown } from '../src/reading/parse.ts';
import { buildModel } from '../src/reading/build.ts';
const manifest = JSON.parse(fs.readFileSync('test/fixtures/noise/manifest.json', 'utf8')) as Record<string, { cells?: Record<string, number[]> }>;
for (const [file, entry] of Object.entries(manifest)) {
  const src = fs.readFileSync(`test/fixtures/noise/${file}`, 'utf8');
  const m = buildModel(src, parseMarkdown(src));
  const rows = [...m.tables.t3.rows, ...m.tables.t2.rows, ...m.tables.t4.rows];
  const bad: string[] = [];
  for (const [label, values] of Object.entries(entry.cells ?? {})) {
    const row = rows.find((r) => r.label === label || r.label.endsWith(`·${label}`) || r.label.endsWith(label));
    const got = row?.cells.map((c) => c.value);
    if (row?.status !== 'read' || JSON.stringify(got) !== JSON.stringify(values)) bad.push(`${label}: ${row?.status} ${JSON.stringify(got)} want ${JSON.stringify(values)}`);
  }
  console.log(file, bad.length === 0 ? 'OK' : `\n  ${bad.join('\n  ')}`);
}

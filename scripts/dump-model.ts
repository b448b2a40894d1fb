// Dev helper: the model read from one report (Markdown, or any input the CLI reads: .pdf, .docx,
// .html), `node scripts/run-ts.mjs scripts/dump-model.ts FILE [--text]` (--text prints the text read first).
import { readReport } from '../src/engine/decode.ts';
import { parseMarkdown } from '../src/reading/parse.ts';
import { buildModel } from '../src/reading/build.ts';
const read = await readReport(process.argv[2]!);
if ('error' in read) throw new Error(JSON.stringify(read.error));
const src = read.text;
if (process.argv.includes('--text')) console.log(src);
const m = buildModel(src, parseMarkdown(src));
const brief = {
  year: m.year,
  title: m.title && [m.title.text, m.title.agency, m.title.year],
  period: m.period?.text,
  contact: [m.contact.phones.map((p) => p.text), m.contact.emails.map((e) => e.text), m.contact.postcodes.map((p) => p.digits)],
  parts: m.parts.map((p) => `${p.part}:${p.numeral}${p.text}(${p.match})@${p.span.start.line}`),
};
console.log(JSON.stringify(brief));
for (const t of Object.values(m.tables)) {
  console.log(`== ${t.id} found=${t.found} tpl=${t.template}`);
  for (const r of t.rows)
    console.log(
      `  ${r.status.padEnd(7)} ${r.label.slice(0, 30)} ${r.cells.map((c) => (c.kind === 'number' ? c.value : c.kind[0])).join(',')} ${r.status !== 'read' ? 'found=' + r.valuesFound : ''}`,
    );
  for (const f of t.facts) console.log(`  ! ${f.kind} L${f.span.start.line}:${f.span.start.column} ${JSON.stringify({ ...f, span: undefined })}`);
}

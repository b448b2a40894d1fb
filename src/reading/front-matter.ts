/**
 * Front matter as static-site generators write it: YAML between `---` lines or TOML between
 * `+++` lines at the top of the file (remark-frontmatter finds it). `title` counts as the report's
 * title and `date` as its publication date; both keep their exact position in the file.
 */
import { optionalParsers } from './optional.ts';

export interface FrontMatter {
  /** Offsets of the whole block (fences included). */
  start: number;
  end: number;
  title: { text: string; start: number; end: number } | null;
  date: { year: number; month: number; day: number; start: number; end: number } | null;
}

/** The block as remark-frontmatter finds it: the fence on the first line, the same fence closing it. */
const BLOCK = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;

/**
 * Read from the source itself rather than the tree, so that a tree parsed without
 * remark-frontmatter (the remark plugin gets the user's own) gives the same result.
 */
export function findFrontMatter(source: string): FrontMatter | null {
  const block = BLOCK.exec(source);
  if (!block) return null;
  const start = 0;
  const end = block[0].length;
  // The value starts on the line after the opening fence.
  const valueStart = source.indexOf('\n') + 1;
  const value = block[2] ?? '';
  const fields = block[1] === '---' ? yamlFields(value) : tomlFields(value);
  const at = (field: { text: string; offset: number } | null) =>
    field ? { text: field.text, start: valueStart + field.offset, end: valueStart + field.offset + field.text.length } : null;
  const title = at(fields.title);
  const dateField = at(fields.date);
  const m = dateField ? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(dateField.text) : null;
  const date = m && dateField ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), start: dateField.start, end: dateField.end } : null;
  return { start, end, title, date };
}

type Field = { text: string; offset: number } | null;

/** `title` and `date` of a YAML block, with their offsets in it; nothing when it is not valid YAML. */
function yamlFields(value: string): { title: Field; date: Field } {
  const { parseDocument, isMap, isScalar } = optionalParsers();
  const doc = parseDocument(value, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { title: null, date: null };
  const field = (key: string): Field => {
    for (const pair of doc.contents && isMap(doc.contents) ? doc.contents.items : []) {
      if (!isScalar(pair.key) || pair.key.value !== key || !isScalar(pair.value) || !pair.value.range) continue;
      const [from, to] = pair.value.range;
      const raw = value.slice(from, to);
      // Quoted scalars: the text between the quotes.
      const quoted = /^(["'])([\s\S]*)\1$/.exec(raw);
      return quoted ? { text: quoted[2] ?? '', offset: from + 1 } : { text: raw.trim(), offset: from };
    }
    return null;
  };
  return { title: field('title'), date: field('date') };
}

/** `title` and `date` of a TOML block, found on their own lines; nothing when it is not valid TOML. */
function tomlFields(value: string): { title: Field; date: Field } {
  try {
    optionalParsers().parseToml(value);
  } catch {
    return { title: null, date: null };
  }
  const field = (key: string): Field => {
    const m = new RegExp(`^${key}\\s*=\\s*(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s#]+))`, 'm').exec(value);
    if (!m) return null;
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    const offset = m.index + m[0].length - text.length - (m[3] === undefined ? 1 : 0);
    return { text, offset };
  };
  return { title: field('title'), date: field('date') };
}

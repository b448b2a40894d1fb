/**
 * Quick fixes in editors (issue 21 item 2): the remark language server (what vscode-remark runs),
 * started over stdio with a `.remarkrc` naming `xxgk-lint/remark`, offers our fixes and
 * suggestions as code actions; applying one removes its finding. Speaks LSP through vscode-jsonrpc.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = process.cwd();
const SERVER = path.join(root, 'test/helpers/remark-language-server.mjs');

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface LspDiagnostic {
  range: Range;
  message: string;
  severity?: number;
  code?: string | number;
  source?: string;
  codeDescription?: { href: string };
  data?: { expected?: string[] };
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes?: Record<string, Array<{ range: Range; newText: string }>> };
}

// Inside the project (git-ignored tmp/), so that `xxgk-lint/remark` resolves as in a user's project.
mkdirSync(path.join(root, 'tmp'), { recursive: true });
const dir = mkdtempSync(path.join(root, 'tmp', 'lsp-'));
const reportPath = path.join(dir, 'report.md');
const uri = pathToFileURL(reportPath).href;

let server: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
/** Each publishDiagnostics for the report, in order; `next` waits for the one after those seen. */
const published: LspDiagnostic[][] = [];
const waiting: Array<() => void> = [];
function nextDiagnostics(seen: number): Promise<LspDiagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const found = published[seen];
      if (found) resolve(found);
      else waiting.push(check);
    };
    check();
  });
}

beforeAll(async () => {
  writeFileSync(path.join(dir, '.remarkrc.json'), JSON.stringify({ plugins: [['xxgk-lint/remark', { locale: 'en', config: false }]] }, null, 2));
  copyFileSync(path.join(root, 'examples/defects-2024.md'), reportPath);
  server = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } });
  server.stderr.resume();
  connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: LspDiagnostic[] }) => {
    if (params.uri !== uri) return;
    published.push(params.diagnostics);
    for (const wake of waiting.splice(0)) wake();
  });
  // Requests a client may get (window/showMessageRequest, …): answered with nothing.
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'reports' }],
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  try {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function codeActions(diagnostic: LspDiagnostic): Promise<CodeAction[]> {
  return connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
}

describe('the remark language server with xxgk-lint/remark', () => {
  it('offers the fixes as quick fixes, and applying them removes the findings', async () => {
    let text = readFileSync(reportPath, 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const first = await nextDiagnostics(0);
    expect(first.map((d) => d.code)).toEqual(expect.arrayContaining(['table-sums', 'fee-statement']));
    const sums = first.find((d) => d.code === 'table-sums');
    expect(sums).toMatchObject({ source: 'xxgk-lint', severity: 1, codeDescription: { href: expect.stringContaining('docs/rules/table-sums.md') } });

    // The total the relations agree on replaces the wrong cell: one preferred quick fix.
    const actions = await codeActions(sums as LspDiagnostic);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true, title: 'Replace `11` with `10`' });
    // The missing fee statement: inserted at the end of part 六.
    const fee = first.find((d) => d.code === 'fee-statement') as LspDiagnostic;
    const feeActions = await codeActions(fee);
    expect(feeActions).toHaveLength(1);

    // Apply both, as the editor does, and send the new text.
    const edits = [actions[0], feeActions[0]].flatMap((action) => action?.edit?.changes?.[uri] ?? []);
    expect(edits).toHaveLength(2);
    text = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    expect(text).toContain('2024年度本单位未收取信息处理费。');
    const after = await nextDiagnostics(1);
    expect(after.map((d) => d.code).sort()).toEqual(
      first
        .map((d) => d.code)
        .filter((code) => code !== 'table-sums' && code !== 'fee-statement')
        .sort(),
    );
    // A finding without an edit offers nothing.
    const plain = after.find((d) => !d.data);
    if (plain) expect(await codeActions(plain)).toEqual([]);
  }, 60_000);
});

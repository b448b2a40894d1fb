/**
 * Runs the Action's bundle, built from the current sources by the tests' global setup
 * (test/helpers/global-setup.mjs), the way the Actions runner does: as a child process with
 * a clean environment holding only what the runner provides — INPUT_* for every input of
 * action.yml (its default unless the test sets it), GITHUB_EVENT_NAME, GITHUB_EVENT_PATH to a
 * payload file, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, GITHUB_API_URL (the fake server), … —
 * and reads back what the runner would: the workflow commands printed, the outputs, the summary.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readActionManifest } from '../../scripts/action-yml.ts';
import { pushEvent } from './action-fixtures.ts';

export const ROOT = process.cwd();
export const ACTION_ENTRY = path.join(ROOT, 'node_modules/.cache/xxgk-lint-test/action.js');
export const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
export const SERVER_URL = 'https://github.com';

export interface RunActionOptions {
  /** The repository checkout (GITHUB_WORKSPACE and the working directory). */
  workspace: string;
  eventName: string;
  payload: unknown;
  /** Inputs as the workflow's `with:` sets them (the rest get action.yml's defaults). */
  inputs?: Record<string, string>;
  apiUrl?: string;
  repository?: string;
  sha?: string;
  /** Extra or replaced variables. */
  env?: Record<string, string>;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Workflow commands, unescaped; none from the text between ::stop-commands:: and its end. */
  commands: WorkflowCommand[];
  /** The log as the runner shows it: stdout without command lines, nor the stop-commands markers. */
  log: string[];
  outputs: Record<string, string>;
  summary: string;
}

/** The runner's INPUT_ variable for an input: upper case, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'xxgk-lint-runner-'));
  const files = {
    event: path.join(runnerTemp, 'event.json'),
    summary: path.join(runnerTemp, 'step_summary'),
    output: path.join(runnerTemp, 'output'),
    env: path.join(runnerTemp, 'env'),
    state: path.join(runnerTemp, 'state'),
    path: path.join(runnerTemp, 'path'),
  };
  await writeFile(files.event, JSON.stringify(options.payload));
  for (const file of [files.summary, files.output, files.env, files.state, files.path]) await writeFile(file, '');

  const manifest = readActionManifest(ROOT);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs)) {
    // The runner evaluates expressions in defaults; ${{ github.token }} is the only one.
    inputs[inputVariable(name)] = (input.default ?? '').replace('${{ github.token }}', TOKEN);
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) inputs[inputVariable(name)] = value;

  const repository = options.repository ?? 'octocat/Hello-World';
  const env: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_SHA: options.sha ?? 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: options.eventName.startsWith('pull_request') ? 'refs/pull/1347/merge' : 'refs/heads/main',
    GITHUB_SERVER_URL: SERVER_URL,
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_NUMBER: '3',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'xxgk-lint',
    GITHUB_ACTION: '__xxgk-lint_xxgk-lint',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: '年报检查',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    HOME: runnerTemp,
    ...inputs,
    ...options.env,
  };

  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    // Asynchronous: the fake API server answers from this same process.
    const child = spawn(process.execPath, [ACTION_ENTRY], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code, stdout: out, stderr: err }));
  });

  const { commands, log } = parseWorkflowCommands(stdout);
  return {
    exitCode,
    stdout,
    stderr,
    commands,
    log,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
  };
}

/** Workflow commands as the runner reads them: `::name key=value,…::message`, after leading spaces. */
export function parseWorkflowCommands(stdout: string): { commands: WorkflowCommand[]; log: string[] } {
  const commands: WorkflowCommand[] = [];
  const log: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const text = line.trimStart();
    if (stopToken !== undefined) {
      if (text === `::${stopToken}::`) stopToken = undefined;
      else log.push(line);
      continue;
    }
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(text);
    if (!match) {
      log.push(line);
      continue;
    }
    const [, command = '', props = '', message = ''] = match;
    if (command === 'stop-commands') {
      stopToken = message;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return { commands, log };
}

function unescapeData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(value: string): string {
  return unescapeData(value.replaceAll('%3A', ':').replaceAll('%2C', ','));
}

/** GITHUB_OUTPUT: `name<<DELIMITER` / value lines / `DELIMITER`, as @actions/core writes it. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Runs the Action on a push to `workspace` with these inputs, with no GitHub API to reach. */
export async function runOnPush(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const event = pushEvent();
  return runAction({ workspace, eventName: 'push', payload: event, sha: event.after, apiUrl: 'http://127.0.0.1:9', inputs });
}

/**
 * The Action's first job: where it runs (the working-directory input), its config and which files
 * to lint (on pull requests with only-changed, those the pull request adds or changes).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { builtinRules } from '../../../rules/index.ts';
import { loadConfig, searchSettings } from '../../engine/config.ts';
import type { LoadConfigOptions, LoadedConfig } from '../../engine/config.ts';
import { isInside } from '../../engine/paths.ts';
import type { Locale } from '../../types.ts';
import { errorDetail, httpStatus } from './checks.ts';
import type { Octokit } from './checks.ts';
import type { RunContext } from './context.ts';
import { MAX_LISTED_FILES, expandCandidates, listChangedFiles, selectAll, selectChanged } from './files.ts';
import type { ChangedFile, Selection } from './files.ts';
import { InputError } from './inputs.ts';
import type { Inputs } from './inputs.ts';
import { tr } from './messages.ts';

/**
 * The folder the Action runs in, as the CLI run there: the working-directory input resolved
 * against the workspace. It must be a folder inside the repository.
 */
export async function workingDirectory(workspace: string, inputs: Inputs, locale: Locale): Promise<string> {
  if (inputs.workingDirectory === undefined) return workspace;
  const dir = path.resolve(workspace, inputs.workingDirectory);
  const relative = path.relative(workspace, dir);
  const folder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!folder || (relative !== '' && !isInside(relative))) throw new InputError(tr('workingDirectoryMissing', locale, { dir: inputs.workingDirectory }));
  return dir;
}

export async function loadConfigFor(cwd: string, inputs: Inputs, allowCode: boolean): Promise<LoadedConfig> {
  // allowCode is for loaders that can run code (JS configs, plugins); a JSON-only loader ignores it.
  const options: LoadConfigOptions & { allowCode?: boolean } = { cwd, rules: builtinRules, locale: inputs.locale, allowCode };
  if (inputs.config !== undefined) options.configPath = inputs.config;
  return loadConfig(options);
}

export interface FileSelection extends Selection {
  /** Every file the `files` input matches (absolute): where last year's reports are looked for. */
  candidates: readonly string[];
  /** The pull request whose changed files were selected, when only-changed applied. */
  pullRequest: number | undefined;
  /** The pull request's files with their patches, when they were listed. */
  changed?: readonly ChangedFile[];
  /** Why only-changed could not apply on a pull request. */
  fallback: string | undefined;
}

export async function selectFiles(
  inputs: Inputs,
  context: RunContext,
  loaded: LoadedConfig,
  octokit: Octokit | undefined,
  cwd: string,
): Promise<FileSelection> {
  const { locale } = inputs;
  const { ignoresBase, ...search } = searchSettings(loaded);
  const candidates = await expandCandidates(inputs.files, cwd, { ...search, baseDir: ignoresBase });
  // As the CLI: `files` that match nothing in the workspace is a mistake (a wrong path or glob),
  // not a clean run. (A pull request that changes none of the matched files is fine.)
  if (candidates.files.length === 0) throw new InputError(tr('noFilesAtAll', locale, { patterns: inputs.files.join(', ') }));
  const pr = context.pullRequest;
  if (!inputs.onlyChanged || !pr) {
    return { ...selectAll(candidates, cwd), candidates: candidates.files, pullRequest: undefined, fallback: undefined };
  }
  let fallback: string;
  if (!octokit || !context.repo) {
    fallback = tr('listFilesNoToken', locale);
  } else {
    try {
      const changed = await listChangedFiles(octokit, context.repo.owner, context.repo.repo, pr.number);
      if (changed.length < MAX_LISTED_FILES)
        return {
          ...selectChanged(candidates, changed, cwd, context.workspace),
          candidates: candidates.files,
          pullRequest: pr.number,
          fallback: undefined,
          changed,
        };
      fallback = tr('listFilesTooMany', locale, { count: changed.length });
    } catch (err) {
      const status = httpStatus(err);
      fallback = tr('listFilesFailed', locale, { number: pr.number, detail: status === undefined ? errorDetail(err) : `HTTP ${status}: ${errorDetail(err)}` });
    }
  }
  core.warning(fallback);
  return { ...selectAll(candidates, cwd), candidates: candidates.files, pullRequest: undefined, fallback };
}

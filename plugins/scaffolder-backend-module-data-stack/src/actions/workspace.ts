import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DataStackError,
  DataStackInput,
  StackPlan,
  formatProblem,
  inFile,
  parseDataStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  LoadedLibrary,
  RenderedFile,
  describePlan,
  planStackFile,
  readStackFile,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';

/** What the data stack actions need from an action context. */
export interface WorkspaceContext {
  workspacePath: string;
  logger: { info(message: string): void };
}

/**
 * A path inside `base` (the workspace); one that leaves it (`../x`, an
 * absolute path, a symlink out) is bad input.
 */
export function insideWorkspace(
  base: string,
  child: string,
  input: string,
): string {
  try {
    return resolveSafeChildPath(base, child);
  } catch {
    throw new InputError(
      `${input} '${child}' is outside the workspace; give a path inside it, such as '.' or 'stack'`,
    );
  }
}

/** The stack's directory from an action's `targetPath` input, inside the workspace. */
export function stackDir(ctx: {
  workspacePath: string;
  input: { targetPath?: string };
}): string {
  return insideWorkspace(
    ctx.workspacePath,
    ctx.input.targetPath ?? '.',
    'targetPath',
  );
}

/**
 * Model problems as the scaffolder shows bad input: an InputError with one
 * line per problem, file paths relative to the workspace.
 */
export function asInputError(error: unknown, ctx: WorkspaceContext): never {
  if (error instanceof DataStackError) {
    const lines = error.problems.map(p =>
      formatProblem({
        ...p,
        file: p.file?.startsWith(ctx.workspacePath)
          ? path.relative(ctx.workspacePath, p.file)
          : p.file,
      }),
    );
    throw new InputError(lines.join('\n'));
  }
  throw error;
}

/** Resolves `<targetPath>/<stackFile>` from the workspace and logs the plan. */
export function planInWorkspace(
  ctx: WorkspaceContext,
  library: LoadedLibrary,
  dir: string,
  stackFile: string,
): StackPlan {
  const file = insideWorkspace(dir, stackFile, 'stackFile');
  try {
    const plan = planStackFile(file, library);
    describePlan(plan, line => ctx.logger.info(line));
    return plan;
  } catch (error) {
    return asInputError(error, ctx);
  }
}

/**
 * An existing stack.yaml, checked, as its author wrote it (defaults not
 * filled in, so a change to it stays small); problems become an InputError.
 */
export function readStackSpec(
  ctx: WorkspaceContext,
  file: string,
): DataStackInput {
  try {
    const value = readStackFile(file);
    try {
      parseDataStack(value);
      return value as DataStackInput;
    } catch (error) {
      if (!(error instanceof DataStackError)) throw error;
      throw new DataStackError(inFile(error.problems, file));
    }
  } catch (error) {
    return asInputError(error, ctx);
  }
}

/**
 * Where a written file is reported: its folder two levels down (a chart,
 * a service, a component's configs), or the file when it sits higher.
 */
const reportedUnder = (file: string) => {
  const parts = file.split('/');
  if (parts.length === 1) return file;
  return `${parts.slice(0, Math.min(2, parts.length - 1)).join('/')}/`;
};

/**
 * Writes rendered files under `dir`, logging a line per folder (a task
 * log of hundreds of lines says less); returns workspace-relative paths.
 */
export function writeInWorkspace(
  ctx: WorkspaceContext,
  dir: string,
  files: RenderedFile[],
): string[] {
  writeStackFiles(dir, files);
  const written = files.map(f =>
    path.relative(ctx.workspacePath, path.join(dir, f.path)),
  );
  const folders = new Map<string, number>();
  for (const f of written)
    folders.set(reportedUnder(f), (folders.get(reportedUnder(f)) ?? 0) + 1);
  for (const [where, count] of folders)
    ctx.logger.info(
      where.endsWith('/')
        ? `wrote ${where} (${count} files)`
        : `wrote ${where}`,
    );
  ctx.logger.info(`${written.length} files written`);
  return written;
}

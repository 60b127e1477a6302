import {
  DataStackError,
  Problem,
  StackPlan,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { LoadedLibrary } from '../library/loadLibrary';
import { builtInTargets } from './builtInTargets';
import { RenderedFile } from './files';
import { OutputTargets } from './outputTargets';
import { renderInput } from './renderInput';
import { renderSecrets } from './secrets';

/**
 * Files of several renders as one set: a path two targets share (the values
 * files) must come out the same; anything else is a library error.
 */
export function mergeRenderedFiles(files: RenderedFile[]): RenderedFile[] {
  const byPath = new Map<string, RenderedFile>();
  const problems: Problem[] = [];
  for (const f of files) {
    const other = byPath.get(f.path);
    if (other && other.content !== f.content)
      problems.push({
        path: f.path,
        message: 'is rendered twice; two components write the same file',
      });
    byPath.set(f.path, f);
  }
  if (problems.length) throw new DataStackError(problems);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Every file of the stack: each of its targets, plus the config files and
 * the secrets template, which every stack repository carries. `known` are
 * the targets this renderer has; a target the stack names outside them is
 * a problem at `spec.targets[i]`.
 */
export function renderStack(
  plan: StackPlan,
  library: LoadedLibrary,
  known: OutputTargets = builtInTargets,
): RenderedFile[] {
  const targets = known.ofPlan(plan);
  const input = renderInput(plan, library, targets);
  return mergeRenderedFiles([
    ...input.configFiles,
    ...renderSecrets(plan),
    ...targets.flatMap(t => t.render(input)),
  ]);
}

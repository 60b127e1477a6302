import {
  DataStackError,
  Problem,
  StackPlan,
  StackTarget,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { LoadedLibrary } from '../library/loadLibrary';
import { renderCompose } from './compose';
import { RenderedFile } from './files';
import { RenderInput, renderInput } from './renderInput';
import { renderCatalog } from './catalog';
import { renderHelmTarget, renderHelmfileTarget } from './helm/renderHelm';
import { renderStackDocs } from './stackDocs';
import { renderSecrets } from './secrets';

/** Files one target writes; every target reads the same input. */
export function renderTarget(
  input: RenderInput,
  target: StackTarget,
): RenderedFile[] {
  switch (target) {
    case 'compose':
      // Compose mounts the config files; the charts carry them as ConfigMaps.
      return [
        ...renderCompose(input.plan),
        ...input.configFiles,
        ...renderSecrets(input.plan),
      ];
    case 'helm':
      return renderHelmTarget(input);
    case 'helmfile':
      return renderHelmfileTarget(input);
    case 'catalog':
      return [renderCatalog(input.plan), ...renderStackDocs(input.plan)];
    default:
      throw new Error(`unknown target ${target satisfies never}`);
  }
}

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
 * the secrets template, which every stack repository carries.
 */
export function renderStack(
  plan: StackPlan,
  library: LoadedLibrary,
): RenderedFile[] {
  const input = renderInput(plan, library);
  return mergeRenderedFiles([
    ...input.configFiles,
    ...renderSecrets(plan),
    ...plan.stack.targets.flatMap(t => renderTarget(input, t)),
  ]);
}

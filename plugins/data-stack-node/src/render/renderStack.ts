import {
  DataStackError,
  Problem,
  StackPlan,
  StackTarget,
  ownValue,
  problemsFromZod,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { ZodError } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedLibrary } from '../library/loadLibrary';
import { readInputFile } from '../read/readInputFile';
import { renderCompose } from './compose';
import { configRenderers } from './configs/renderers';
import { RenderedFile } from './files';
import { renderCatalog } from './catalog';
import { renderHelmTarget, renderHelmfileTarget } from './helm/renderHelm';
import { renderStackDocs } from './stackDocs';
import { renderSecrets } from './secrets';

/** Config files every component asks for in `spec.configs`. */
export function renderConfigs(plan: StackPlan): RenderedFile[] {
  const problems: Problem[] = [];
  const files: RenderedFile[] = [];
  for (const component of plan.components) {
    component.configs.forEach((config, i) => {
      const file = component.source;
      const where = `spec.configs[${i}]`;
      const renderer = ownValue(configRenderers, config.renderer);
      if (!renderer) {
        problems.push({
          file,
          path: where,
          message: `unknown renderer '${
            config.renderer
          }'; renderers are ${Object.keys(configRenderers).join(', ')}`,
        });
        return;
      }
      const params = renderer.params.safeParse(config);
      if (!params.success) {
        for (const issue of params.error.issues)
          problems.push({
            file,
            path: `${where}.${issue.path.join('.')}`,
            message: issue.message,
          });
        return;
      }
      try {
        files.push(...renderer.render({ plan, component }, params.data));
      } catch (error) {
        // A renderer checks what it reads from providers with zod: their
        // data comes from other descriptors.
        if (!(error instanceof ZodError)) throw error;
        problems.push(
          ...problemsFromZod(error, file).map(p => ({
            ...p,
            path: `${where}${p.path ? ` (${p.path})` : ''}`,
          })),
        );
      }
    });
  }
  if (problems.length) throw new DataStackError(problems);
  return files;
}

/**
 * Files a descriptor ships as they are (`spec.files`), copied from the
 * library: only regular files inside the component's own folder, never
 * through a link (which could copy /etc/passwd into a stack), a pipe or a
 * device (which would block or never end).
 */
export function copyComponentFiles(
  plan: StackPlan,
  library: LoadedLibrary,
): RenderedFile[] {
  const problems: Problem[] = [];
  const files = plan.components.flatMap(c =>
    c.files.flatMap((file, i) => {
      const folder = fs.realpathSync(library.sources.get(c.id)!);
      const source = path.join(folder, file);
      try {
        const real = fs.realpathSync(source);
        if (real !== source)
          throw new DataStackError([
            {
              path: '',
              message: `'${file}' is reached through a symbolic link; ship the file itself in the component's folder`,
            },
          ]);
        const content = readInputFile(source, { noFollow: true });
        const executable = fs.statSync(source).mode & 0o111;
        return [
          {
            path: `services/${c.id}/${file}`,
            content,
            mode: executable ? 0o755 : undefined,
          },
        ];
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        let reason = `cannot be read (${code})`;
        if (error instanceof DataStackError) reason = error.problems[0].message;
        else if (code === 'ENOENT') reason = 'does not exist';
        problems.push({
          file: c.source,
          path: `spec.files[${i}]`,
          message: reason.startsWith("'") ? reason : `'${file}' ${reason}`,
        });
        return [];
      }
    }),
  );
  if (problems.length) throw new DataStackError(problems);
  return files;
}

/** Files one target writes; every target reads the same plan and renderers. */
export function renderTarget(
  plan: StackPlan,
  library: LoadedLibrary,
  target: StackTarget,
): RenderedFile[] {
  // Compose mounts these files; the charts carry them as ConfigMaps.
  const configFilesOf = (p: StackPlan) => [
    ...renderConfigs(p),
    ...copyComponentFiles(p, library),
  ];
  switch (target) {
    case 'compose':
      return [
        ...renderCompose(plan),
        ...configFilesOf(plan),
        ...renderSecrets(plan),
      ];
    case 'helm':
      return renderHelmTarget(plan, library, configFilesOf);
    case 'helmfile':
      return renderHelmfileTarget(plan, configFilesOf);
    case 'catalog':
      return [renderCatalog(plan), ...renderStackDocs(plan)];
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
  return mergeRenderedFiles([
    ...renderConfigs(plan),
    ...copyComponentFiles(plan, library),
    ...renderSecrets(plan),
    ...plan.stack.targets.flatMap(t => renderTarget(plan, library, t)),
  ]);
}

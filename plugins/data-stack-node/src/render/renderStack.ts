import {
  DataStackError,
  Problem,
  StackPlan,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedLibrary } from '../library/loadLibrary';
import { renderCompose } from './compose';
import { configRenderers } from './configs/renderers';
import { RenderedFile } from './files';
import { renderCatalog } from './catalog';
import { renderHelm } from './helm/renderHelm';
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
      const renderer = configRenderers[config.renderer];
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
      files.push(...renderer.render({ plan, component }, params.data));
    });
  }
  if (problems.length) throw new DataStackError(problems);
  return files;
}

/** Files a descriptor ships as they are (`spec.files`), copied from the library. */
export function copyComponentFiles(
  plan: StackPlan,
  library: LoadedLibrary,
): RenderedFile[] {
  return plan.components.flatMap(c =>
    c.files.map(file => {
      const source = path.join(library.sources.get(c.id)!, file);
      const stat = fs.statSync(source);
      return {
        path: `services/${c.id}/${file}`,
        content: fs.readFileSync(source, 'utf8'),
        mode: stat.mode & 0o111 ? 0o755 : undefined,
      };
    }),
  );
}

/**
 * Every file of the stack: compose files, configs, the secrets template,
 * shipped files, the Kubernetes target (values, charts, helmfile) and the
 * catalog target (catalog-info.yaml and the TechDocs page). Paths are
 * unique; a clash is a library error.
 */
export function renderStack(
  plan: StackPlan,
  library: LoadedLibrary,
): RenderedFile[] {
  // Compose mounts these files; the charts carry them as ConfigMaps.
  const configFilesOf = (p: StackPlan) => [
    ...renderConfigs(p),
    ...copyComponentFiles(p, library),
  ];
  const files = [
    ...(plan.stack.targets.includes('compose') ? renderCompose(plan) : []),
    ...configFilesOf(plan),
    ...renderSecrets(plan),
    ...renderHelm(plan, library, configFilesOf),
    ...(plan.stack.targets.includes('catalog')
      ? [renderCatalog(plan), ...renderStackDocs(plan)]
      : []),
  ];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const f of files) {
    if (seen.has(f.path))
      problems.push({
        path: f.path,
        message: 'is rendered twice; two components write the same file',
      });
    seen.add(f.path);
  }
  if (problems.length) throw new DataStackError(problems);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

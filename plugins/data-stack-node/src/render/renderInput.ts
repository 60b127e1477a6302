import {
  DATA_STACK_API_VERSION,
  DataStackError,
  Problem,
  StackPlan,
  ownValue,
  problemsFromZod,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { ZodError } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedLibrary } from '../library/loadLibrary';
import { readInputFile } from '../read/readInputFile';
import { configRenderers } from './configs/renderers';
import { RenderedFile } from './files';
import type { OutputTarget } from './outputTargets';

/** A plan with the config files its components mount. */
export interface PlanFiles {
  plan: StackPlan;
  /**
   * What compose mounts and the charts carry as ConfigMaps: the rendered
   * `spec.configs` and the files descriptors ship (`spec.files`).
   */
  configFiles: RenderedFile[];
}

/**
 * What the targets render from, gathered once before any of them renders:
 * every target renderer is a function of this alone, and none resolves a
 * stack or reads the library.
 */
export interface RenderInput extends PlanFiles {
  /**
   * The chart defaults of each component, in the plan's order: a dev stack
   * with that component alone (the resolver adds what it needs), so a chart
   * is the same in every stack. Empty unless charts are rendered.
   */
  charts: (PlanFiles & { component: string })[];
}

/** The name of the stack whose values become each chart's defaults. */
const DEFAULTS_STACK = 'datastack';

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

/** A plan with its config files, from the library. */
function planFiles(plan: StackPlan, library: LoadedLibrary): PlanFiles {
  return {
    plan,
    configFiles: [...renderConfigs(plan), ...copyComponentFiles(plan, library)],
  };
}

/** Whether rendering `targets` writes the charts (not when a chart repository serves them). */
const rendersCharts = (plan: StackPlan, targets: readonly OutputTarget[]) =>
  targets.some(t => t.readsChartDefaults) &&
  !plan.stack.kubernetes.chartRepository;

/** The input `targets` render a plan from. */
export function renderInput(
  plan: StackPlan,
  library: LoadedLibrary,
  targets: readonly OutputTarget[],
): RenderInput {
  return {
    ...planFiles(plan, library),
    charts: rendersCharts(plan, targets)
      ? plan.components.map(c => {
          const alone = resolveStack(
            {
              apiVersion: DATA_STACK_API_VERSION,
              kind: 'DataStack',
              metadata: { name: DEFAULTS_STACK },
              spec: { profile: 'dev', components: [c.id] },
            },
            library,
          );
          return { component: c.id, ...planFiles(alone, library) };
        })
      : [],
  };
}

import {
  DATA_STACK_API_VERSION,
  StackPlan,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { LoadedLibrary } from '../../library/loadLibrary';
import { stringifyYaml } from '../../yaml';
import { GENERATED_HEADER, RenderedFile } from '../files';
import { renderComponentChart, renderCommonChart } from './chart';
import { renderHelmfile, valuesFile } from './helmfile';
import { releaseValues } from './releaseValues';
import type { ReleaseValues } from './valuesSchema';

/** Config files a plan mounts, rendered by the same renderers as compose. */
export type ConfigFilesOf = (plan: StackPlan) => RenderedFile[];

/** The release values of every component of a plan, in start-up order. */
export function renderReleaseValues(
  plan: StackPlan,
  configFiles: RenderedFile[],
): Map<string, ReleaseValues> {
  return new Map(
    plan.components.map(c => [c.id, releaseValues(plan, c, configFiles)]),
  );
}

/** The name of the stack whose values become each chart's defaults. */
const DEFAULTS_STACK = 'datastack';

/**
 * The chart of every component of the plan. A chart does not depend on the
 * stack: its defaults are the values of a dev stack with that component
 * alone (the resolver adds what it needs), so the charts of this repository
 * and of the stacks are the same.
 */
export function renderCharts(
  plan: StackPlan,
  library: LoadedLibrary,
  configFilesOf: ConfigFilesOf,
): RenderedFile[] {
  return [
    ...renderCommonChart(),
    ...plan.components.flatMap(c => {
      const alone = resolveStack(
        {
          apiVersion: DATA_STACK_API_VERSION,
          kind: 'DataStack',
          metadata: { name: DEFAULTS_STACK },
          spec: { profile: 'dev', components: [c.id] },
        },
        library,
      );
      const component = alone.components.find(a => a.id === c.id)!;
      return renderComponentChart(
        alone,
        component,
        releaseValues(alone, component, configFilesOf(alone)),
      );
    }),
  ];
}

/** `values/<id>.yaml` of every release. */
export function renderValuesFiles(
  plan: StackPlan,
  configFiles: RenderedFile[],
): RenderedFile[] {
  return [...renderReleaseValues(plan, configFiles)].map(([id, v]) => ({
    path: valuesFile(id),
    content: stringifyYaml(v, {
      header: `Values of the ${id} release of the ${plan.stack.name} stack (${plan.profile.id} profile).\n${GENERATED_HEADER}`,
    }),
  }));
}

/**
 * The helm target: `values/<id>.yaml` per release and the charts, vendored
 * into `helm-charts/` unless the stack names a chart repository.
 */
export function renderHelmTarget(
  plan: StackPlan,
  library: LoadedLibrary,
  configFilesOf: ConfigFilesOf,
): RenderedFile[] {
  return [
    ...renderValuesFiles(plan, configFilesOf(plan)),
    ...(plan.stack.kubernetes.chartRepository
      ? []
      : renderCharts(plan, library, configFilesOf)),
  ];
}

/** The helmfile target: `helmfile.yaml` and the values files it names. */
export function renderHelmfileTarget(
  plan: StackPlan,
  configFilesOf: ConfigFilesOf,
): RenderedFile[] {
  return [
    renderHelmfile(plan),
    ...renderValuesFiles(plan, configFilesOf(plan)),
  ];
}

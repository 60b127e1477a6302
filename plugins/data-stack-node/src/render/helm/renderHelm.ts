import { stringifyYaml } from '../../yaml';
import { GENERATED_HEADER, RenderedFile } from '../files';
import type { PlanFiles, RenderInput } from '../renderInput';
import { renderComponentChart, renderCommonChart } from './chart';
import { renderHelmfile, valuesFile } from './helmfile';
import { releaseValues } from './releaseValues';
import type { ReleaseValues } from './valuesSchema';

/** The release values of every component of a plan, in start-up order. */
export function renderReleaseValues({
  plan,
  configFiles,
}: PlanFiles): Map<string, ReleaseValues> {
  return new Map(
    plan.components.map(c => [c.id, releaseValues(plan, c, configFiles)]),
  );
}

/**
 * The chart of every component of the plan. A chart does not depend on the
 * stack: its defaults are the values of a dev stack with that component
 * alone (`RenderInput.charts`), so the charts of this repository and of the
 * stacks are the same.
 */
export function renderCharts(input: RenderInput): RenderedFile[] {
  return [
    ...renderCommonChart(),
    ...input.charts.flatMap(({ component: id, plan, configFiles }) => {
      const component = plan.components.find(a => a.id === id)!;
      return renderComponentChart(
        plan,
        component,
        releaseValues(plan, component, configFiles),
      );
    }),
  ];
}

/** `values/<id>.yaml` of every release. */
export function renderValuesFiles(input: PlanFiles): RenderedFile[] {
  const { plan } = input;
  return [...renderReleaseValues(input)].map(([id, v]) => ({
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
export function renderHelmTarget(input: RenderInput): RenderedFile[] {
  return [
    ...renderValuesFiles(input),
    ...(input.plan.stack.kubernetes.chartRepository ? [] : renderCharts(input)),
  ];
}

/** The helmfile target: `helmfile.yaml` and the values files it names. */
export function renderHelmfileTarget(input: PlanFiles): RenderedFile[] {
  return [renderHelmfile(input.plan), ...renderValuesFiles(input)];
}

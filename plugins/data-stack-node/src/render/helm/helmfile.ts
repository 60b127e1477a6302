import type { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import { stringifyYaml } from '../../yaml';
import { GENERATED_HEADER, RenderedFile } from '../files';
import { CHARTS_DIR } from './chart';

export const HELMFILE = 'helmfile.yaml';
export const VALUES_DIR = 'values';
export const CHART_REPOSITORY_NAME = 'datastack';
export const valuesFile = (component: string) =>
  `${VALUES_DIR}/${component}.yaml`;

/**
 * `helmfile.yaml`: one release per component, in start-up order, each
 * `needs:` the components it waits for, the same edges as compose's
 * `depends_on`. Plain YAML (no `.gotmpl`), so helmfile 1.x reads it as is.
 */
export function renderHelmfile(plan: StackPlan): RenderedFile {
  const { namespace, chartRepository } = plan.stack.kubernetes;
  const oci = chartRepository?.url.startsWith('oci://');
  const doc: Record<string, unknown> = {};
  if (chartRepository)
    doc.repositories = [
      {
        name: CHART_REPOSITORY_NAME,
        url: oci
          ? chartRepository.url.slice('oci://'.length)
          : chartRepository.url,
        ...(oci && { oci: true }),
      },
    ];
  // Wait for each release to be ready (and its jobs done) before the
  // releases that need it start, as compose waits for service_healthy.
  doc.helmDefaults = {
    wait: true,
    waitForJobs: true,
    timeout: 900,
    createNamespace: true,
  };
  doc.releases = plan.components.map(c => ({
    name: c.id,
    namespace,
    chart: chartRepository
      ? `${CHART_REPOSITORY_NAME}/${c.id}`
      : `./${CHARTS_DIR}/${c.id}`,
    ...(chartRepository && { version: chartRepository.version }),
    values: [valuesFile(c.id)],
    ...(c.dependsOn.length && {
      needs: c.dependsOn.map(d => `${namespace}/${d}`),
    }),
  }));
  return {
    path: HELMFILE,
    content: stringifyYaml(doc, {
      header: `${plan.stack.name} on Kubernetes: helmfile apply\n${GENERATED_HEADER}`,
    }),
  };
}

import {
  Problem,
  orderByDependencies,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const releaseSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1),
  chart: z.string().min(1),
  version: z.string().optional(),
  values: z.array(z.string()).default([]),
  needs: z.array(z.string()).default([]),
});

export const helmfileSchema = z.object({
  repositories: z
    .array(
      z.object({
        name: z.string(),
        url: z.string(),
        oci: z.boolean().optional(),
      }),
    )
    .default([]),
  helmDefaults: z.record(z.string(), z.unknown()).optional(),
  releases: z.array(releaseSchema).min(1),
});

export type Helmfile = z.output<typeof helmfileSchema>;
export type HelmfileRelease = z.output<typeof releaseSchema>;

/**
 * The structure of helmfile.yaml: every release names its namespace, a
 * chart that exists (or comes from a declared repository) and values files
 * that exist; every `needs:` entry names a release; the needs are acyclic.
 */
export function checkHelmfile(
  value: unknown,
  dir: string,
  file: string,
): { helmfile?: Helmfile; problems: Problem[] } {
  const parsed = helmfileSchema.safeParse(value);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map(i => ({
        file,
        path: i.path.join('.'),
        message: i.message,
      })),
    };
  const helmfile = parsed.data;
  const problems: Problem[] = [];
  const ids = new Map(
    helmfile.releases.map(r => [`${r.namespace}/${r.name}`, r]),
  );
  const repos = new Set(helmfile.repositories.map(r => r.name));
  // helmfile names a release in `needs:` as [namespace/]name.
  const needId = (r: HelmfileRelease, need: string) =>
    need.includes('/') ? need : `${r.namespace}/${need}`;
  helmfile.releases.forEach((r, i) => {
    const at = (p: string, message: string) =>
      problems.push({ file, path: `releases[${i}]${p}`, message });
    if (r.chart.startsWith('./') || r.chart.startsWith('../')) {
      if (!fs.existsSync(path.join(dir, r.chart, 'Chart.yaml')))
        at('.chart', `${r.chart} is not a chart directory`);
    } else if (!repos.has(r.chart.split('/')[0]))
      at('.chart', `${r.chart} names no declared repository`);
    for (const v of r.values)
      if (!fs.existsSync(path.join(dir, v)))
        at('.values', `${v} does not exist`);
    for (const need of r.needs) {
      if (!ids.has(needId(r, need)))
        at('.needs', `'${need}' is not a release of this helmfile`);
    }
  });
  const order = orderByDependencies([...ids.keys()], id => {
    const r = ids.get(id)!;
    return r.needs.map(n => needId(r, n)).filter(n => ids.has(n));
  });
  if ('cycle' in order)
    problems.push({
      file,
      path: 'releases',
      message: `needs form a cycle: ${order.cycle.join(' -> ')}`,
    });
  return { helmfile, problems };
}

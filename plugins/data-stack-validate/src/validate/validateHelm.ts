import {
  DataStackError,
  Problem,
  kubernetesId,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  helmMessage,
  inPool,
  runHelm,
  stageChart,
  templateRelease,
} from '../helm/helmCli';
import {
  CHARTS_DIR,
  HELMFILE,
  readYamlFile,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { HelmfileRelease, checkHelmfile } from './checkHelmfile';
import { KubernetesObject, checkManifests } from './checkManifests';

/**
 * How much a validation runs. `load` proves the files load and render in
 * the tools users run, each chart rendered once; `full` adds the linters
 * (dclint, `helm lint --strict`, `helmfile lint`) and renders every chart
 * with its defaults as well as with its release's values.
 */
export type ValidationChecks = 'load' | 'full';

export interface HelmCheckOptions {
  /** Helm processes at a time; the machine's cores by default. */
  concurrency?: number;
  /** Extra `--set` values for every template run (e.g. ServiceMonitors on). */
  set?: string[];
  /** `full` unless told. */
  checks?: ValidationChecks;
}

export interface HelmCheck {
  problems: Problem[];
  /**
   * The objects each chart renders as deployed: with its release's values,
   * or with its defaults when no release names it.
   */
  objects: KubernetesObject[];
}

const readYaml = (file: string) => readYamlFile(file) as any;

/** Application charts under helm-charts/ (the library chart renders nothing). */
export function chartsIn(dir: string): string[] {
  const root = path.join(dir, CHARTS_DIR);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter(name => fs.existsSync(path.join(root, name, 'Chart.yaml')))
    .filter(
      name => readYaml(path.join(root, name, 'Chart.yaml')).type !== 'library',
    )
    .sort();
}

/**
 * The Kubernetes target of a rendered stack, checked with the real tools:
 * helmfile.yaml's structure and `needs:`; then `helm template` of every
 * chart with its release's values (with `full` checks also with its
 * defaults, each run after `helm lint --strict`), and every rendered object
 * through `checkManifests`.
 */
export async function validateHelmDir(
  dir: string,
  options: HelmCheckOptions = {},
): Promise<Problem[]> {
  return (await checkHelmDir(dir, options)).problems;
}

/** `validateHelmDir`, with the objects the charts render as deployed. */
export async function checkHelmDir(
  dir: string,
  options: HelmCheckOptions = {},
): Promise<HelmCheck> {
  const full = (options.checks ?? 'full') === 'full';
  const problems: Problem[] = [];
  const deployed: KubernetesObject[] = [];
  const releases = new Map<string, HelmfileRelease>();
  const helmfilePath = path.join(dir, HELMFILE);
  const stackFile = path.join(dir, 'stack.yaml');
  try {
    if (fs.existsSync(helmfilePath)) {
      const checked = checkHelmfile(readYaml(helmfilePath), dir, HELMFILE);
      problems.push(...checked.problems);
      for (const r of checked.helmfile?.releases ?? []) releases.set(r.name, r);
    }
  } catch (error) {
    if (error instanceof DataStackError)
      return { problems: error.problems, objects: [] };
    throw error;
  }
  const stackName: string | undefined = fs.existsSync(stackFile)
    ? readYaml(stackFile)?.metadata?.name
    : undefined;

  const charts = chartsIn(dir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-helm-'));
  try {
    const results = await inPool(
      charts,
      options.concurrency ?? Math.max(1, os.availableParallelism()),
      async name => {
        const found: Problem[] = [];
        const chartDir = path.join(dir, CHARTS_DIR, name);
        const chartFile = `${CHARTS_DIR}/${name}`;
        const staged = stageChart(
          chartDir,
          fs.mkdtempSync(path.join(staging, 'c')),
        );
        const defaults = readYaml(path.join(chartDir, 'values.yaml'));
        const release = releases.get(name);
        const runs: {
          file: string;
          release: string;
          namespace: string;
          values: string[];
          expectedId: string;
        }[] = [];
        if (full || !release)
          runs.push({
            file: chartFile,
            release: name,
            namespace: 'default',
            values: [],
            expectedId: kubernetesId(defaults?.stack, name),
          });
        if (release)
          runs.push({
            file: release.values[0] ?? HELMFILE,
            release: release.name,
            namespace: release.namespace,
            values: release.values.map(v => path.join(dir, v)),
            // What the catalog annotates: the stack's name and the component.
            expectedId: kubernetesId(
              stackName ?? readYaml(path.join(dir, release.values[0])).stack,
              name,
            ),
          });
        let objects: KubernetesObject[] = [];
        for (const run of runs) {
          const lint = full
            ? await runHelm([
                'lint',
                '--strict',
                staged,
                '--namespace',
                run.namespace,
                ...run.values.flatMap(v => ['--values', v]),
              ])
            : undefined;
          if (lint && !lint.ok)
            found.push({
              file: run.file,
              path: 'helm lint --strict',
              message: helmMessage(lint),
            });
          const rendered = await templateRelease({
            chart: staged,
            release: run.release,
            namespace: run.namespace,
            valuesFiles: run.values,
            set: options.set,
          });
          if ('error' in rendered) {
            objects = [];
            found.push({
              file: run.file,
              path: 'helm template',
              message: rendered.error,
            });
          } else {
            // The last run is the deployed one: the release's, when there is one.
            objects = rendered.objects as KubernetesObject[];
            found.push(...checkManifests(objects, run.expectedId, run.file));
          }
        }
        return { found, objects };
      },
    );
    for (const r of results) {
      problems.push(...r.found);
      deployed.push(...r.objects);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { problems, objects: deployed };
}

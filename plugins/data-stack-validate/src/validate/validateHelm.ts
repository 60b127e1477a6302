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
import { inScratchDir } from './stackTools';

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
  let helmfile: ReturnType<typeof helmfileReleases>;
  try {
    helmfile = helmfileReleases(dir);
  } catch (error) {
    // A helmfile.yaml that does not load: its problems alone, no chart rendered.
    if (error instanceof DataStackError)
      return { problems: error.problems, objects: [] };
    throw error;
  }
  const stackName = stackNameIn(dir);
  const results = await inScratchDir(
    staging =>
      inPool(
        chartsIn(dir),
        options.concurrency ?? Math.max(1, os.availableParallelism()),
        async name => {
          const staged = stageChart(
            path.join(dir, CHARTS_DIR, name),
            fs.mkdtempSync(path.join(staging, 'c')),
          );
          const runs = templateRuns(
            dir,
            name,
            helmfile.releases.get(name),
            stackName,
            full,
          );
          return checkRuns(staged, runs, full, options.set);
        },
      ),
    'datastack-helm-',
  );
  return {
    problems: [...helmfile.problems, ...results.flatMap(r => r.problems)],
    objects: results.flatMap(r => r.objects),
  };
}

/** helmfile.yaml's structural problems, and its releases by name (none without one). */
function helmfileReleases(dir: string): {
  problems: Problem[];
  releases: Map<string, HelmfileRelease>;
} {
  const file = path.join(dir, HELMFILE);
  if (!fs.existsSync(file)) return { problems: [], releases: new Map() };
  const checked = checkHelmfile(readYaml(file), dir, HELMFILE);
  return {
    problems: checked.problems,
    releases: new Map(checked.helmfile?.releases.map(r => [r.name, r])),
  };
}

/** The name in stack.yaml, when the directory holds one. */
function stackNameIn(dir: string): string | undefined {
  const file = path.join(dir, 'stack.yaml');
  return fs.existsSync(file) ? readYaml(file)?.metadata?.name : undefined;
}

/** One `helm template` of a chart, and the file its problems are told against. */
interface TemplateRun {
  file: string;
  release: string;
  namespace: string;
  values: string[];
  /** The backstage.io/kubernetes-id its pods must carry. */
  expectedId: string;
}

/**
 * How a chart is rendered: with its defaults (with `full` checks, or when
 * no release names it), then as its release deploys it. The last run is
 * the deployed one.
 */
function templateRuns(
  dir: string,
  name: string,
  release: HelmfileRelease | undefined,
  stackName: string | undefined,
  full: boolean,
): TemplateRun[] {
  const defaults = readYaml(path.join(dir, CHARTS_DIR, name, 'values.yaml'));
  const runs: TemplateRun[] = [];
  if (full || !release)
    runs.push({
      file: `${CHARTS_DIR}/${name}`,
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
  return runs;
}

/**
 * Every run of a staged chart, one after another: `helm lint --strict`
 * with `full` checks, then `helm template` and the rendered objects'
 * checks. The objects are the last run's, none when it failed to render.
 */
async function checkRuns(
  staged: string,
  runs: TemplateRun[],
  full: boolean,
  set: string[] | undefined,
): Promise<{ problems: Problem[]; objects: KubernetesObject[] }> {
  const problems: Problem[] = [];
  let objects: KubernetesObject[] = [];
  for (const run of runs) {
    if (full) problems.push(...(await lintProblems(staged, run)));
    const rendered = await renderRun(staged, run, set);
    problems.push(...rendered.problems);
    objects = rendered.objects;
  }
  return { problems, objects };
}

/** `helm lint --strict` of a staged chart with a run's values. */
async function lintProblems(
  staged: string,
  run: TemplateRun,
): Promise<Problem[]> {
  const lint = await runHelm([
    'lint',
    '--strict',
    staged,
    '--namespace',
    run.namespace,
    ...run.values.flatMap(v => ['--values', v]),
  ]);
  if (lint.ok) return [];
  return [
    { file: run.file, path: 'helm lint --strict', message: helmMessage(lint) },
  ];
}

/** `helm template` of a run, and `checkManifests` over what it renders. */
async function renderRun(
  staged: string,
  run: TemplateRun,
  set: string[] | undefined,
): Promise<{ problems: Problem[]; objects: KubernetesObject[] }> {
  const rendered = await templateRelease({
    chart: staged,
    release: run.release,
    namespace: run.namespace,
    valuesFiles: run.values,
    set,
  });
  if ('error' in rendered)
    return {
      problems: [
        { file: run.file, path: 'helm template', message: rendered.error },
      ],
      objects: [],
    };
  const objects = rendered.objects as KubernetesObject[];
  return {
    problems: checkManifests(objects, run.expectedId, run.file),
    objects,
  };
}

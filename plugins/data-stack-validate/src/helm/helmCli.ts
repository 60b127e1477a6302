import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { readYamlFile } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  ToolResult,
  runTool,
  toolBinary,
  toolMessage,
} from '../validate/stackTools';

/**
 * The real helm binary: `DATASTACK_HELM`, else `helm` on the PATH (the
 * set-up puts Helm 4 from an npm package in .tools/bin).
 */
export const helmBinary = () => toolBinary('helm');

export type HelmResult = ToolResult;

/** Runs helm; a missing binary is an error, a failing command a result. */
export const runHelm = (args: string[]): Promise<HelmResult> =>
  runTool('helm', args, { env: { HELM_NO_PLUGINS: '1' } });

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
export async function inPool<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * A copy of a chart with its `file://` dependencies unpacked into charts/,
 * which is what `helm dependency build` would do, without touching the
 * stack's own tree or needing an index.
 */
export function stageChart(chartDir: string, stagingDir: string): string {
  const name = path.basename(chartDir);
  const target = path.join(stagingDir, name);
  fs.cpSync(chartDir, target, { recursive: true });
  const chart = readYamlFile(path.join(chartDir, 'Chart.yaml')) as {
    dependencies?: { name: string; repository?: string }[];
  };
  for (const dep of chart.dependencies ?? []) {
    if (!dep.repository?.startsWith('file://')) continue;
    const source = path.resolve(
      chartDir,
      dep.repository.slice('file://'.length),
    );
    fs.cpSync(source, path.join(target, 'charts', dep.name), {
      recursive: true,
    });
  }
  return target;
}

/** First lines of helm's complaint, as one problem message. */
export const helmMessage = (result: HelmResult): string =>
  toolMessage(result, /^(\[ERROR\]|\[WARNING\]|Error)/, 5);

/** `helm template` of one release: the objects, or helm's error. */
export async function templateRelease(args: {
  chart: string;
  release: string;
  namespace: string;
  valuesFiles?: string[];
  set?: string[];
}): Promise<{ objects: unknown[] } | { error: string }> {
  const result = await runHelm([
    'template',
    args.release,
    args.chart,
    '--namespace',
    args.namespace,
    ...(args.valuesFiles ?? []).flatMap(f => ['--values', f]),
    ...(args.set ?? []).flatMap(s => ['--set', s]),
  ]);
  // helm's template error is all of stderr: the first line, then the details.
  if (!result.ok)
    return { error: toolMessage({ ...result, stdout: '' }, /./, 5) };
  return {
    objects: YAML.parseAllDocuments(result.stdout)
      .map(d => d.toJS())
      .filter(o => o !== null && o !== undefined),
  };
}

/**
 * `helm template` of one release of a rendered stack's helmfile: its local
 * chart staged under `staging`, its values files read from `dir`.
 */
export function templateStackRelease(
  dir: string,
  release: { name: string; namespace: string; chart: string; values: string[] },
  staging: string,
  set: string[] = [],
) {
  return templateRelease({
    chart: stageChart(
      path.join(dir, release.chart),
      fs.mkdtempSync(path.join(staging, 'c')),
    ),
    release: release.name,
    namespace: release.namespace,
    valuesFiles: release.values.map(v => path.join(dir, v)),
    set,
  });
}

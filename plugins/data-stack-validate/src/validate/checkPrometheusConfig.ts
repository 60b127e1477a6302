import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '@big-data-stack/backstage-plugin-data-stack-node';
import { inScratchDir, runTool, toolMessage } from './stackTools';

/** The file name Prometheus's configuration has in either target. */
const PROMETHEUS_FILE = 'prometheus.yml';

export interface PrometheusConfig {
  /** Names the configuration in problems (a file, or a ConfigMap). */
  source: string;
  content: string;
}

/**
 * Prometheus configurations of a stack: every `prometheus.yml` the config
 * renderers wrote under `configs/` (where the Prometheus descriptor puts
 * it), and that of every ConfigMap a Kubernetes render holds.
 */
export function prometheusConfigsOf(
  root: string,
  objects: Record<string, any>[] = [],
): PrometheusConfig[] {
  const configs: PrometheusConfig[] = listFiles(
    path.join(root, 'configs'),
    'configs/',
  )
    .filter(f => path.posix.basename(f) === PROMETHEUS_FILE)
    .map(f => ({
      source: f,
      content: fs.readFileSync(path.join(root, f), 'utf8'),
    }));
  for (const o of objects)
    if (o.kind === 'ConfigMap' && typeof o.data?.[PROMETHEUS_FILE] === 'string')
      configs.push({
        source: `ConfigMap/${o.metadata?.name} ${PROMETHEUS_FILE}`,
        content: o.data[PROMETHEUS_FILE],
      });
  return configs;
}

/**
 * `promtool check config` of the Prometheus version the stack runs
 * (`make setup` builds it from that version's Go module) on each
 * configuration, lint warnings included.
 */
export async function checkPrometheusConfigs(
  configs: PrometheusConfig[],
): Promise<Problem[]> {
  return inScratchDir(async scratch => {
    const problems: Problem[] = [];
    for (const [i, config] of configs.entries()) {
      const file = path.join(scratch, `prometheus-${i}.yml`);
      fs.writeFileSync(file, config.content);
      const result = await runTool('promtool', [
        'check',
        'config',
        '--lint=all',
        '--lint-fatal',
        file,
      ]);
      if (!result.ok)
        problems.push({
          file: config.source,
          path: 'promtool check config',
          message: toolMessage(result).split(file).join(config.source),
        });
    }
    return problems;
  });
}

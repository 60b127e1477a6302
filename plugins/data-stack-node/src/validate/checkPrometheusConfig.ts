import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { inScratchDir, runTool, toolMessage } from './stackTools';

/** Where the compose target keeps the Prometheus configuration. */
export const PROMETHEUS_CONFIG = 'configs/prometheus/prometheus.yml';

export interface PrometheusConfig {
  /** Names the configuration in problems (a file, or a ConfigMap). */
  source: string;
  content: string;
}

/**
 * Prometheus configurations of a stack: the compose one, and the
 * `prometheus.yml` of every ConfigMap a Kubernetes render holds.
 */
export function prometheusConfigsOf(
  root: string,
  objects: Record<string, any>[] = [],
): PrometheusConfig[] {
  const configs: PrometheusConfig[] = [];
  const composeConfig = path.join(root, PROMETHEUS_CONFIG);
  if (fs.existsSync(composeConfig))
    configs.push({
      source: PROMETHEUS_CONFIG,
      content: fs.readFileSync(composeConfig, 'utf8'),
    });
  for (const o of objects)
    if (
      o.kind === 'ConfigMap' &&
      typeof o.data?.['prometheus.yml'] === 'string'
    )
      configs.push({
        source: `ConfigMap/${o.metadata?.name} prometheus.yml`,
        content: o.data['prometheus.yml'],
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

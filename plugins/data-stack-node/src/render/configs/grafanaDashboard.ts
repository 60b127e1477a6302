import type { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';

const UNITS: Record<string, string> = {
  count: 'short',
  bytes: 'bytes',
  seconds: 's',
  percent: 'percent',
  ratio: 'percentunit',
  'per-second': 'ops',
};

/**
 * The overview dashboard: a row per component with its status-card metrics,
 * the same PromQL the portal's cards show.
 */
export function renderOverviewDashboard(
  plan: StackPlan,
  datasourceUid: string,
) {
  const datasource = { type: 'prometheus', uid: datasourceUid };
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const c of plan.components) {
    if (!c.metrics?.card.length) continue;
    panels.push({
      id: id++,
      type: 'row',
      title: c.title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    const width = Math.floor(24 / c.metrics.card.length);
    for (const [i, metric] of c.metrics.card.entries()) {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: metric.title,
        datasource,
        gridPos: { h: 6, w: width, x: i * width, y },
        fieldConfig: { defaults: { unit: UNITS[metric.unit] }, overrides: [] },
        targets: [
          { refId: 'A', datasource, expr: metric.query, legendFormat: c.id },
        ],
      });
    }
    y += 6;
  }
  return {
    uid: `datastack-${plan.stack.name}`.slice(0, 40),
    title: `${plan.stack.name}: data stack overview`,
    tags: ['datastack'],
    editable: false,
    schemaVersion: 39,
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    panels,
  };
}

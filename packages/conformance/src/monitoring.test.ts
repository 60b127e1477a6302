import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import { forTrinoHere } from './servers/trino';
import { runsHere, startRunningStack, stopAll } from './stack/runningStack';

// The stack's monitoring as it runs: Prometheus 3 and the exporters, built
// from their Go modules at the versions the images pin, started from the
// rendered command, environment and configuration, scraping every service of
// the stack that runs here (the SQL stores, MinIO, the metastore, Trino).

const PROMETHEUS = 'http://prometheus:9090';

let stack: RenderedStack;
let dir: string;
let servers: TestServer[] = [];
const planned = conformancePlan();
const monitored = planHolds(planned, 'prometheus');
/**
 * Components every metrics target of which runs here (MySQL's does not:
 * mysqld-exporter has no Go module here, docs/conformance.md).
 */
const running = new Set(
  planned.components
    .filter(c =>
      c.metrics?.targets.every(target => runsHere(target.split(':')[0])),
    )
    .map(c => c.id),
);

async function promql(query: string): Promise<unknown[]> {
  const res = await fetch(`${PROMETHEUS}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }),
  });
  const body = (await res.json()) as { data?: { result?: unknown[] } };
  return body.data?.result ?? [];
}

/**
 * Every query of the provisioned Grafana dashboard, as `component: expr`
 * (each panel's legend is its component).
 */
function dashboardQueries(dir: string): string[] {
  const file = path.join(dir, 'configs/grafana/dashboards/overview.json');
  if (!fs.existsSync(file)) return [];
  const { panels } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    panels: { targets?: { expr: string; legendFormat: string }[] }[];
  };
  return panels.flatMap(p =>
    (p.targets ?? []).map(t => `${t.legendFormat}: ${t.expr}`),
  );
}

/** Polls `check` until it is true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false)) && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 2000));
}

beforeAll(async () => {
  stack = await renderStack();
  dir = stack.dir;
  if (monitored) servers = await startRunningStack(stack);
}, 900_000);

afterAll(async () => {
  await stopAll(servers);
  fs.rmSync(dir, { recursive: true, force: true });
});

if (!monitored)
  it('renders no Prometheus configuration in a stack without Prometheus', () => {
    expect(
      fs.existsSync(path.join(dir, 'configs/prometheus/prometheus.yml')),
    ).toBe(false);
  });

if (monitored)
  it('scrapes every target of the rendered configuration whose component runs here', async () => {
    type Target = {
      labels: { component: string; job: string };
      health: string;
    };
    let targets: Target[] = [];
    await eventually(async () => {
      const res = await fetch(`${PROMETHEUS}/api/v1/targets?state=active`);
      targets = ((await res.json()) as any).data.activeTargets;
      const ours = targets.filter(t => running.has(t.labels.component));
      return (
        new Set(ours.map(t => t.labels.component)).size === running.size &&
        ours.every(t => t.health === 'up')
      );
    }, 60_000);
    const ours = targets.filter(t => running.has(t.labels.component));
    expect([...new Set(ours.map(t => t.labels.component))].sort()).toEqual(
      [...running].sort(),
    );
    expect(ours.map(t => `${t.labels.job}: ${t.health}`)).toEqual(
      ours.map(t => `${t.labels.job}: up`),
    );
  }, 90_000);

if (monitored)
  it("answers every status-card query (the dashboard's too) of the running components with series (Trino's as its stand-in names them)", async () => {
    const cards = stack.plan.components
      .filter(c => running.has(c.id))
      .flatMap(c =>
        (c.metrics?.card ?? []).map(card => `${c.id}: ${card.query}`),
      );
    const dashboard = dashboardQueries(stack.dir).filter(q =>
      running.has(q.slice(0, q.indexOf(': '))),
    );
    if (planHolds(planned, 'grafana'))
      expect(dashboard.length).toBeGreaterThan(0);
    const queries = [...new Set([...cards, ...dashboard])];
    expect(queries.length).toBeGreaterThanOrEqual(6);
    const empty = async () => {
      const missing: string[] = [];
      for (const q of queries)
        if (
          (await promql(forTrinoHere(q.slice(q.indexOf(': ') + 2)))).length ===
          0
        )
          missing.push(q);
      return missing;
    };
    // rate() over the cards' 5m windows needs two scrapes (15 s apart).
    await eventually(async () => (await empty()).length === 0, 75_000);
    expect(await empty()).toEqual([]);
  }, 120_000);

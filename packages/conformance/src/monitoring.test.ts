import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import { runSqlStoreJobs, startSqlStores } from './stack/sqlStores';
import { startService } from './stack/startService';

// The stack's monitoring as it runs: Prometheus 3 and the exporters, built
// from their Go modules at the versions the images pin, started from the
// rendered command, environment and configuration, scraping the SQL stores.

/** Services that run here, and the binary that stands for each image's entrypoint. */
// mysqld-exporter is not among them: the Go module proxy here serves no
// version of github.com/prometheus/mysqld_exporter (docs/conformance.md).
const NATIVE: Record<string, string> = {
  'postgres-exporter': 'postgres_exporter',
  prometheus: 'prometheus',
};
const PROMETHEUS = 'http://prometheus:9090';

let stack: RenderedStack;
let dir: string;
const servers: TestServer[] = [];
const planned = conformancePlan();
const monitored = planHolds(planned, 'prometheus');
/** Components whose metrics source runs here. */
const running = new Set(
  ['postgresql', 'prometheus'].filter(id => planHolds(planned, id)),
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

/** Polls `check` until it is true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false)) && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 2000));
}

beforeAll(async () => {
  stack = await renderStack();
  dir = stack.dir;
  if (!monitored) return;
  servers.push(...(await startSqlStores(stack)));
  for (const [name, result] of await runSqlStoreJobs(stack))
    if (result.code !== 0) throw new Error(`${name}: ${result.stderr}`);
  for (const [service, binary] of Object.entries(NATIVE))
    if (stack.services[service])
      servers.push(await startService(stack, service, binary));
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()));
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
  it("answers every status-card query (the dashboard's too) of the running components with series", async () => {
    const queries = stack.plan.components
      .filter(c => running.has(c.id))
      .flatMap(c =>
        (c.metrics?.card ?? []).map(card => `${c.id}: ${card.query}`),
      );
    expect(queries.length).toBeGreaterThanOrEqual(6);
    const empty = async () => {
      const missing: string[] = [];
      for (const q of queries)
        if ((await promql(q.slice(q.indexOf(': ') + 2))).length === 0)
          missing.push(q);
      return missing;
    };
    // rate() over the cards' 5m windows needs two scrapes (15 s apart).
    await eventually(async () => (await empty()).length === 0, 75_000);
    expect(await empty()).toEqual([]);
  }, 120_000);

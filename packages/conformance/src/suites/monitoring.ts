import fs from 'node:fs';
import path from 'node:path';
import { forTrinoHere } from '../servers/trino';
import type { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import { RenderedStack, planHolds } from '../stack/renderedStack';
import { RunningStack, componentsScraped } from '../stack/runningStack';

// The stack's monitoring as it runs: Prometheus 3 and the exporters, built
// from their Go modules at the versions the images pin, started from the
// rendered command, environment and configuration, scraping every service of
// the stack that runs here (the SQL stores, MinIO, the metastore, Trino).

const PROMETHEUS = 'http://prometheus:9090';

let stack: RenderedStack;
let running: RunningStack | undefined;

/**
 * Components every metrics target of which runs now (MySQL's never does:
 * mysqld-exporter has no Go module here, docs/conformance.md).
 */
const runningComponents = () => new Set(componentsScraped(stack, running));

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

type Target = { labels: { component: string; job: string }; health: string };

/** Waits until every target of `components` is up; the targets' jobs and health. */
async function targetsOf(components: Set<string>): Promise<Target[]> {
  let ours: Target[] = [];
  await eventually(async () => {
    const res = await fetch(`${PROMETHEUS}/api/v1/targets?state=active`);
    const targets: Target[] = ((await res.json()) as any).data.activeTargets;
    ours = targets.filter(t => components.has(t.labels.component));
    return (
      new Set(ours.map(t => t.labels.component)).size === components.size &&
      ours.every(t => t.health === 'up')
    );
  }, 60_000);
  return ours;
}

/** The card and dashboard queries of `components` that return no series, after waiting. */
async function emptyQueries(components: Set<string>): Promise<string[]> {
  const cards = stack.plan.components
    .filter(c => components.has(c.id))
    .flatMap(c =>
      (c.metrics?.card ?? []).map(card => `${c.id}: ${card.query}`),
    );
  const dashboard = dashboardQueries(stack.dir).filter(q =>
    components.has(q.slice(0, q.indexOf(': '))),
  );
  if (planHolds(stack.plan, 'grafana'))
    expect(dashboard.length).toBeGreaterThan(0);
  const queries = [...new Set([...cards, ...dashboard])];
  expect(queries.length).toBeGreaterThan(0);
  const empty = async () => {
    const missing: string[] = [];
    for (const q of queries) {
      const expr = forTrinoHere(q.slice(q.indexOf(': ') + 2));
      if ((await promql(expr)).length === 0) missing.push(q);
    }
    return missing;
  };
  // rate() over the cards' 5m windows needs two scrapes (15 s apart).
  await eventually(async () => (await empty()).length === 0, 75_000);
  return empty();
}

/**
 * The monitoring checks, defined for the plan, run on the stack a test file
 * started (`started()` gives it, once that file's beforeAll has run).
 */
// eslint-disable-next-line jest/no-export -- checks that runningStack.test.ts defines on its stack
export function monitoringSuite(
  plan: StackPlan,
  started: () => { stack: RenderedStack; running?: RunningStack },
) {
  const use = () => ({ stack, running } = started());
  if (!planHolds(plan, 'prometheus')) {
    it('renders no Prometheus configuration in a stack without Prometheus', () => {
      use();
      expect(
        fs.existsSync(
          path.join(stack.dir, 'configs/prometheus/prometheus.yml'),
        ),
      ).toBe(false);
    });
    return;
  }

  it('scrapes every target of the rendered configuration whose component runs here', async () => {
    use();
    const components = runningComponents();
    // Prometheus scrapes itself at least.
    expect(components.size).toBeGreaterThan(0);
    const ours = await targetsOf(components);
    expect([...new Set(ours.map(t => t.labels.component))].sort()).toEqual(
      [...components].sort(),
    );
    expect(ours.map(t => `${t.labels.job}: ${t.health}`)).toEqual(
      ours.map(t => `${t.labels.job}: up`),
    );
  }, 90_000);

  it("answers every status-card query (the dashboard's too) of the running components with series (Trino's as its stand-in names them)", async () => {
    use();
    expect(await emptyQueries(runningComponents())).toEqual([]);
  }, 120_000);
}

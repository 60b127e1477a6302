import { requireBinary } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import type {
  CatalogSchemasResponse,
  StackMetricsResponse,
  StackQueryCatalogsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { renderCatalog } from '@big-data-stack/backstage-plugin-data-stack-node';
// The portal's own start-up helper, which its e2e test uses too; the
// backend package exports nothing, so its test helpers stay out of builds.
// eslint-disable-next-line @backstage/no-forbidden-package-imports, no-restricted-imports
import { buildApp } from 'backend/src/__testUtils__/buildApp';
// eslint-disable-next-line @backstage/no-forbidden-package-imports, no-restricted-imports
import {
  PortalBackend,
  guestToken,
  startPortalBackend,
} from 'backend/src/__testUtils__/startPortalBackend';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { TRINO_HERE_METRIC_NAMES } from '../servers/trino';
import type { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import { REPO_ROOT, RenderedStack } from '../stack/renderedStack';
import {
  RunningStack,
  componentsScraped,
  componentsUp,
} from '../stack/runningStack';

// The portal against the running stack: the real portal backend (as `make
// start` runs it, serving the built app) with the stack's catalog-info.yaml
// in its catalog, addressing the stack's services by their names and
// container ports (as in a cluster: they resolve to loopback here), and
// the stack's secrets for its SQL probes. Its status, metrics and
// query-catalog routes answer from the real servers; a browser shows the
// Data stack tab.

const OUT = path.join(REPO_ROOT, 'test-output/conformance');
let stack: RenderedStack;
let running: RunningStack | undefined;
let portal: PortalBackend | undefined;
let token: string;

/** GET of a data stack route of the stack's System, as the signed-in guest. */
async function route<T>(name: string): Promise<T> {
  const res = await fetch(
    `${portal!.baseUrl}/api/data-stack/entities/system/default/${
      stack.plan.stack.name
    }/${name}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok)
    throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const runningComponents = () => componentsUp(stack, running);
const scrapedComponents = () => componentsScraped(stack, running);

/**
 * Components whose probe port a running service also listens on: on one
 * loopback that service answers their probe (Trino's 8080 for Presto's,
 * the metastore's JMX 9102 for statsd-exporter's), which containers with
 * addresses of their own never see.
 */
const probedByAnother = () => {
  const up = new Set(runningComponents());
  const ports = new Set(
    stack.plan.components
      .filter(c => up.has(c.id))
      .flatMap(c => c.services.flatMap(s => s.ports.map(p => p.port))),
  );
  return stack.plan.components
    .filter(c => !up.has(c.id))
    .filter(c => {
      const primary = c.services.find(s => s.name === c.primary);
      const probe = primary?.probe;
      const port = primary?.ports.find(p => p.name === probe?.port)?.port;
      return port !== undefined && ports.has(port);
    })
    .map(c => c.id);
};

/** Polls `check` until it is true or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false)) && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 2000));
}

/**
 * The portal's checks, defined for the plan, on the stack a test file
 * started (`started()` gives it once that file's beforeAll has run): the
 * portal backend starts in this suite's own beforeAll.
 */
// eslint-disable-next-line jest/no-export -- checks that runningStack.test.ts defines on its stack
export function portalSuite(
  plan: StackPlan,
  started: () => { stack: RenderedStack; running?: RunningStack },
) {
  const engines = ['trino', 'presto'].filter(id =>
    plan.components.some(c => c.id === id),
  );
  describe('the portal against the running stack', () => {
    beforeAll(async () => {
      ({ stack, running } = started());
      const catalog = renderCatalog(stack.plan);
      fs.writeFileSync(path.join(stack.dir, catalog.path), catalog.content);
      await buildApp();
      portal = await startPortalBackend({
        config: baseUrl => ({
          app: { baseUrl },
          catalog: {
            locations: [
              { type: 'file', target: path.join(stack.dir, catalog.path) },
            ],
          },
          dataStack: {
            status: {
              // The stack's services by name and container port.
              endpoints: { host: '{service}', port: 'container' },
              stacks: [{ name: stack.plan.stack.name, secrets: stack.env }],
            },
          },
        }),
      });
      token = await guestToken(portal.baseUrl);
      // The catalog stitches the System and its components one by one:
      // wait until the status answer lists every component of the plan.
      await eventually(async () => {
        const body = await route<StackStatusResponse>('status');
        const listed = new Set(body.components.map(c => c.id));
        return stack.plan.components.every(c => listed.has(c.id));
      }, 120_000);
    }, 600_000);

    afterAll(async () => {
      await portal?.stop();
    }, 60_000);

    it('reports every running component healthy, and no other one', async () => {
      const up = runningComponents();
      // Each service of the plan that runs here started (startRunningStack fails otherwise).
      expect(up.length).toBeGreaterThan(0);
      const body = await route<StackStatusResponse>('status');
      const by = Object.fromEntries(body.components.map(c => [c.id, c]));
      expect(
        up.map(id => `${id}: ${by[id]?.status} ${by[id]?.reason ?? ''}`.trim()),
      ).toEqual(up.map(id => `${id}: healthy`));
      const shared = probedByAnother();
      const others = body.components.filter(
        c => !up.includes(c.id) && !shared.includes(c.id),
      );
      expect(others.filter(c => c.status === 'healthy').map(c => c.id)).toEqual(
        [],
      );
    }, 120_000);

    it("answers every status-card metric of the running components from the stack's Prometheus", async () => {
      const up = scrapedComponents();
      /** Cards with no value; the pinned Trino's renamed metric is not served by its stand-in. */
      const empty = async () => {
        const body = await route<StackMetricsResponse>('metrics');
        return body.components
          .filter(c => up.includes(c.id))
          .flatMap(c => c.metrics.map(m => ({ id: c.id, ...m })))
          .filter(m => m.value === null)
          .map(m => `${m.id}: ${m.title}`);
      };
      const gaps = stack.plan.components
        .filter(c => up.includes(c.id))
        .flatMap(c =>
          (c.metrics?.card ?? [])
            .filter(card =>
              Object.keys(TRINO_HERE_METRIC_NAMES).some(m =>
                card.query.includes(m),
              ),
            )
            .map(card => `${c.id}: ${card.title}`),
        );
      await eventually(
        async () => (await empty()).length <= gaps.length,
        90_000,
      );
      expect((await empty()).sort()).toEqual(gaps.sort());
    }, 180_000);

    /** The query-catalog routes against one engine, started if need be. */
    const engineTest = (engine: string) =>
      it(`lists ${engine}'s catalogs and a catalog's schemas from the running engine`, async () => {
        // Both engines listen on 8080: each takes its turn.
        if (!running!.isUp(engine)) await running!.start(engine);
        const rendered = fs
          .readdirSync(path.join(stack.dir, `configs/${engine}/catalog`))
          .map(f => f.replace(/\.properties$/, ''));
        let catalogs: string[] = [];
        await eventually(async () => {
          const body = await route<StackQueryCatalogsResponse>(
            'query-catalogs',
          );
          const listed = body.engines.find(e => e.id === engine);
          catalogs = (listed?.catalogs ?? []).map(c => c.name);
          return catalogs.length > 0;
        }, 120_000);
        expect(catalogs.sort()).toEqual([...rendered, 'system'].sort());
        // A schema each catalog whose store runs here must list.
        const expected: Record<string, string> = { tpch: 'tiny' };
        if (rendered.includes('postgresql')) expected.postgresql = 'public';
        const listed: Record<string, string> = {};
        for (const catalog of Object.keys(expected)) {
          const body = await route<CatalogSchemasResponse>(
            `query-catalogs/${engine}/${catalog}/schemas`,
          );
          listed[catalog] = body.schemas.includes(expected[catalog])
            ? expected[catalog]
            : body.schemas.join(', ') || `none (${body.reason})`;
        }
        expect(listed).toEqual(expected);
      }, 600_000);

    // Trino first (it runs from the start), the tab, then Presto in its place.
    if (engines.includes('trino')) engineTest('trino');

    it('shows the live stack on its Data stack tab', async () => {
      // Before Presto takes Trino's port: the tab shows Trino's catalogs.
      const browser = await chromium.launch({
        executablePath: requireBinary(['/usr/bin/chromium'], 'chromium'),
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      try {
        const page = await browser.newPage({
          viewport: { width: 1400, height: 1000 },
        });
        await page.goto(portal!.baseUrl);
        const enter = page.getByRole('button', { name: 'Enter' });
        await enter.click();
        await enter.waitFor({ state: 'detached' });
        await page.goto(
          `${portal!.baseUrl}/catalog/default/system/${stack.plan.stack.name}`,
        );
        await page
          .getByRole('link', { name: 'Data stack', exact: true })
          .click();
        const up = runningComponents();
        for (const id of up)
          await page
            .locator(`[data-testid="component-${id}"] [data-status="healthy"]`)
            .waitFor({ timeout: 120_000 });
        fs.mkdirSync(OUT, { recursive: true });
        await page.screenshot({
          path: path.join(OUT, 'data-stack-tab-live.png'),
          fullPage: true,
        });
      } finally {
        await browser.close();
      }
    }, 600_000);

    if (engines.includes('presto')) engineTest('presto');
  });
}

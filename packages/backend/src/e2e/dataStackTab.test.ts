/*
 * End to end: the portal (built app served by the backend, from source)
 * with the demo stack in its catalog, its services played by real
 * PostgreSQL, ClickHouse and Prometheus and by the status backend's fakes;
 * Debian's chromium driven by playwright-core. Screenshots and timings go
 * to test-output/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import {
  FakeServer,
  TestServer,
  requireBinary,
  startClickHouse,
  startFakeQueryEngine,
  startHealthFake,
  startPostgres,
  startPrometheus,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import {
  PortalBackend,
  buildApp,
  guestToken,
  startPortalBackend,
} from '../__testUtils__/startPortalBackend';

const STACK = 'demo-analytics';
// eslint-disable-next-line no-restricted-syntax
const outDir = path.resolve(__dirname, '../../../../test-output/e2e');
/** Every component entity of the demo stack (examples/demo-stack/catalog-info.yaml). */
const COMPONENTS = [
  'postgresql',
  'clickhouse',
  'trino',
  'prometheus',
  'elasticsearch',
  'kibana',
  'postgres-exporter',
  'elasticsearch-exporter',
  'kibana-exporter',
];

/** Waits until the catalog has read the entity (`kind/namespace/name`). */
async function waitForEntity(baseUrl: string, ref: string) {
  const token = await guestToken(baseUrl);
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${baseUrl}/api/catalog/entities/by-name/${ref}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the catalog never had ${ref}`);
}

describe('the Data stack tab in the portal', () => {
  const password = 'e2e-Secret-1';
  const servers: TestServer[] = [];
  const fakes: FakeServer[] = [];
  let portal: PortalBackend;
  let browser: Browser;
  let page: Page;
  const timings: Record<string, number> = {};
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const chromiumPath = requireBinary(['/usr/bin/chromium'], 'chromium');
    fs.mkdirSync(outDir, { recursive: true });
    buildApp();
    const [postgres, clickhouse, prometheus, trino, health, troubled] =
      await Promise.all([
        startPostgres(password),
        startClickHouse(password),
        startPrometheus(STACK),
        startFakeQueryEngine('trino'),
        startHealthFake(),
        startHealthFake(),
      ]);
    servers.push(postgres, clickhouse, prometheus);
    fakes.push(trino, health, troubled);
    // Elasticsearch reports a red cluster: the tab shows it degraded.
    troubled.unhealthy = true;
    portal = await startPortalBackend({
      config: baseUrl => ({
        // The backend serves the built app.
        app: { baseUrl },
        dataStack: {
          status: {
            stacks: [
              {
                name: STACK,
                endpoints: {
                  postgresql: `tcp://127.0.0.1:${postgres.port}`,
                  clickhouse: `http://127.0.0.1:${clickhouse.port}`,
                  prometheus: `http://127.0.0.1:${prometheus.port}`,
                  trino: trino.url,
                  elasticsearch: troubled.url,
                  kibana: health.url,
                  'postgres-exporter': health.url,
                  'elasticsearch-exporter': health.url,
                  'kibana-exporter': health.url,
                },
                secrets: {
                  POSTGRES_PASSWORD: password,
                  CLICKHOUSE_PASSWORD: password,
                },
              },
            ],
          },
        },
      }),
    });
    await waitForEntity(portal.baseUrl, `system/default/${STACK}`);
    // Let Prometheus scrape itself before the page asks for metrics.
    for (let i = 0; i < 40; i++) {
      const res = await fetch(
        `http://127.0.0.1:${prometheus.port}/api/v1/query?query=prometheus_tsdb_head_series>0`,
      );
      if ((await res.json()).data.result.length) break;
      await new Promise(r => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', message => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(portal.baseUrl);
    // Signed in once the guest button is gone and the sidebar is there
    // (the sign-in page shows the portal's title too).
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.click();
    await enter.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  }, 300_000);

  afterAll(async () => {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(
      path.join(outDir, 'timings.json'),
      `${JSON.stringify(timings, null, 2)}\n`,
    );
    // The last page and the browser's errors, for when a step failed.
    await page
      ?.screenshot({ path: path.join(outDir, 'last-page.png') })
      .catch(() => {});
    fs.writeFileSync(
      path.join(outDir, 'console-errors.txt'),
      consoleErrors.join('\n'),
    );
    await browser?.close();
    await portal?.stop();
    await Promise.all([
      ...servers.map(s => s.stop()),
      ...fakes.map(f => f.close()),
    ]);
  }, 60_000);

  it('shows every component with its status within moments of opening the tab', async () => {
    await page.goto(`${portal.baseUrl}/catalog/default/system/${STACK}`);
    // The entity page's tabs are links of its header.
    const tab = page.getByRole('link', { name: 'Data stack', exact: true });
    const overview = page.getByRole('link', { name: 'Overview', exact: true });
    const chips = page.locator('[data-testid^="component-"] [data-status]');
    /** Milliseconds from a click on the tab until every status is on screen. */
    const openTab = async () => {
      await tab.waitFor();
      const started = Date.now();
      await tab.click();
      await page.waitForFunction(
        n =>
          document.querySelectorAll('[data-testid^="component-"] [data-status]')
            .length === n,
        COMPONENTS.length,
      );
      return Date.now() - started;
    };
    // First with nothing cached in the backend, then as the next viewer.
    timings.statusesAfterTabClickMs = await openTab();
    await overview.click();
    await page.waitForURL(new RegExp(`/system/${STACK}$`));
    timings.statusesAfterTabClickCachedMs = await openTab();
    const statuses = Object.fromEntries(
      await Promise.all(
        COMPONENTS.map(async id => [
          id,
          await page
            .locator(`[data-testid="component-${id}"] [data-status]`)
            .getAttribute('data-status'),
        ]),
      ),
    );
    expect(statuses).toEqual({
      postgresql: 'healthy',
      clickhouse: 'healthy',
      trino: 'healthy',
      prometheus: 'healthy',
      elasticsearch: 'degraded',
      kibana: 'healthy',
      'postgres-exporter': 'healthy',
      'elasticsearch-exporter': 'healthy',
      'kibana-exporter': 'healthy',
    });
    expect(await chips.count()).toBe(COMPONENTS.length);
    await expect(
      page.getByTestId('component-elasticsearch').textContent(),
    ).resolves.toContain('status is "red"');
  }, 60_000);

  it("shows Prometheus's own metrics with their values", async () => {
    const prometheus = page.getByTestId('component-prometheus');
    await prometheus.getByText('Targets up').waitFor();
    const values = await prometheus
      .getByTestId('metric-value')
      .allTextContents();
    expect(values[0]).toBe('1');
    expect(Number(values[2])).toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(outDir, 'data-stack-tab.png'),
      fullPage: true,
    });
  }, 60_000);

  it("lists Trino's catalogs and a catalog's schemas", async () => {
    const trino = page.getByTestId('engine-trino');
    await trino.getByText('tpch', { exact: true }).first().waitFor();
    await trino.locator('strong', { hasText: /^tpch$/ }).click();
    await page
      .getByTestId('schemas-trino-tpch')
      .getByText('sf1', { exact: true })
      .waitFor();
    await expect(
      page.getByTestId('schemas-trino-tpch').textContent(),
    ).resolves.toBe('information_schemasf1sf100tiny');
    await trino.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, 'query-catalogs.png') });
  }, 60_000);

  it("shows a component's status card and its Kubernetes tab", async () => {
    const started = Date.now();
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/${STACK}-trino`,
    );
    const card = page.getByTestId('component-trino');
    await card.locator('[data-status]').waitFor();
    timings.componentCardAfterPageLoadMs = Date.now() - started;
    await card.getByText('Running queries').waitFor();
    await expect(card.textContent()).resolves.not.toContain('no Prometheus');
    await page.screenshot({ path: path.join(outDir, 'component-card.png') });
    await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
    await page.waitForURL(/\/kubernetes$/);
    // No cluster is configured here: the tab asks the Kubernetes backend and
    // says it found nothing, which is the plugin working end to end.
    await page.getByText(/No resources on any known clusters/).waitFor();
    await page.screenshot({ path: path.join(outDir, 'kubernetes-tab.png') });
  }, 60_000);
});

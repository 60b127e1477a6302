/*
 * End to end: the portal (built app served by the backend, from source)
 * with the demo stack in its catalog, its services played by real
 * PostgreSQL, ClickHouse and Prometheus and by the status backend's fakes;
 * the exporters publish no port, as in the demo stack's compose file, so
 * the backend finds no endpoint for them. Then the stack stops: every
 * server goes away and the tab says once that nothing answers. Debian's
 * chromium driven by playwright-core. Screenshots and timings go to
 * test-output/e2e/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  FakeServer,
  TestServer,
  startClickHouse,
  startFakeQueryEngine,
  startHealthFake,
  startPostgres,
  startPrometheus,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { buildApp } from '../__testUtils__/buildApp';
import {
  PortalBackend,
  guestToken,
  repoRoot,
  startPortalBackend,
} from '../__testUtils__/startPortalBackend';
import {
  PortalBrowser,
  e2eOutDir,
  openPortalBrowser,
} from '../__testUtils__/portalBrowser';

const STACK = 'demo-analytics';
const outDir = e2eOutDir;
/** The exporters: no published port, so no endpoint and no probe. */
const EXPORTERS = [
  'postgres-exporter',
  'elasticsearch-exporter',
  'kibana-exporter',
];
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
  let browser: PortalBrowser;
  let page: Page;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    await buildApp();
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
        // The backend serves the built app; everything else of the app,
        // app.extensions included, is app-config.yaml's.
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
                  // No exporter here: app-config.yaml's pattern (localhost,
                  // published ports) applies, and they publish none.
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
    browser = await openPortalBrowser(portal.baseUrl);
    page = browser.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close(timings);
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
      'postgres-exporter': 'unknown',
      'elasticsearch-exporter': 'unknown',
      'kibana-exporter': 'unknown',
    });
    expect(await chips.count()).toBe(COMPONENTS.length);
    await expect(
      page.getByTestId('component-elasticsearch').textContent(),
    ).resolves.toContain('status is "red"');
    for (const id of EXPORTERS)
      await expect(
        page.getByTestId(`component-${id}`).textContent(),
      ).resolves.toContain('publishes no port on this machine');
  }, 60_000);

  it("shows Prometheus's own metrics with their values", async () => {
    const prometheus = page.getByTestId('component-prometheus');
    // Exact: the sparkline's title is "Targets up over time".
    await prometheus.getByText('Targets up', { exact: true }).waitFor();
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

  it("shows a component's status card beside About, and its Kubernetes tab", async () => {
    const started = Date.now();
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/${STACK}-trino`,
    );
    const card = page.getByTestId('component-trino');
    await card.locator('[data-status]').waitFor();
    timings.componentCardAfterPageLoadMs = Date.now() - started;
    await card.getByText('Running queries', { exact: true }).waitFor();
    await expect(card.textContent()).resolves.not.toContain('no Prometheus');
    // Beside About: the same height on the page, to its left. About is
    // catalog-react's EntityInfoCard (a @backstage/ui Card, title in an h3);
    // the status card is an InfoCard (a Material UI Card with a header).
    const [status, about] = await Promise.all([
      page
        .locator('.MuiCard-root', {
          has: page.locator('.MuiCardHeader-title', {
            hasText: /^Data stack status$/,
          }),
        })
        .first()
        .boundingBox(),
      page
        .locator('.bui-Card', {
          has: page.getByRole('heading', { name: 'About', exact: true }),
        })
        .first()
        .boundingBox(),
    ]);
    expect(status && about).toBeTruthy();
    expect(Math.abs(status!.y - about!.y)).toBeLessThan(40);
    expect(status!.x + status!.width).toBeLessThanOrEqual(about!.x);
    await page.screenshot({ path: path.join(outDir, 'component-card.png') });
    await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
    await page.waitForURL(/\/kubernetes$/);
    // app-config.yaml configures no cluster: the tab says so and how to add one.
    await page.getByText('No Kubernetes cluster is configured').waitFor();
    await page
      .getByText(/kubernetes\.clusterLocatorMethods\[\]\.clusters/)
      .waitFor();
    await expect(
      page.getByText(/No resources on any known clusters/).count(),
    ).resolves.toBe(0);
    await page.screenshot({ path: path.join(outDir, 'kubernetes-tab.png') });
  }, 60_000);

  it('shows the stacks with their health on the home page, with Create data stack and search', async () => {
    await page.goto(`${portal.baseUrl}/`);
    const row = page.getByTestId(`stack-${STACK}`);
    await row.getByTestId('stack-summary').waitFor();
    // Elasticsearch is red; the exporters are not probed.
    await expect(row.getByTestId('stack-summary').textContent()).resolves.toBe(
      '5 healthy · 1 degraded · 3 unknown',
    );
    await expect(
      row.locator('[data-status]').getAttribute('data-status'),
    ).resolves.toBe('degraded');
    await expect(
      row.getByRole('link', { name: STACK }).getAttribute('href'),
    ).resolves.toBe(`/catalog/default/system/${STACK}/data-stack`);
    await expect(
      page
        .getByRole('button', { name: 'Create data stack' })
        .getAttribute('href'),
    ).resolves.toBe('/create/templates/default/create-data-stack');
    // Not the home plugin's empty dashboard in edit mode.
    await expect(page.getByText(/No widgets added/).count()).resolves.toBe(0);
    await expect(
      page.getByRole('button', { name: /Add widget|Restore defaults/ }).count(),
    ).resolves.toBe(0);
    await page.screenshot({ path: path.join(outDir, 'home.png') });
    const search = page.getByPlaceholder('Search the catalog and the docs');
    await search.fill('trino');
    await search.press('Enter');
    await page.waitForURL(/\/search\?query=trino$/);
  }, 60_000);

  it('lists the stack on the Data stacks page and its components on the Component library page', async () => {
    await page.goto(`${portal.baseUrl}/`);
    await page.getByRole('link', { name: 'Data stacks' }).first().click();
    await page.waitForURL(/\/data-stacks$/);
    // The roll-up of the tab's statuses: Elasticsearch is red (down), the
    // exporters are not probed (unknown).
    const health = page.getByTestId(`health-${STACK}`);
    await expect(health.textContent()).resolves.toBe(
      '5 up · 1 down · 3 unknown',
    );
    const row = page.locator('tr', { has: health });
    await expect(
      row.getByRole('link', { name: STACK }).getAttribute('href'),
    ).resolves.toBe(`/catalog/default/system/${STACK}/data-stack`);
    await page.screenshot({ path: path.join(outDir, 'data-stacks-page.png') });

    await page.getByRole('link', { name: 'Component library' }).first().click();
    await page.waitForURL(/\/data-stack\/library$/);
    const trino = page.locator('tr', {
      has: page.getByRole('link', { name: /^Trino/ }),
    });
    await expect(trino.textContent()).resolves.toMatch(/Query.*shipped/);
    await expect(
      trino.getByRole('link', { name: STACK }).count(),
    ).resolves.toBe(1);
    await page.screenshot({
      path: path.join(outDir, 'component-library-page.png'),
      fullPage: true,
    });
  }, 60_000);

  it('says once that nothing of the stack answers when it stops, with the command that starts it', async () => {
    // The stack stops: every server and fake goes away.
    await Promise.all([
      ...servers.splice(0).map(s => s.stop()),
      ...fakes.splice(0).map(f => f.close()),
    ]);
    await page.goto(
      `${portal.baseUrl}/catalog/default/system/${STACK}/data-stack`,
    );
    // The backend keeps each answer for cacheTtl (30 s in app-config.yaml).
    const message = page.getByTestId('stack-not-running');
    const deadline = Date.now() + 75_000;
    while (!(await message.count())) {
      if (Date.now() > deadline)
        throw new Error('the tab never said the stack is not running');
      await page.waitForTimeout(3000);
      const refresh = page.getByRole('button', { name: 'refresh' });
      if (await refresh.isEnabled()) await refresh.click();
    }
    await expect(message.count()).resolves.toBe(1);
    await page
      .getByText(`Nothing of ${STACK} answers`, { exact: true })
      .waitFor();
    // The catalog read the System from examples/demo-stack/catalog-info.yaml.
    await expect(
      page.getByTestId('start-command').textContent(),
    ).resolves.toContain(
      `cd ${path.join(
        repoRoot,
        'examples/demo-stack',
      )} && scripts/init-env && docker compose up -d`,
    );
    // No card per component, and no raw error code anywhere.
    await expect(
      page.locator('[data-testid^="component-"]').count(),
    ).resolves.toBe(0);
    const text =
      (await page.locator('main, article').first().textContent()) ?? '';
    expect(text).not.toMatch(/\bE[A-Z]{4,}\b|UND_ERR|fetch failed/);
    await page.getByText('What each component answered').click();
    const reasons = page.getByTestId('not-running-reasons');
    await reasons
      .getByText(/nothing listens on 127\.0\.0\.1:\d+/)
      .first()
      .waitFor();
    await expect(
      reasons
        .getByText('publishes no port on this machine', { exact: false })
        .count(),
    ).resolves.toBe(EXPORTERS.length);
    // Unfolded to the last line before the picture.
    await reasons.locator('li').last().waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    await page.screenshot({
      path: path.join(outDir, 'data-stack-tab-not-running.png'),
      fullPage: true,
    });
    // The home page says it too.
    await page.goto(`${portal.baseUrl}/`);
    await expect(
      page
        .getByTestId(`stack-${STACK}`)
        .getByTestId('stack-summary')
        .textContent(),
    ).resolves.toBe('not running');
  }, 120_000);
});

/*
 * End to end: the Kubernetes tab of every generated component of the demo
 * stack, behind the real @backstage/plugin-kubernetes-backend. No cluster
 * can run here, so a local stand-in of the API server
 * (__testUtils__/fakeKubernetes.ts) serves what the stack's charts render
 * (`helm template` of each release, as `datastack manifests` does) and the
 * pods a cluster would run from them, carrying the labels our charts set.
 * The built app served by the backend, Debian's chromium driven by
 * playwright-core; screenshots go to test-output/e2e/.
 */
import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  readStackFile,
  renderStack,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { renderManifests } from '@big-data-stack/backstage-plugin-data-stack-validate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import {
  FakeKubernetes,
  KubeObject,
  clusterObjects,
  startFakeKubernetes,
} from '../__testUtils__/fakeKubernetes';
import {
  PortalBrowser,
  e2eOutDir,
  openPortalBrowser,
} from '../__testUtils__/portalBrowser';
import { buildApp } from '../__testUtils__/buildApp';
import {
  PortalBackend,
  guestToken,
  repoRoot,
  startPortalBackend,
} from '../__testUtils__/startPortalBackend';

const TOKEN = 'fake-cluster-token-0123456789';
const DEMO = path.join(repoRoot, 'examples/demo-stack');
const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** The demo stack's charts rendered with its release values, as a cluster would hold them. */
async function demoStackObjects() {
  const library = loadComponentLibrary([defaultLibraryDir()]);
  const spec = readStackFile(path.join(DEMO, 'stack.yaml')) as any;
  const plan = resolveStack(
    { ...spec, spec: { ...spec.spec, targets: ['helm', 'helmfile'] } },
    library,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubernetes-tab-'));
  try {
    writeStackFiles(dir, renderStack(plan, library));
    const manifests = await renderManifests(dir);
    const objects = manifests.flatMap(f =>
      parseAllDocuments(f.content)
        .map(d => d.toJS() as KubeObject | null)
        .filter((o): o is KubeObject => Boolean(o?.kind && o.metadata)),
    );
    return { plan, objects: clusterObjects(objects, plan.stack.namespace) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens the plugin's accordions (the cluster, then its workloads and
 * services) until none is closed: what they hold is rendered when open.
 */
async function expandAccordions(page: Page) {
  const closed = page.locator(
    '.MuiAccordionSummary-root[aria-expanded="false"]',
  );
  for (let i = 0; i < 40 && (await closed.count()) > 0; i++) {
    await closed.first().click();
    await page.waitForTimeout(100);
  }
}

describe('the Kubernetes tab of each generated component', () => {
  let fake: FakeKubernetes;
  let portal: PortalBackend;
  let browser: PortalBrowser;
  let page: Page;
  let objects: KubeObject[];
  /** Catalog entity (kind/name) → its kubernetes-id label. */
  let entities: { kind: string; name: string; id: string }[];

  beforeAll(async () => {
    const demo = await demoStackObjects();
    objects = demo.objects;
    const catalog = parseAllDocuments(
      fs.readFileSync(path.join(DEMO, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    entities = catalog
      .filter(e => e.metadata.annotations?.[KUBERNETES_ID])
      .map(e => ({
        kind: e.kind.toLowerCase(),
        name: e.metadata.name,
        id: e.metadata.annotations[KUBERNETES_ID],
      }));
    fake = await startFakeKubernetes(objects, TOKEN);
    await buildApp();
    portal = await startPortalBackend({
      config: baseUrl => ({
        app: { baseUrl },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'fake-cluster',
                  url: fake.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: TOKEN,
                  skipTLSVerify: true,
                  skipMetricsLookup: true,
                },
              ],
            },
          ],
        },
      }),
    });
    const token = await guestToken(portal.baseUrl);
    // The catalog reads the demo stack at start; wait for its last entity.
    if (!entities.length)
      throw new Error('the demo stack has no entity with a kubernetes-id');
    const last = entities[entities.length - 1];
    for (let i = 0; ; i++) {
      const res = await fetch(
        `${portal.baseUrl}/api/catalog/entities/by-name/${last.kind}/default/${last.name}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.ok) break;
      if (i > 120) throw new Error(`the catalog never read ${last.name}`);
      await new Promise(r => setTimeout(r, 1000));
    }
    browser = await openPortalBrowser(portal.baseUrl, 'kubernetes-');
    page = browser.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close({});
    await portal?.stop();
    await fake?.close();
  }, 60_000);

  it('serves what the charts render, with the labels the catalog selects', () => {
    for (const { id } of entities) {
      const own = objects.filter(
        o => o.metadata.labels?.[KUBERNETES_ID] === id,
      );
      expect(own.some(o => o.kind === 'Pod')).toBe(true);
      expect(own.some(o => o.kind === 'Service')).toBe(true);
    }
  });

  it('lists the pods and services of every component', async () => {
    for (const entity of entities) {
      const own = objects.filter(
        o => o.metadata.labels?.[KUBERNETES_ID] === entity.id,
      );
      // The plugin shows the pods of Deployments and StatefulSets (and of
      // CronJobs' jobs); a chart's one-shot hook Jobs are not listed.
      const pods = own.filter(
        o =>
          o.kind === 'Pod' && o.metadata.ownerReferences?.[0]?.kind !== 'Job',
      );
      const services = own.filter(o => o.kind === 'Service');
      await page.goto(
        `${portal.baseUrl}/catalog/default/${entity.kind}/${entity.name}/kubernetes`,
      );
      await page.getByText('fake-cluster').first().waitFor();
      // The cluster's summary counts every pod of the component, hooks too;
      // its accordion, then each workload's, list them.
      const counted = own.filter(o => o.kind === 'Pod').length;
      await page
        .getByText(new RegExp(`^${counted} pods?$`))
        .first()
        .waitFor();
      await expandAccordions(page);
      for (const pod of pods)
        await page
          .getByText(pod.metadata.name, { exact: true })
          .first()
          .waitFor();
      for (const service of services)
        await page
          .getByText(service.metadata.name, { exact: true })
          .first()
          .waitFor();
      if (entity.id.endsWith('-trino'))
        await page.screenshot({
          path: path.join(e2eOutDir, 'kubernetes-tab-trino.png'),
        });
    }
    // Every list request carried the selector of a generated component.
    const selectors = fake.requests.map(r =>
      new URL(r, fake.url).searchParams.get('labelSelector'),
    );
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors)
      expect(entities.map(e => `${KUBERNETES_ID}=${e.id}`)).toContain(selector);
  }, 240_000);
});

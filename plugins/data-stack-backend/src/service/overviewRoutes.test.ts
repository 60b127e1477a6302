import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  type CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  type ComponentStatus,
  STACK_ANNOTATION,
  stacksOverviewResponseSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { createLocalRepository } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  stackMemberEntity as member,
  stackSystemEntity,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { dataStackPlugin } from '../plugin';
import { healthRollup } from './stacksOverview';

/** Set to make the catalog refuse the query for every stack's entities. */
let everyStackReadFails = false;

/** The catalog, refusing that one query while `everyStackReadFails` is set. */
function catalogFailing(catalog: CatalogService): CatalogService {
  const getEntities = catalog.getEntities.bind(catalog);
  catalog.getEntities = async (request, options) => {
    const filter = request?.filter as Record<string, unknown> | undefined;
    if (
      everyStackReadFails &&
      filter?.[`metadata.annotations.${STACK_ANNOTATION}`] ===
        CATALOG_FILTER_EXISTS &&
      !filter.kind
    )
      throw new Error('catalog unavailable');
    return getEntities(request, options);
  };
  return catalog;
}

describe('GET /stacks: the Data stacks page', () => {
  // Allows all but the refs in `denied`, and counts the calls the page makes.
  let denied: string[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && denied.includes(r.resourceRef!)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  let root: string;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'overview-routes-'));
    const stacks = path.join(root, 'stacks');
    const source = path.join(root, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(
      path.join(source, 'stack.yaml'),
      stringify({
        apiVersion: 'datastack.backstage.io/v1alpha1',
        kind: 'DataStack',
        metadata: { name: 'analytics' },
        spec: { profile: 'small', components: ['postgresql'] },
      }),
    );
    const { path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author: { name: 'a', email: 'a@b.c' },
    });
    const analytics = stackSystemEntity(
      'analytics',
      `file:${repo}/catalog-info.yaml`,
    );
    analytics.spec = { owner: 'group:default/data-platform' };
    analytics.metadata.annotations!['backstage.io/techdocs-ref'] = 'dir:.';
    const backend = await startTestBackend({
      features: [
        dataStackPlugin,
        permissions.factory,
        // A request without a token is anonymous, as in a real backend.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () =>
            catalogFailing(
              catalogServiceMock({
                entities: [
                  analytics,
                  member(analytics, 'postgresql'),
                  stackSystemEntity(
                    'elsewhere',
                    'file:/etc/elsewhere/catalog-info.yaml',
                  ),
                  stackSystemEntity(
                    'plain',
                    'file:/etc/plain/catalog-info.yaml',
                    { stack: false },
                  ),
                ],
              }),
            ),
        }),
        mockServices.rootConfig.factory({
          data: {
            dataStack: {
              publish: { local: { directory: stacks } },
              // Probed on this machine, briefly.
              status: { hostPattern: '127.0.0.1', probeTimeout: '1s' },
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/data-stack`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const get = (token = mockCredentials.user.token()) =>
    fetch(`${baseUrl}/stacks`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('lists every data stack with its owner, plan, health roll-up and links', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const { stacks } = stacksOverviewResponseSchema.parse(await res.json());
    expect(stacks.map(s => s.name)).toEqual(['analytics', 'elsewhere']);
    const [analytics, elsewhere] = stacks;
    expect(analytics).toMatchObject({
      entityRef: 'system:default/analytics',
      owner: 'group:default/data-platform',
      profile: 'small',
      components: ['postgresql'],
      repository: { type: 'local' },
      docs: true,
    });
    expect(analytics.budget!.cpu).toBeGreaterThan(0);
    const { up, down, unknown } = analytics.health;
    // Whatever its probe finds, the one component is counted once.
    expect(up + down + unknown).toBe(1);
    expect(analytics.problem).toBeUndefined();
    // A stack whose repository is not readable still gets its row.
    expect(elsewhere.problem).toContain('not a stack repository');
    expect(elsewhere.docs).toBe(false);
  });

  it('checks the permissions of every stack in one call', async () => {
    permissions.authorize.mockClear();
    expect((await get()).status).toBe(200);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    const [[requests]] = permissions.authorize.mock.calls;
    expect(requests.map(r => 'resourceRef' in r && r.resourceRef)).toEqual(
      expect.arrayContaining([
        'system:default/analytics',
        'resource:default/analytics-postgresql',
        'system:default/elsewhere',
      ]),
    );
  });

  it('reads each stack on its own when the read of every stack fails', async () => {
    // Past the one-second membership cache of the earlier views.
    await new Promise(r => setTimeout(r, 1100));
    everyStackReadFails = true;
    try {
      const res = await get();
      expect(res.status).toBe(200);
      const { stacks } = stacksOverviewResponseSchema.parse(await res.json());
      const analytics = stacks.find(st => st.name === 'analytics')!;
      expect(analytics.problem).toBeUndefined();
      const { up, down, unknown } = analytics.health;
      expect(up + down + unknown).toBe(1);
    } finally {
      everyStackReadFails = false;
    }
  });

  it('counts only the components the caller may read, and says so of a System it may not', async () => {
    denied = [
      'resource:default/analytics-postgresql',
      'system:default/elsewhere',
    ];
    try {
      const { stacks } = stacksOverviewResponseSchema.parse(
        await (await get()).json(),
      );
      const [analytics, elsewhere] = stacks;
      expect(analytics.health).toEqual({ up: 0, down: 0, unknown: 0 });
      expect(elsewhere.problem).toContain('not allowed to read');
      expect(elsewhere.health).toEqual({ up: 0, down: 0, unknown: 0 });
    } finally {
      denied = [];
    }
  });

  it('needs credentials', async () => {
    expect((await get('')).status).toBe(401);
  });
});

describe('the health roll-up', () => {
  it('counts healthy as up, degraded and down as down, and the rest as unknown', () => {
    const c = (status: ComponentStatus['status']) =>
      ({ id: status, title: status, layer: 'x', status } as ComponentStatus);
    expect(
      healthRollup([
        c('healthy'),
        c('healthy'),
        c('degraded'),
        c('down'),
        c('unknown'),
      ]),
    ).toEqual({ up: 2, down: 2, unknown: 1 });
  });
});

import {
  guestToken,
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/startPortalBackend';

jest.setTimeout(240_000);

/** Log lines at error level, or a crash. */
const errorLine = /^\S+\s+\S+\s+error\s|Error: |Unhandled|uncaught/i;

describe('portal backend', () => {
  let backend: PortalBackend;
  let token: string;

  beforeAll(async () => {
    backend = await startPortalBackend();
    token = await guestToken(backend.baseUrl);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${backend.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });

  it('loads this repository into the catalog', async () => {
    const wanted = [
      'system:default/big-data-stack',
      'component:default/big-data-stack-app',
      'component:default/big-data-stack-backend',
      'component:default/datastack-cli',
      'component:default/scaffolder-backend-module-data-stack',
      'component:default/data-stack-backend',
      'component:default/data-stack',
      'template:default/create-data-stack',
      'template:default/add-data-stack-components',
      'group:default/data-platform',
    ];
    const catalogRefs = async () => {
      const res = await get('/api/catalog/entities/by-query?limit=500');
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        items: {
          kind: string;
          metadata: { namespace?: string; name: string };
        }[];
      };
      return body.items.map(
        e =>
          `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`,
      );
    };
    // The catalog ingests in the background; give it up to a minute.
    const complete = (r: string[]) => wanted.every(w => r.includes(w));
    let refs = await catalogRefs();
    for (let i = 0; i < 60 && !complete(refs); i++) {
      await new Promise(r => setTimeout(r, 1000));
      refs = await catalogRefs();
    }
    expect(refs).toEqual(expect.arrayContaining(wanted));
  });

  it('builds and serves the product docs with TechDocs', async () => {
    const entity = 'default/system/big-data-stack';
    const sync = await get(`/api/techdocs/sync/${entity}`, {
      accept: 'text/event-stream',
    });
    const events = await sync.text();
    expect(events).toMatch(/event: finish/);

    const meta = await get(
      `/api/techdocs/static/docs/${entity}/techdocs_metadata.json`,
    );
    expect(meta.status).toBe(200);
    expect(await meta.json()).toMatchObject({ site_name: 'Big Data Stack' });

    const page = await get(
      `/api/techdocs/static/docs/${entity}/architecture/index.html`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('The resolver');
  });

  it('offers the datastack scaffolder actions, each with examples', async () => {
    const res = await get('/api/scaffolder/v2/actions');
    expect(res.status).toBe(200);
    const actions = (await res.json()) as {
      id: string;
      examples?: unknown[];
    }[];
    const ours = actions.filter(a => a.id.startsWith('datastack:'));
    expect(ours.map(a => a.id).sort()).toEqual([
      'datastack:catalog:render',
      'datastack:compose:render',
      'datastack:helm:render',
      'datastack:helmfile:render',
      'datastack:stack:resolve',
      'datastack:stack:validate',
    ]);
    for (const a of ours) expect(a.examples?.length).toBeGreaterThan(0);
  });

  it.each([
    'component/default/x%00/status',
    'component/default/x%0d%0aInjected:%20yes/status',
    'component%00/default/x/status',
    'system/de%0afault/x/metrics',
    'component/default/%E2%80%A8/query-catalogs',
    `component/default/${'a'.repeat(5000)}/status`,
  ])('answers the entity route %s with a short one-line 4xx', async route => {
    const res = await get(`/api/data-stack/entities/${route}`);
    const text = await res.text();
    const message: string = JSON.parse(text).error?.message ?? '';
    expect({
      status: res.status >= 400 && res.status < 500,
      // eslint-disable-next-line no-control-regex -- the characters it finds
      oneLine: !/[\n\r\u2028\u0000]/.test(message),
      short: message.length < 400,
    }).toEqual({ status: true, oneLine: true, short: true });
  });

  it('resolves a plan for the Create data stack form', async () => {
    const res = await fetch(`${backend.baseUrl}/api/data-stack/plan`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ components: ['airflow'] }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).summary).toContain(
      'PostgreSQL: required by airflow',
    );
  });

  it('requires credentials on plugin routes', async () => {
    const res = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(res.status).toBe(401);
  });

  it('logs no errors while starting and serving', () => {
    const errors = backend.logLines().filter(l => errorLine.test(l));
    expect(errors).toEqual([]);
  });
});

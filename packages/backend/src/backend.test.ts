import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import {
  guestToken,
  PortalBackend,
  repoRoot,
  startPortalBackend,
} from './__testUtils__/startPortalBackend';

jest.setTimeout(240_000);

/** Log lines at error level, or a crash. */
const errorLine = /^\S+\s+\S+\s+error\s|Error: |Unhandled|uncaught/i;

/**
 * What building a `dir:.` site may change in this checkout: TechDocs'
 * generator builds in the source folder itself, writes its mkdocs.yml back
 * and may add docs/index.md; Python may write bytecode next to the
 * techdocs-core stand-in. `paths` are relative to the repository.
 */
function docsSourceState(mkdocsYml: string, paths: string[]) {
  return {
    mkdocsYml: fs.readFileSync(join(repoRoot, mkdocsYml), 'utf8'),
    gitStatus: execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--', ...paths],
      { cwd: repoRoot, encoding: 'utf8' },
    ),
  };
}

describe('portal backend', () => {
  let backend: PortalBackend;
  let token: string;

  beforeAll(async () => {
    if (!fs.existsSync('/usr/bin/mkdocs'))
      throw new Error(
        "mkdocs is missing: install Debian's mkdocs and mkdocs-material (make setup does)",
      );
    // mkdocs may write bytecode as on a machine without this setting.
    delete process.env.PYTHONDONTWRITEBYTECODE;
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

  /**
   * Builds an entity's docs as opening them in the portal does; fails with
   * the build's last events (mkdocs's output) when it does not finish.
   */
  const syncDocs = async (entity: string) => {
    // The catalog reads its locations in the background.
    const [namespace, kind, name] = entity.split('/');
    const byName = `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`;
    for (let i = 0; i < 60 && !(await get(byName)).ok; i++)
      await new Promise(r => setTimeout(r, 1000));
    const sync = await get(`/api/techdocs/sync/${entity}`, {
      accept: 'text/event-stream',
    });
    const events = await sync.text();
    if (!/^event: finish$/m.test(events))
      throw new Error(
        `TechDocs did not build ${entity}:\n${events.slice(-3000)}`,
      );
  };

  /**
   * A page's `<link>`s to other hosts: the portal's reader shows a page once
   * every stylesheet has loaded, so offline a stylesheet from the web keeps
   * it hidden behind a progress bar (Material's Google Fonts did).
   */
  const remoteLinks = (html: string) =>
    [...html.matchAll(/<link\b[^>]*\bhref="(https?:[^"]*)"/g)]
      .map(m => m[1])
      .filter(href => !href.startsWith(backend.baseUrl));

  it('builds and serves the product docs with TechDocs, changing no file of the checkout', async () => {
    const entity = 'default/system/big-data-stack';
    const sources = ['mkdocs.yml', 'docs', 'scripts/techdocs'];
    const before = docsSourceState('mkdocs.yml', sources);
    await syncDocs(entity);
    expect(docsSourceState('mkdocs.yml', sources)).toEqual(before);

    const meta = await get(
      `/api/techdocs/static/docs/${entity}/techdocs_metadata.json`,
    );
    expect(meta.status).toBe(200);
    expect(await meta.json()).toMatchObject({ site_name: 'Big Data Stack' });

    const page = await get(
      `/api/techdocs/static/docs/${entity}/architecture/index.html`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The resolver');
    expect(remoteLinks(html)).toEqual([]);
  });

  it("builds the demo stack's docs offline, changing no file of the stack", async () => {
    const entity = 'default/system/demo-analytics';
    const sources = ['examples/demo-stack', 'scripts/techdocs'];
    const before = docsSourceState('examples/demo-stack/mkdocs.yml', sources);
    await syncDocs(entity);
    expect(docsSourceState('examples/demo-stack/mkdocs.yml', sources)).toEqual(
      before,
    );

    const page = await get(`/api/techdocs/static/docs/${entity}/index.html`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('PostgreSQL');
    expect(remoteLinks(html)).toEqual([]);
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
      'datastack:publish:local',
      'datastack:publish:local:branch',
      'datastack:stack:archive',
      'datastack:stack:fetch',
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

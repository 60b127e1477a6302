import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  validateStackDir,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  HOSTILE_NAMES,
  INERT_TEXT,
  hostileText,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import yaml from 'yaml';
import { scaffolderModuleDataStack } from './module';
import {
  everyComponentChoice,
  templateDirectoryContents,
} from './__testUtils__/templates';

const templatesDir = path.resolve(defaultLibraryDir(), '../templates');
const readTemplate = (name: string) =>
  yaml.parse(
    fs.readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
  );

const directoryContents = (name: string) =>
  templateDirectoryContents(path.join(templatesDir, name));

/** Every option of the components step: the ids the form offers. */
const offeredComponents = (template: any) =>
  Object.values<any>(template.spec.parameters[1].properties).flatMap(p =>
    p.items.oneOf.map((o: { const: string; title: string }) => o),
  );

/** Files of the stack repository the URL reader serves in place of GitHub. */
let repository: { path: string; base64Content: string }[] = [];
const urlReader = mockServices.urlReader.mock({
  readTree: async () =>
    ({
      etag: 'test',
      files: async () => [],
      archive: async () => {
        throw new Error('not needed');
      },
      dir: async (options?: { targetDir?: string }) => {
        const target =
          options?.targetDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'repo-'));
        for (const f of repository) {
          fs.mkdirSync(path.dirname(path.join(target, f.path)), {
            recursive: true,
          });
          fs.writeFileSync(
            path.join(target, f.path),
            Buffer.from(f.base64Content, 'base64'),
          );
        }
        return target;
      },
    } as any),
});

describe('the software templates', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleDataStack,
        catalogServiceMock.factory({ entities: [] }),
        urlReader.factory,
        mockServices.rootConfig.factory({
          // A token, so publish:github:pull-request gets to its dry-run branch
          // (it asks for credentials before it checks for a dry run).
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'dry-run-only' }],
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(() => stop?.());

  const dryRun = (name: string, values: Record<string, unknown>) =>
    fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${mockCredentials.user.token()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        template: readTemplate(name),
        values,
        directoryContents: directoryContents(name),
      }),
    });

  it.each(['create-data-stack', 'add-data-stack-components'])(
    '%s is a valid template',
    async name => {
      expect(
        await templateEntityV1beta3Validator.check(readTemplate(name)),
      ).toBe(true);
    },
  );

  it.each(['create-data-stack', 'add-data-stack-components'])(
    '%s offers every component of the library that is not a companion, with its title and description',
    name => {
      const library = loadComponentLibrary([defaultLibraryDir()]);
      const expected = [...library.components.values()]
        .filter(d => !d.metadata.companion)
        .map(d => ({
          const: d.metadata.id,
          title: `${d.metadata.title}: ${d.metadata.description}`,
        }));
      expect(
        offeredComponents(readTemplate(name)).sort((a: any, b: any) =>
          a.const.localeCompare(b.const),
        ),
      ).toEqual(expected.sort((a, b) => a.const.localeCompare(b.const)));
    },
  );

  it('create-data-stack with every component: a dry run renders a stack every validator accepts', async () => {
    const res = await dryRun('create-data-stack', everyComponentChoice);
    const body = await res.json();
    expect(res.status).toBe(200);
    const log = body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain('added hive-metastore: required by delta-lake');
    expect(log).toContain('budget: 13.45 CPU');
    expect(log).toContain('wrote catalog-info.yaml');
    expect(body.output.text[0].content).toContain('Added for you:');

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-'));
    try {
      for (const f of body.directoryContents) {
        fs.mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
        fs.writeFileSync(
          path.join(out, f.path),
          Buffer.from(f.base64Content, 'base64'),
        );
      }
      for (const f of [
        'README.md',
        'stack.yaml',
        'docker-compose.yml',
        'helmfile.yaml',
        'helm-charts/trino/Chart.yaml',
        'catalog-info.yaml',
        'docs/index.md',
      ])
        expect(fs.existsSync(path.join(out, f))).toBe(true);
      expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toContain(
        '# analytics\n\nSales analytics lakehouse',
      );
      expect(await validateStackDir(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('add-data-stack-components: a dry run reads the stack from its repository, adds components and re-renders it', async () => {
    const created = await dryRun('create-data-stack', {
      name: 'analytics',
      owner: 'group:default/data-platform',
      query: ['trino'],
      storage: ['postgresql'],
      profile: 'dev',
      targets: ['compose', 'helm', 'helmfile'],
      repoUrl: 'github.com?owner=acme&repo=analytics',
    });
    expect(created.status).toBe(200);
    repository = (await created.json()).directoryContents;

    const res = await dryRun('add-data-stack-components', {
      stack: 'system:default/analytics',
      repoUrl: 'github.com?owner=acme&repo=analytics',
      observability: ['prometheus', 'grafana'],
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/analytics',
      expect.anything(),
    );
    const files = new Map<string, string>(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    expect(yaml.parse(files.get('stack.yaml')!).spec.components).toEqual([
      'postgresql',
      'trino',
      'prometheus',
      'grafana',
    ]);
    expect(files.get('configs/prometheus/prometheus.yml')).toContain(
      'job_name: postgresql',
    );
    expect(files.get('catalog-info.yaml')).toContain('name: analytics-grafana');
    expect(files.has('helm-charts/grafana/Chart.yaml')).toBe(true);
    expect(body.output.text[0].content).toContain(
      'Added for you:\n- PostgreSQL exporter: required by postgresql',
    );

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-'));
    try {
      for (const [file, content] of files) {
        fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        fs.writeFileSync(path.join(out, file), content);
      }
      expect(await validateStackDir(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  describe('against the hostile-input corpus', () => {
    const base = {
      name: 'hostile',
      owner: 'group:default/data-platform',
      storage: ['postgresql'],
      profile: 'dev',
      targets: ['compose'],
      repoUrl: 'github.com?owner=acme&repo=hostile',
    };
    const values: [string, Record<string, unknown>][] = [
      ...HOSTILE_NAMES.flatMap((name): [string, Record<string, unknown>][] => [
        [`name ${JSON.stringify(name)}`, { ...base, name }],
        [`storage ${JSON.stringify(name)}`, { ...base, storage: [name] }],
        [`profile ${JSON.stringify(name)}`, { ...base, profile: name }],
      ]),
      ...hostileText()
        .filter((_, i) => i % 12 === 0)
        .map((description, i): [string, Record<string, unknown>] => [
          `description with unsafe character #${i}`,
          { ...base, description },
        ]),
      ...INERT_TEXT.slice(0, 3).map(
        (description): [string, Record<string, unknown>] => [
          `inert description ${description}`,
          { ...base, description },
        ],
      ),
    ];

    it('holds at least 33 dry runs', () => {
      expect(values.length).toBeGreaterThanOrEqual(33);
    });

    it.each(values)(
      '%s: a finished dry run with safe files, or a 400 before anything is rendered',
      async (_, choice) => {
        const res = await dryRun('create-data-stack', choice);
        const body = await res.json();
        const files = new Map<string, string>(
          (body.directoryContents ?? []).map((f: any) => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ]),
        );
        const pages = [files.get('README.md'), files.get('docs/index.md')];
        expect({
          status: [200, 400].includes(res.status) ? 'ok' : res.status,
          // The form's own schema (`errors`) or an action's InputError.
          refusal:
            res.status !== 400 ||
            body.error?.name === 'InputError' ||
            Array.isArray(body.errors)
              ? 'clean'
              : JSON.stringify(body).slice(0, 300),
          // Everything a user wrote is text in the pages, never markup.
          markup: pages.some(p => p && /<script>|<!-- hides/.test(p)),
          lineBreaks: [...files.values()].some(f =>
            /[\u0085\u2028\u2029]/.test(f),
          ),
        }).toEqual({
          status: 'ok',
          refusal: 'clean',
          markup: false,
          lineBreaks: false,
        });
      },
      60_000,
    );

    it('escapes HTML in the README it publishes', async () => {
      const res = await dryRun('create-data-stack', {
        ...base,
        description: '<script>alert(1)</script>',
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      const readme = body.directoryContents.find(
        (f: any) => f.path === 'README.md',
      );
      expect(
        Buffer.from(readme.base64Content, 'base64').toString('utf8'),
      ).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      const log = body.log.map((l: any) => l.body.message).join('\n');
      expect(log).toContain('the stack is valid');
    }, 60_000);

    it('refuses a NEL in the description through the form', async () => {
      const res = await dryRun('create-data-stack', {
        ...base,
        description: `x\u0085services: {pwn: {privileged: true}}`,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toContain(
        'metadata.description: must be one line of plain text; found the control character U+0085',
      );
    }, 60_000);
  });

  it('create-data-stack refuses a bad choice before anything is rendered', async () => {
    const res = await dryRun('create-data-stack', {
      name: 'analytics',
      owner: 'group:default/data-platform',
      profile: 'dev',
      targets: ['compose'],
      repoUrl: 'github.com?owner=acme&repo=analytics',
    });
    // The action's InputError is the dry run's answer; nothing was rendered.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        name: 'InputError',
        message: 'spec.components: must name at least one component',
      },
    });
  }, 60_000);
});

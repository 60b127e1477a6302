import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  createLocalRepository,
  defaultLibraryDir,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { validateStackDir } from '@big-data-stack/backstage-plugin-data-stack-validate';
import {
  stackSystemEntity,
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
  githubRepository,
  templateDirectoryContents,
} from './__testUtils__/templates';

const templatesDir = path.resolve(defaultLibraryDir(), '../templates');
const readTemplate = (name: string) =>
  yaml.parse(
    fs.readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
  );

const directoryContents = (name: string) =>
  templateDirectoryContents(path.join(templatesDir, name));

/** The stacks folder of this machine, for the local publish and branch steps. */
const stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'template-stacks-'));

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
        gitlabModule,
        scaffolderModuleDataStack,
        catalogServiceMock.factory({
          entities: [
            stackSystemEntity(
              'gh-analytics',
              'url:https://github.com/acme/analytics/blob/main/catalog-info.yaml',
            ),
            stackSystemEntity(
              'local-analytics',
              `file:${stacksDir}/local-analytics/catalog-info.yaml`,
            ),
          ],
        }),
        urlReader.factory,
        mockServices.rootConfig.factory({
          // A token, so publish:github:pull-request gets to its dry-run branch
          // (it asks for credentials before it checks for a dry run).
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'dry-run-only' }],
            },
            dataStack: { publish: { local: { directory: stacksDir } } },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    fs.rmSync(stacksDir, { recursive: true, force: true });
  });

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
    '%s offers the components through the picker, which lists the loaded library',
    name => {
      const components =
        readTemplate(name).spec.parameters[1].properties.components;
      // No ids in the template: a platform team's own components appear
      // with no template edit (the picker asks GET /components). No
      // minItems either: rjsf would fill the array with placeholders; the
      // picker's validation asks for one, the resolve step refuses none.
      expect(components).toEqual(
        expect.objectContaining({
          type: 'array',
          items: { type: 'string' },
          'ui:field': 'DataStackComponentPicker',
        }),
      );
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

  it.each([
    [
      'this machine',
      everyComponentChoice.repository,
      'would publish the stack to',
    ],
    ['GitHub', githubRepository, 'publish:github'],
  ])(
    'create-data-stack publishing to %s: the dry run reaches the publish step',
    async (_, place, logged) => {
      const res = await dryRun('create-data-stack', {
        name: 'analytics',
        owner: 'group:default/data-platform',
        components: ['postgresql'],
        profile: 'dev',
        targets: ['compose'],
        repository: place,
      });
      const body = await res.json();
      expect(res.status).toBe(200);
      const log = body.log.map((l: any) => l.body.message).join('\n');
      expect(log).toContain(logged);
    },
    60_000,
  );

  it('create-data-stack with nowhere to publish offers the files as a download', async () => {
    const res = await dryRun('create-data-stack', {
      name: 'analytics',
      owner: 'group:default/data-platform',
      components: ['postgresql'],
      profile: 'dev',
      targets: ['compose'],
      repository: {
        target: 'download',
        location: 'a download of the rendered files (.tar.gz)',
      },
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.output.links).toEqual(
      expect.arrayContaining([
        {
          title: 'Download the stack (.tar.gz)',
          icon: 'download',
          url: expect.stringMatching(
            /\/api\/data-stack\/downloads\/[0-9a-f-]{36}\/analytics\.tar\.gz$/,
          ),
        },
      ]),
    );
  }, 60_000);

  it('add-data-stack-components: a dry run reads a GitHub stack from its System, adds components and proposes a pull request', async () => {
    const created = await dryRun('create-data-stack', {
      name: 'gh-analytics',
      owner: 'group:default/data-platform',
      components: ['trino', 'postgresql'],
      profile: 'dev',
      targets: ['compose', 'helm', 'helmfile'],
      repository: githubRepository,
    });
    expect(created.status).toBe(200);
    repository = (await created.json()).directoryContents;

    const res = await dryRun('add-data-stack-components', {
      stack: 'system:default/gh-analytics',
      components: ['prometheus', 'grafana'],
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/analytics/tree/main',
    );
    const log = body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain('publish:github:pull-request');
    const files = new Map<string, string>(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    expect(yaml.parse(files.get('stack.yaml')!).spec.components).toEqual([
      'trino',
      'postgresql',
      'prometheus',
      'grafana',
    ]);
    expect(files.get('configs/prometheus/prometheus.yml')).toContain(
      'job_name: postgresql',
    );
    expect(files.get('catalog-info.yaml')).toContain(
      'name: gh-analytics-grafana',
    );
    expect(files.has('helm-charts/grafana/Chart.yaml')).toBe(true);
    expect(body.output.text[2].content).toContain(
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

  it('add-data-stack-components on a stack of this machine proposes a branch to review and merge in the portal', async () => {
    const created = await dryRun('create-data-stack', {
      name: 'local-analytics',
      owner: 'group:default/data-platform',
      components: ['postgresql'],
      profile: 'dev',
      targets: ['compose'],
      // Its System is in the catalog already, so only the files are wanted.
      repository: { target: 'download', location: 'a download' },
    });
    expect(created.status).toBe(200);
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'local-stack-'));
    for (const f of (await created.json()).directoryContents) {
      fs.mkdirSync(path.dirname(path.join(source, f.path)), {
        recursive: true,
      });
      fs.writeFileSync(
        path.join(source, f.path),
        Buffer.from(f.base64Content, 'base64'),
      );
    }
    await createLocalRepository({
      directory: stacksDir,
      name: 'local-analytics',
      sourceDir: source,
      message: 'Create',
      author: { name: 'a', email: 'a@b.c' },
    });
    fs.rmSync(source, { recursive: true, force: true });

    const res = await dryRun('add-data-stack-components', {
      stack: 'system:default/local-analytics',
      components: ['trino'],
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    const log = body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(
      `would commit the change as datastack/add-trino of ${stacksDir}/local-analytics`,
    );
    expect(body.output.links).toEqual(
      expect.arrayContaining([
        {
          title: 'Review and merge the change',
          url: '/data-stack/changes?stack=system%3Adefault%2Flocal-analytics&branch=datastack%2Fadd-trino',
        },
      ]),
    );
    expect(body.output.text[1].content).toBe(
      `\`git -C ${stacksDir}/local-analytics merge datastack/add-trino\``,
    );
  }, 120_000);

  describe('against the hostile-input corpus', () => {
    const base = {
      name: 'hostile',
      owner: 'group:default/data-platform',
      components: ['postgresql'],
      profile: 'dev',
      targets: ['compose'],
      repository: githubRepository,
    };
    const values: [string, Record<string, unknown>][] = [
      ...HOSTILE_NAMES.flatMap((name): [string, Record<string, unknown>][] => [
        [`name ${JSON.stringify(name)}`, { ...base, name }],
        [`component ${JSON.stringify(name)}`, { ...base, components: [name] }],
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
      components: ['trino', 'clickhous'],
      profile: 'dev',
      targets: ['compose'],
      repository: githubRepository,
    });
    // The action's InputError is the dry run's answer; nothing was rendered.
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        name: 'InputError',
        message: expect.stringContaining("unknown component 'clickhous'"),
      },
    });
  }, 60_000);
});

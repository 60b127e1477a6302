import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import type { Entity } from '@backstage/catalog-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
// The download link is served by the data stack backend: both run in the
// test's backend, as in the portal's.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dataStackPlugin from '@big-data-stack/backstage-plugin-data-stack-backend';
import { defaultLibraryDir } from '@big-data-stack/backstage-plugin-data-stack-node';
import { validateStackDir } from '@big-data-stack/backstage-plugin-data-stack-validate';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { x as extractTar } from 'tar';
import yaml from 'yaml';
import { scaffolderModuleDataStack } from './module';
import { locationReadingCatalog } from './__testUtils__/catalog';
import {
  FakeGitHub,
  FakeGitLab,
  startFakeGitHub,
  startFakeGitLab,
} from './__testUtils__/forges';
import { runGit } from './__testUtils__/gitServer';
import { templateDirectoryContents } from './__testUtils__/templates';

/**
 * The templates' forge paths run for real: tasks through the scaffolder's
 * own API, its GitHub and GitLab modules, this module and the real URL
 * reader, against stand-ins of GitHub and GitLab on loopback whose git
 * side is the real `git http-backend` (__testUtils__/forges.ts). What a
 * task pushed is read back with `git clone`.
 */

const templatesDir = path.resolve(defaultLibraryDir(), '../templates');

/** A template as the catalog holds it: read from its file on this machine. */
function templateEntity(name: string): Entity {
  const file = path.join(templatesDir, name, 'template.yaml');
  const entity = yaml.parse(fs.readFileSync(file, 'utf8'));
  entity.metadata.namespace = 'default';
  // fetch:template's ./skeleton is read beside this file.
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:${file}`,
  };
  return entity;
}

const readTemplate = (name: string) =>
  yaml.parse(
    fs.readFileSync(path.join(templatesDir, name, 'template.yaml'), 'utf8'),
  );

const GITHUB_TOKEN = 'ghp_standin0000000000000000000000000000';
const GITLAB_TOKEN = 'glpat-standin000000000000';

/** Every file of a folder but .git, by path. */
function filesOf(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter(e => e.isFile())
      .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
      .filter(f => !f.split(path.sep).includes('.git'))
      .sort()
      .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

const gitOut = async (dir: string, ...args: string[]) =>
  (await runGit(args, { cwd: dir })).toString().trim();

describe('the templates on GitHub and GitLab stand-ins, run for real', () => {
  let github: FakeGitHub;
  let gitlab: FakeGitLab;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forges-test-'));
  const downloads = path.join(scratch, 'downloads');
  const catalog = locationReadingCatalog({
    entities: [
      templateEntity('create-data-stack'),
      templateEntity('add-data-stack-components'),
    ],
  });

  beforeAll(async () => {
    github = await startFakeGitHub({
      token: GITHUB_TOKEN,
      organizations: ['acme'],
    });
    gitlab = await startFakeGitLab({
      token: GITLAB_TOKEN,
      groups: ['data/platform'],
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        gitlabModule,
        scaffolderModuleDataStack,
        dataStackPlugin,
        catalog.factory,
        // The real URL reader: the GitHub and GitLab readers of the
        // integrations below, against the stand-ins.
        urlReaderServiceFactory,
        // A request without a token is anonymous, as a browser opening a
        // download link is.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [
                {
                  host: github.host,
                  apiBaseUrl: github.apiBaseUrl,
                  token: GITHUB_TOKEN,
                },
              ],
              gitlab: [
                {
                  host: gitlab.host,
                  baseUrl: gitlab.origin,
                  apiBaseUrl: gitlab.apiBaseUrl,
                  token: GITLAB_TOKEN,
                },
              ],
            },
            dataStack: { publish: { downloads: { directory: downloads } } },
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
    await github?.stop();
    await gitlab?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const headers = {
    authorization: `Bearer ${mockCredentials.user.token()}`,
    'content-type': 'application/json',
  };

  /**
   * Runs a template as the portal does: POST /v2/tasks with its catalog
   * reference, then the task's events until it ends (the events endpoint
   * long-polls, as the task page reads it).
   */
  async function runTask(template: string, values: Record<string, unknown>) {
    const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        templateRef: `template:default/${template}`,
        values,
      }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const events: any[] = [];
    while (!events.some(e => e.type === 'completion')) {
      const after = events.length
        ? `?after=${events[events.length - 1].id}`
        : '';
      const batch = await fetch(
        `${baseUrl}/api/scaffolder/v2/tasks/${id}/events${after}`,
        { headers },
      );
      events.push(...(await batch.json()));
    }
    const completion = events.find(e => e.type === 'completion');
    const { status } = await (
      await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, { headers })
    ).json();
    return {
      status: status as string,
      log: events
        .filter(e => e.type === 'log')
        .map(e => e.body.message)
        .join('\n'),
      output: completion.body.output ?? {},
    };
  }

  /** The files the same choice renders, from a dry run of the template. */
  async function dryRunFiles(
    template: string,
    values: Record<string, unknown>,
  ) {
    const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        template: readTemplate(template),
        values,
        directoryContents: templateDirectoryContents(
          path.join(templatesDir, template),
        ),
      }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    return new Map<string, string>(
      body.directoryContents
        .map((f: any) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ])
        .sort(([a]: [string], [b]: [string]) => a.localeCompare(b)),
    );
  }

  /** The outputs of the create tasks, by forge. */
  const created: Record<string, any> = {};

  const stack = (name: string, repository: Record<string, unknown>) => ({
    name,
    description: `The ${name} lakehouse`,
    owner: 'group:default/data-platform',
    components: ['trino', 'postgresql'],
    profile: 'dev',
    targets: ['compose', 'helm', 'helmfile'],
    repository,
  });

  const clone = async (
    forge: FakeGitHub | FakeGitLab,
    repo: string,
    branch?: string,
  ) => {
    const dir = fs.mkdtempSync(path.join(scratch, 'clone-'));
    await forge.clone(repo, dir, branch);
    return dir;
  };

  describe('GitHub', () => {
    const values = () =>
      stack('sales', {
        target: 'github',
        host: github.host,
        owner: 'acme',
        repo: 'sales',
        repoUrl: `${github.host}?owner=acme&repo=sales`,
        location: `${github.host}/acme/sales`,
      });

    it('create-data-stack creates the repository through the API, pushes the rendered files to main and registers its catalog file', async () => {
      const task = await runTask('create-data-stack', values());
      expect({ status: task.status, log: task.log }).toEqual({
        status: 'completed',
        log: expect.any(String),
      });

      // The repository was created through the API, in the organization.
      expect(github.calls('GET', '/api/v3/users/acme')).toHaveLength(1);
      expect(github.calls('POST', '/api/v3/orgs/acme/repos')).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({
            name: 'sales',
            private: true,
            description: 'The sales lakehouse',
          }),
        }),
      ]);
      // Pushed over smart HTTP with the integration's token, then main
      // protected, as publish:github does by default.
      expect(github.calls('POST', '/acme/sales.git/git-receive-pack')).toEqual([
        expect.objectContaining({ gitUser: 'x-access-token' }),
      ]);
      expect(github.protections.get('acme/sales/main')).toMatchObject({
        enforce_admins: true,
        required_pull_request_reviews: expect.objectContaining({
          required_approving_review_count: 1,
        }),
      });

      // main holds one commit with exactly what the template renders.
      const dir = await clone(github, 'acme/sales');
      expect(await gitOut(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(
        'main',
      );
      expect(await gitOut(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
      expect(filesOf(dir)).toEqual(
        await dryRunFiles('create-data-stack', values()),
      );
      expect(await validateStackDir(dir)).toEqual([]);

      // catalog:register asked for the catalog file on the forge, and the
      // catalog read it from there through the GitHub URL reader. A tree
      // URL: GitHub's integration resolves every path to one (GitHub
      // redirects a file's tree URL to its blob; packages/integration/src/
      // github/GithubIntegration.ts, resolveUrl).
      const target = `${github.origin}/acme/sales/tree/main/catalog-info.yaml`;
      expect(catalog.registrations).toEqual([
        { type: 'url', target },
        { type: 'url', target, dryRun: true },
      ]);
      expect(
        github.calls(
          'GET',
          '/api/v3/repos/acme/sales/contents/catalog-info.yaml',
        ),
      ).not.toHaveLength(0);
      expect(
        catalog.entities.find(
          e => e.kind === 'System' && e.metadata.name === 'sales',
        )?.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`url:${target}`);

      expect(task.output.links).toEqual(
        expect.arrayContaining([
          { title: 'Repository', url: `${github.origin}/acme/sales.git` },
        ]),
      );
      created.github = task.output;
    }, 180_000);

    it('add-data-stack-components reads the stack from its System, pushes datastack/add-<ids> and opens a pull request', async () => {
      const task = await runTask('add-data-stack-components', {
        stack: 'system:default/sales',
        components: ['prometheus', 'grafana'],
      });
      expect({ status: task.status, log: task.log }).toEqual({
        status: 'completed',
        log: expect.any(String),
      });

      // datastack:stack:fetch read the repository through the GitHub URL
      // reader: the branch's commit, then its tarball.
      expect(
        github.calls('GET', '/api/v3/repos/acme/sales/commits/main/status'),
      ).toHaveLength(1);
      expect(
        github.calls('GET', /^\/api\/v3\/repos\/acme\/sales\/tarball\//),
      ).toHaveLength(1);

      // The branch was written through the git database API and the pull
      // request opened with the template's title and the plan as its body.
      const branch = 'datastack/add-prometheus-grafana';
      expect(github.calls('POST', '/api/v3/repos/acme/sales/git/refs')).toEqual(
        [
          expect.objectContaining({
            body: expect.objectContaining({ ref: `refs/heads/${branch}` }),
          }),
        ],
      );
      const main = await gitOut(
        github.gitDir('acme/sales'),
        'rev-parse',
        'refs/heads/main',
      );
      expect(
        github.calls('POST', '/api/v3/repos/acme/sales/git/trees'),
      ).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({
            base_tree: await gitOut(
              github.gitDir('acme/sales'),
              'rev-parse',
              'main^{tree}',
            ),
          }),
        }),
      ]);
      expect(github.calls('POST', '/api/graphql')).toHaveLength(1);
      const [pull] = github.calls('POST', '/api/v3/repos/acme/sales/pulls');
      expect(pull.body).toEqual(
        expect.objectContaining({
          title: 'Add prometheus, grafana to sales',
          head: `acme:${branch}`,
          base: 'main',
          body: expect.stringContaining('Added for you:'),
        }),
      );
      expect(task.output.links).toEqual(
        expect.arrayContaining([
          { title: 'Pull request', url: `${github.origin}/acme/sales/pull/1` },
        ]),
      );

      // The branch in git: one commit on main, the components added and
      // every file re-rendered.
      const dir = await clone(github, 'acme/sales', branch);
      expect(await gitOut(dir, 'rev-parse', 'HEAD^')).toBe(main);
      expect(await gitOut(dir, 'log', '-1', '--format=%s')).toBe(
        'Add prometheus, grafana to sales',
      );
      expect(
        yaml.parse(fs.readFileSync(path.join(dir, 'stack.yaml'), 'utf8')).spec
          .components,
      ).toEqual(['trino', 'postgresql', 'prometheus', 'grafana']);
      expect(
        fs.readFileSync(
          path.join(dir, 'configs/prometheus/prometheus.yml'),
          'utf8',
        ),
      ).toContain('job_name: postgresql');
      expect(
        fs.existsSync(path.join(dir, 'helm-charts/grafana/Chart.yaml')),
      ).toBe(true);
      expect(await validateStackDir(dir)).toEqual([]);
    }, 180_000);
  });

  describe('GitLab', () => {
    const project = 'data/platform/billing';
    const values = () =>
      stack('billing', {
        target: 'gitlab',
        host: gitlab.host,
        owner: 'data/platform',
        repo: 'billing',
        repoUrl: `${gitlab.host}?owner=${encodeURIComponent(
          'data/platform',
        )}&repo=billing`,
        location: `${gitlab.host}/data/platform/billing`,
      });
    const api = `/api/v4/projects/${encodeURIComponent(project)}`;

    it('create-data-stack creates the project in a nested group through the API, pushes the rendered files to main and registers its catalog file', async () => {
      const before = catalog.registrations.length;
      const task = await runTask('create-data-stack', values());
      expect({ status: task.status, log: task.log }).toEqual({
        status: 'completed',
        log: expect.any(String),
      });

      expect(
        gitlab.calls('GET', '/api/v4/namespaces/data%2Fplatform'),
      ).toHaveLength(1);
      expect(gitlab.calls('POST', '/api/v4/projects')).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({
            namespace_id: gitlab.namespaces.find(
              n => n.full_path === 'data/platform',
            )!.id,
            name: 'billing',
            path: 'billing',
            visibility: 'private',
          }),
        }),
      ]);
      expect(gitlab.calls('POST', `/${project}.git/git-receive-pack`)).toEqual([
        expect.objectContaining({ gitUser: 'oauth2' }),
      ]);

      const dir = await clone(gitlab, project);
      expect(await gitOut(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(
        'main',
      );
      expect(await gitOut(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
      expect(filesOf(dir)).toEqual(
        await dryRunFiles('create-data-stack', values()),
      );
      expect(await validateStackDir(dir)).toEqual([]);

      const target = `${gitlab.origin}/${project}/-/blob/main/catalog-info.yaml`;
      expect(catalog.registrations.slice(before)).toEqual([
        { type: 'url', target },
        { type: 'url', target, dryRun: true },
      ]);
      expect(
        gitlab.calls('GET', `${api}/repository/files/catalog-info.yaml/raw`),
      ).not.toHaveLength(0);
      expect(
        catalog.entities.find(
          e => e.kind === 'System' && e.metadata.name === 'billing',
        )?.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`url:${target}`);
      expect(task.output.links).toEqual(
        expect.arrayContaining([
          { title: 'Repository', url: `${gitlab.origin}/${project}` },
        ]),
      );
      created.gitlab = task.output;
    }, 180_000);

    it('add-data-stack-components reads the stack from its System, commits datastack/add-<ids> and opens a merge request', async () => {
      const task = await runTask('add-data-stack-components', {
        stack: 'system:default/billing',
        components: ['prometheus'],
      });
      expect({ status: task.status, log: task.log }).toEqual({
        status: 'completed',
        log: expect.any(String),
      });

      // The GitLab URL reader: the project, its branch's commit, the archive.
      expect(gitlab.calls('GET', `${api}/repository/commits`)).toEqual([
        expect.objectContaining({ query: { ref_name: 'main' } }),
      ]);
      expect(gitlab.calls('GET', `${api}/repository/archive`)).toEqual([
        expect.objectContaining({ query: { sha: 'main' } }),
      ]);

      const branch = 'datastack/add-prometheus';
      expect(gitlab.calls('POST', `${api}/repository/branches`)).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({ branch, ref: 'main' }),
        }),
      ]);
      // One commit of the changed files only: GitLab's "auto" commit
      // action skips a file whose blob id is the one on main.
      const [commit] = gitlab.calls('POST', `${api}/repository/commits`);
      const actions = commit.body.actions.map(
        (a: any) => `${a.action} ${a.file_path}`,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'update stack.yaml',
          'create configs/prometheus/prometheus.yml',
        ]),
      );
      expect(actions).not.toContain('update README.md');
      const [mr] = gitlab.calls('POST', `${api}/merge_requests`);
      expect(mr.body).toEqual(
        expect.objectContaining({
          source_branch: branch,
          target_branch: 'main',
          title: 'Add prometheus to billing',
          description: expect.stringContaining('Added for you:'),
        }),
      );
      expect(task.output.links).toEqual(
        expect.arrayContaining([
          {
            title: 'Merge request',
            url: `${gitlab.origin}/${project}/-/merge_requests/1`,
          },
        ]),
      );

      const dir = await clone(gitlab, project, branch);
      const main = await gitOut(
        gitlab.gitDir(project),
        'rev-parse',
        'refs/heads/main',
      );
      expect(await gitOut(dir, 'rev-parse', 'HEAD^')).toBe(main);
      expect(
        yaml.parse(fs.readFileSync(path.join(dir, 'stack.yaml'), 'utf8')).spec
          .components,
      ).toEqual(['trino', 'postgresql', 'prometheus']);
      expect(
        fs.readFileSync(
          path.join(dir, 'configs/prometheus/prometheus.yml'),
          'utf8',
        ),
      ).toContain('job_name: postgresql');
      expect(await validateStackDir(dir)).toEqual([]);
    }, 180_000);
  });

  // catalog:register outputs the first Component of the catalog file it
  // registered (plugins/scaffolder-backend/src/scaffolder/actions/builtin/
  // catalog/register.ts in backstage/backstage); the link names the System.
  it.each([
    ['github', 'system:default/sales'],
    ['gitlab', 'system:default/billing'],
  ])(
    "create-data-stack on %s links the stack's System in the catalog",
    (forge, system) => {
      expect(created[forge].links).toEqual(
        expect.arrayContaining([
          {
            title: 'Open the stack in the catalog',
            icon: 'catalog',
            entityRef: system,
          },
        ]),
      );
    },
  );

  it('create-data-stack with nowhere to publish packs the files, and the data stack backend serves them at the download link', async () => {
    const calls = github.requests.length + gitlab.requests.length;
    const values = stack('adhoc', {
      target: 'download',
      location: 'a download of the rendered files (.tar.gz)',
    });
    const task = await runTask('create-data-stack', values);
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.any(String),
    });
    expect(github.requests.length + gitlab.requests.length).toBe(calls);

    const link = task.output.links.find(
      (l: any) => l.title === 'Download the stack (.tar.gz)',
    );
    expect(link.url).toMatch(
      new RegExp(
        `^${baseUrl}/api/data-stack/downloads/[0-9a-f-]{36}/adhoc\\.tar\\.gz$`,
      ),
    );
    // No token: a browser opens the link.
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    const out = fs.mkdtempSync(path.join(scratch, 'download-'));
    await pipeline(Readable.fromWeb(res.body as any), extractTar({ cwd: out }));
    expect(fs.readdirSync(out)).toEqual(['adhoc']);
    expect(filesOf(path.join(out, 'adhoc'))).toEqual(
      await dryRunFiles('create-data-stack', values),
    );
    expect(await validateStackDir(path.join(out, 'adhoc'))).toEqual([]);
  }, 180_000);

  it('the stand-ins refuse a request without the integration token', async () => {
    expect((await fetch(`${github.apiBaseUrl}/repos/acme/sales`)).status).toBe(
      401,
    );
    expect((await fetch(`${gitlab.apiBaseUrl}/projects/1`)).status).toBe(401);
    expect(
      (
        await fetch(
          `${github.origin}/acme/sales.git/info/refs?service=git-upload-pack`,
        )
      ).status,
    ).toBe(401);
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  commitToNewBranch,
  createLocalRepository,
  checkoutInto,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { stackSystemEntity } from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { dataStackPlugin } from '../plugin';

const author = { name: 'a', email: 'a@b.c' };
const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

describe('stack repositories through the data stack backend', () => {
  let root: string;
  let stacks: string;
  let repo: string;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const permissions = mockServices.permissions.mock();
  const refreshEntity = jest.fn().mockResolvedValue(undefined);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'repository-routes-'));
    stacks = path.join(root, 'stacks');
    const source = path.join(root, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(
      path.join(source, 'stack.yaml'),
      stringify({
        apiVersion: 'datastack.backstage.io/v1alpha1',
        kind: 'DataStack',
        metadata: { name: 'analytics' },
        spec: { profile: 'dev', components: ['postgresql'] },
      }),
    );
    ({ path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author,
    }));
    const inMemory = catalogServiceMock({
      entities: [
        stackSystemEntity('analytics', `file:${repo}/catalog-info.yaml`),
        stackSystemEntity('elsewhere', 'file:/etc/elsewhere/catalog-info.yaml'),
      ],
    });
    const catalog = catalogServiceMock.mock({
      getEntityByRef: (ref, options) => inMemory.getEntityByRef(ref, options),
      refreshEntity,
    });
    const backend = await startTestBackend({
      features: [
        dataStackPlugin,
        catalog.factory,
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            dataStack: {
              publish: {
                local: { directory: stacks },
                downloads: { directory: path.join(root, 'downloads') },
              },
            },
            integrations: {
              github: [{ host: 'github.com', token: 't' }],
              gitlab: [
                {
                  host: 'gitlab.example.com',
                  apiBaseUrl: 'https://gitlab.example.com/api/v4',
                },
              ],
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

  const call = (route: string, init: RequestInit = {}, token?: string) =>
    fetch(`${baseUrl}${route}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token ?? mockCredentials.user.token()}`,
        ...init.headers,
      },
    });

  it('lists where a stack can go: this machine and the forges with credentials', async () => {
    const res = await call('/publish-targets');
    expect(await res.json()).toEqual({
      targets: [
        { type: 'local', host: 'local', title: `This machine (${stacks})` },
        { type: 'github', host: 'github.com', title: 'GitHub (github.com)' },
      ],
    });
  });

  it('says whether a name is free on this machine', async () => {
    expect(
      await (await call('/publish-targets/local/analytics')).json(),
    ).toEqual({
      name: 'analytics',
      path: repo,
      available: false,
      reason: `a stack repository named 'analytics' already exists at ${repo}`,
    });
    expect(
      await (await call('/publish-targets/local/search')).json(),
    ).toMatchObject({
      available: true,
    });
    expect((await call('/publish-targets/local/..%2Fetc')).status).toBe(400);
  });

  it("reads a stack's components from its repository", async () => {
    const res = await call('/stacks/default/analytics');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      name: 'analytics',
      repository: { type: 'local', location: repo },
      profile: 'dev',
      components: ['postgresql'],
      selected: ['postgresql'],
    });
    expect((await call('/stacks/default/elsewhere')).status).toBe(400);
    expect((await call('/stacks/default/missing')).status).toBe(404);
  });

  it('plans an addition to a stack with its budget before and after', async () => {
    const res = await call('/plan', {
      method: 'POST',
      body: JSON.stringify({
        stack: 'system:default/analytics',
        components: ['trino'],
      }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.components).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'postgresql', present: true }),
        expect.objectContaining({ id: 'trino', present: false }),
      ]),
    );
    expect(body.budget.cpu).toBeGreaterThan(body.before.cpu);
    expect(body.budget.memoryMi).toBeGreaterThan(body.before.memoryMi);
  });

  it('shows and merges a proposed branch, then has the catalog read the stack again', async () => {
    const work = path.join(root, 'work');
    await checkoutInto(repo, 'main', work);
    fs.appendFileSync(path.join(work, 'stack.yaml'), '# more\n');
    await commitToNewBranch({
      repository: repo,
      sourceDir: work,
      branch: 'datastack/add-trino',
      message: 'Add trino',
      author,
    });
    const list = await (await call('/stacks/default/analytics/changes')).json();
    expect(list.changes).toEqual([
      {
        branch: 'datastack/add-trino',
        files: [
          { path: 'stack.yaml', change: 'modified', added: 1, removed: 0 },
        ],
        mergeCommand: `git -C ${repo} merge datastack/add-trino`,
      },
    ]);
    const diff = await (
      await call(
        '/stacks/default/analytics/changes/diff?branch=datastack%2Fadd-trino',
      )
    ).json();
    expect(diff.stackFilePatch).toContain('+# more');

    // Without the merge permission nothing happens.
    permissions.authorize.mockResolvedValueOnce([
      { result: AuthorizeResult.DENY },
    ]);
    const denied = await call('/stacks/default/analytics/changes/merge', {
      method: 'POST',
      body: JSON.stringify({ branch: 'datastack/add-trino' }),
    });
    expect(denied.status).toBe(403);
    expect(git(repo, 'log', '--format=%s', 'main')).toBe('Create');

    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const merged = await call('/stacks/default/analytics/changes/merge', {
      method: 'POST',
      body: JSON.stringify({ branch: 'datastack/add-trino' }),
    });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ fastForward: true });
    expect(git(repo, 'log', '--format=%s', 'main')).toBe('Add trino\nCreate');
    expect(fs.readFileSync(path.join(repo, 'stack.yaml'), 'utf8')).toContain(
      '# more',
    );
    expect(git(repo, 'branch', '--format=%(refname:short)')).toBe('main');
    expect(refreshEntity).toHaveBeenCalledWith(
      expect.stringMatching(/^location:default\/generated-[0-9a-f]{40}$/),
      expect.anything(),
    );
    expect(
      (
        await call('/stacks/default/analytics/changes/merge', {
          method: 'POST',
          body: JSON.stringify({ branch: 'datastack/add-trino' }),
        })
      ).status,
    ).toBe(404);
  });

  it('serves a download by its id only, without a token', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    fs.mkdirSync(path.join(root, 'downloads', id), { recursive: true });
    fs.writeFileSync(path.join(root, 'downloads', id, 'analytics.tar.gz'), 'x');
    const res = await fetch(`${baseUrl}/downloads/${id}/analytics.tar.gz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="analytics.tar.gz"',
    );
    expect(await res.text()).toBe('x');
    for (const bad of [
      `/downloads/${id}/other.tar.gz`,
      '/downloads/not-an-id/analytics.tar.gz',
      `/downloads/${id}/..%2F..%2Fetc%2Fpasswd`,
    ])
      expect((await fetch(`${baseUrl}${bad}`)).status).toBe(404);
  });
});

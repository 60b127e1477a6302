import { ConfigReader } from '@backstage/config';
import {
  checkoutInto,
  createLocalRepository,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testLibrary, workspaceContext } from '../__testUtils__/workspace';
import { createComposeRenderAction } from './composeRender';
import { createPublishLocalBranchAction } from './publishLocalBranch';
import { createStackResolveAction } from './stackResolve';

const library = testLibrary();
const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

describe('datastack:publish:local:branch', () => {
  let stacks: string;
  let repo: string;
  const config = () =>
    new ConfigReader({
      dataStack: { publish: { local: { directory: stacks } } },
    });

  beforeEach(async () => {
    stacks = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    const { workspacePath, ctx } = workspaceContext({
      name: 'analytics',
      components: ['postgresql'],
      targets: ['compose'],
    });
    await createStackResolveAction({ library }).handler(ctx as any);
    await createComposeRenderAction({ library }).handler(
      workspaceContext({}, workspacePath).ctx as any,
    );
    ({ path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: workspacePath,
      message: 'Create',
      author: { name: 'a', email: 'a@b.c' },
    }));
  }, 60_000);
  afterEach(() => fs.rmSync(stacks, { recursive: true, force: true }));

  it('commits the re-rendered stack as a branch and shows its diff', async () => {
    // What the add template does: fetch, resolve with more components, render.
    const { workspacePath, ctx } = workspaceContext({
      name: 'analytics',
      extends: 'stack.yaml',
      components: ['clickhouse'],
    });
    await checkoutInto(repo, 'main', workspacePath);
    await createStackResolveAction({ library }).handler(ctx as any);
    await createComposeRenderAction({ library }).handler(
      workspaceContext({}, workspacePath).ctx as any,
    );
    const branchCtx = workspaceContext(
      {
        repository: 'analytics',
        branch: 'datastack/add-clickhouse',
        title: 'Add clickhouse to analytics',
      },
      workspacePath,
    ).ctx;
    await createPublishLocalBranchAction({ config: config() }).handler(
      branchCtx as any,
    );
    expect(git(repo, 'log', '--format=%s', 'datastack/add-clickhouse')).toBe(
      'Add clickhouse to analytics\nCreate',
    );
    // main and the working tree are as they were.
    expect(git(repo, 'log', '--format=%s', 'main')).toBe('Create');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const outputs = Object.fromEntries(
      (branchCtx.output as jest.Mock).mock.calls,
    );
    expect(outputs.mergeCommand).toBe(
      `git -C ${repo} merge datastack/add-clickhouse`,
    );
    expect(outputs.changes).toEqual(
      expect.arrayContaining([
        {
          path: 'services/clickhouse/docker-compose.yml',
          change: 'added',
          added: expect.any(Number),
          removed: 0,
        },
        {
          path: 'stack.yaml',
          change: 'modified',
          added: 1,
          removed: 0,
        },
      ]),
    );
    // git's own diff agrees with the file list.
    expect(
      git(repo, 'diff', '--name-only', 'main', 'datastack/add-clickhouse')
        .split('\n')
        .sort(),
    ).toEqual(outputs.changes.map((c: { path: string }) => c.path).sort());
    expect(outputs.diff).toContain(
      '| `services/clickhouse/docker-compose.yml` | added |',
    );
    expect(outputs.diff).toMatch(/```diff\n[^]*\n\+ +- clickhouse\n[^]*```$/);
  }, 60_000);

  it.each([
    [{ repository: '../x' }, "'../x' is not a stack name"],
    [{ repository: 'other' }, 'is not a git repository of the stacks folder'],
    [{ branch: '-x' }, "'-x' is not a branch name"],
    [{ branch: 'a..b' }, "'a..b' is not a branch name"],
    [{ branch: 'a b' }, "'a b' is not a branch name"],
  ])('refuses %j', async (input, message) => {
    const { ctx } = workspaceContext({
      repository: 'analytics',
      branch: 'datastack/x',
      title: 't',
      ...input,
    });
    await expect(
      createPublishLocalBranchAction({ config: config() }).handler(ctx as any),
    ).rejects.toThrow(message);
    expect(git(repo, 'branch', '--format=%(refname:short)')).toBe('main');
  });
});

import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testLibrary, workspaceContext } from '../__testUtils__/workspace';
import { createCatalogRenderAction } from './catalogRender';
import { createComposeRenderAction } from './composeRender';
import { createPublishLocalAction } from './publishLocal';
import { createStackResolveAction } from './stackResolve';

const library = testLibrary();

/** A workspace holding a rendered stack, as the template leaves it before publishing. */
async function renderedWorkspace(name = 'analytics') {
  const { workspacePath, ctx } = workspaceContext({
    name,
    owner: 'group:default/data-platform',
    components: ['postgresql'],
    targets: ['compose', 'catalog'],
  });
  await createStackResolveAction({ library }).handler(ctx as any);
  for (const action of [createComposeRenderAction, createCatalogRenderAction])
    await action({ library }).handler(
      workspaceContext({}, workspacePath).ctx as any,
    );
  return workspacePath;
}

describe('datastack:publish:local', () => {
  let stacks: string;
  let config: ConfigReader;
  const events = { publish: jest.fn(), subscribe: jest.fn() };
  /** The catalog reads the new System after the event, as the catalog module does. */
  const catalog = { getEntityByRef: jest.fn() };

  beforeEach(() => {
    stacks = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    config = new ConfigReader({
      dataStack: { publish: { local: { directory: stacks } } },
    });
    events.publish.mockReset();
    catalog.getEntityByRef.mockReset();
    // Not there before the publish (the name check) nor at the first look.
    catalog.getEntityByRef
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue({ kind: 'System' });
  });
  afterEach(() => fs.rmSync(stacks, { recursive: true, force: true }));

  const action = (timeout?: number) =>
    createPublishLocalAction({
      config,
      catalog: catalog as unknown as CatalogService,
      events: events as unknown as EventsService,
      registrationTimeoutMs: timeout,
    });

  it('writes a git repository, announces it and waits for the catalog', async () => {
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext(
      { name: 'analytics', description: 'Sales analytics' },
      workspace,
    );
    await action().handler(ctx as any);
    const repo = path.join(stacks, 'analytics');
    expect(ctx.output).toHaveBeenCalledWith('repositoryPath', repo);
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${repo}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'system:default/analytics',
    );
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'datastack.local-stacks',
      eventPayload: { name: 'analytics', path: repo },
    });
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    expect(
      execFileSync('git', ['-C', repo, 'log', '--format=%B'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('Create the analytics data stack\n\nSales analytics');
    expect(fs.existsSync(path.join(repo, 'catalog-info.yaml'))).toBe(true);
    expect(
      execFileSync('git', ['-C', repo, 'status', '--porcelain'], {
        encoding: 'utf8',
      }),
    ).toBe('');
  }, 60_000);

  it('refuses a name that exists before writing anything', async () => {
    const workspace = await renderedWorkspace();
    fs.mkdirSync(path.join(stacks, 'analytics'));
    const { ctx } = workspaceContext({ name: 'analytics' }, workspace);
    await expect(action().handler(ctx as any)).rejects.toThrow(
      `a stack repository named 'analytics' already exists at ${path.join(
        stacks,
        'analytics',
      )}; choose another name`,
    );
    expect(fs.readdirSync(path.join(stacks, 'analytics'))).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
  }, 60_000);

  it('refuses a name the catalog has for another stack, before writing anything', async () => {
    catalog.getEntityByRef.mockReset();
    catalog.getEntityByRef.mockResolvedValue({ kind: 'System' });
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext({ name: 'analytics' }, workspace);
    await expect(action().handler(ctx as any)).rejects.toThrow(
      'the catalog already has system:default/analytics; choose another name',
    );
    expect(fs.readdirSync(stacks)).toEqual([]);
  }, 60_000);

  it.each(['../etc', 'Analytics', 'a/b', ''])(
    'refuses the name %j',
    async name => {
      const workspace = await renderedWorkspace();
      const { ctx } = workspaceContext({ name }, workspace);
      await expect(action().handler(ctx as any)).rejects.toThrow(
        'is not a stack name',
      );
      expect(fs.readdirSync(stacks)).toEqual([]);
    },
    60_000,
  );

  it('says where the repository is when the catalog does not read it', async () => {
    catalog.getEntityByRef.mockReset();
    catalog.getEntityByRef.mockResolvedValue(undefined);
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext({ name: 'analytics' }, workspace);
    await expect(action(500).handler(ctx as any)).rejects.toThrow(
      `the repository is at ${path.join(
        stacks,
        'analytics',
      )}, but the catalog has not read system:default/analytics yet`,
    );
    // Nothing is lost: the repository stays.
    expect(fs.existsSync(path.join(stacks, 'analytics', '.git'))).toBe(true);
  }, 60_000);

  it('is off without a stacks folder, with the setting to change', async () => {
    config = new ConfigReader({});
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext({ name: 'analytics' }, workspace);
    await expect(action().handler(ctx as any)).rejects.toThrow(
      'publishing on this machine is off: set dataStack.publish.local.directory',
    );
  }, 60_000);

  it('writes nothing in a dry run', async () => {
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext({ name: 'analytics' }, workspace);
    await action().handler({ ...ctx, isDryRun: true } as any);
    expect(fs.readdirSync(stacks)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'system:default/analytics',
    );
  }, 60_000);
});

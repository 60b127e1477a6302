import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createLocalRepository } from '@big-data-stack/backstage-plugin-data-stack-node';
import { stackSystemEntity } from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceContext } from '../__testUtils__/workspace';
import { createStackFetchAction } from './stackFetch';

const system = (name: string, location: string, stack = true) =>
  stackSystemEntity(name, location, { stack });

describe('datastack:stack:fetch', () => {
  let root: string;
  let stacks: string;
  const urlReader = mockServices.urlReader.mock();

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-'));
    stacks = path.join(root, 'stacks');
    urlReader.readTree.mockReset();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const action = (entities: Entity[]) =>
    createStackFetchAction({
      config: new ConfigReader({
        dataStack: { publish: { local: { directory: stacks } } },
        integrations: { github: [{ host: 'github.com', token: 't' }] },
      }),
      catalog: catalogServiceMock({ entities }),
      urlReader,
    });

  it("reads a local stack's main as committed, not its working tree", async () => {
    const source = path.join(root, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'stack.yaml'), 'committed\n');
    const { path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author: { name: 'a', email: 'a@b.c' },
    });
    fs.writeFileSync(path.join(repo, 'stack.yaml'), 'edited, not committed\n');
    const { ctx, workspacePath } = workspaceContext({
      stack: 'system:default/analytics',
    });
    await action([
      system('analytics', `file:${repo}/catalog-info.yaml`),
    ]).handler(ctx as any);
    expect(
      fs.readFileSync(path.join(workspacePath, 'stack.yaml'), 'utf8'),
    ).toBe('committed\n');
    expect(ctx.output).toHaveBeenCalledWith('target', 'local');
    expect(ctx.output).toHaveBeenCalledWith('repository', 'analytics');
    expect(ctx.output).toHaveBeenCalledWith('location', repo);
    expect(ctx.output).toHaveBeenCalledWith('name', 'analytics');
  });

  it("reads a GitHub stack's tree through the URL reader", async () => {
    urlReader.readTree.mockResolvedValue({
      dir: async ({ targetDir }: { targetDir: string }) => {
        fs.writeFileSync(path.join(targetDir, 'stack.yaml'), 'x\n');
        return targetDir;
      },
    } as any);
    const { ctx } = workspaceContext({ stack: 'system:default/analytics' });
    await action([
      system(
        'analytics',
        'url:https://github.com/acme/analytics/blob/main/catalog-info.yaml',
      ),
    ]).handler(ctx as any);
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/analytics/tree/main',
    );
    expect(ctx.output).toHaveBeenCalledWith('target', 'github');
    expect(ctx.output).toHaveBeenCalledWith(
      'repoUrl',
      'github.com?owner=acme&repo=analytics',
    );
  });

  it.each([
    [
      'system:default/missing',
      [],
      'system:default/missing is not in the catalog',
    ],
    [
      'system:default/plain',
      [system('plain', 'file:/x/catalog-info.yaml', false)],
      'is not a data stack System',
    ],
    [
      'system:default/elsewhere',
      [system('elsewhere', 'file:/etc/elsewhere/catalog-info.yaml')],
      "is not a stack repository of this machine's stacks folder",
    ],
  ])('refuses %s', async (stack, entities, message) => {
    const { ctx } = workspaceContext({ stack });
    await expect(
      action(entities as Entity[]).handler(ctx as any),
    ).rejects.toThrow(message);
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { list } from 'tar';
import { workspaceContext } from '../__testUtils__/workspace';
import { createStackArchiveAction } from './stackArchive';

describe('datastack:stack:archive', () => {
  let downloads: string;
  beforeEach(() => {
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'downloads-'));
  });
  afterEach(() => fs.rmSync(downloads, { recursive: true, force: true }));

  const action = () =>
    createStackArchiveAction({
      config: new ConfigReader({
        dataStack: { publish: { downloads: { directory: downloads } } },
      }),
      discovery: mockServices.discovery(),
    });

  it('packs the workspace under the stack name, links left out', async () => {
    const { ctx, workspacePath } = workspaceContext({ name: 'analytics' });
    fs.mkdirSync(path.join(workspacePath, 'services/trino'), {
      recursive: true,
    });
    fs.writeFileSync(path.join(workspacePath, 'stack.yaml'), 'x');
    fs.writeFileSync(
      path.join(workspacePath, 'services/trino/docker-compose.yml'),
      'y',
    );
    fs.symlinkSync('/etc/passwd', path.join(workspacePath, 'passwd'));
    await action().handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.files).toBe(2);
    const match =
      /\/api\/data-stack\/downloads\/([0-9a-f-]{36})\/analytics\.tar\.gz$/.exec(
        outputs.downloadUrl,
      );
    expect(match).not.toBeNull();
    const entries: string[] = [];
    await list({
      file: path.join(downloads, match![1], 'analytics.tar.gz'),
      onReadEntry: e => {
        entries.push(e.path);
      },
    });
    expect(entries.filter(e => !e.endsWith('/')).sort()).toEqual([
      'analytics/services/trino/docker-compose.yml',
      'analytics/stack.yaml',
    ]);
  });

  it('clears the downloads older than a day', async () => {
    const old = path.join(downloads, '0f8fad5b-d9cb-469f-a165-70867728950e');
    fs.mkdirSync(old);
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    fs.utimesSync(old, dayAgo, dayAgo);
    const { ctx, workspacePath } = workspaceContext({ name: 'analytics' });
    fs.writeFileSync(path.join(workspacePath, 'stack.yaml'), 'x');
    await action().handler(ctx as any);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readdirSync(downloads)).toHaveLength(1);
  });

  it('refuses a name that is not a stack name', async () => {
    const { ctx } = workspaceContext({ name: '../x' });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      "'../x' is not a stack name",
    );
    expect(fs.readdirSync(downloads)).toEqual([]);
  });
});

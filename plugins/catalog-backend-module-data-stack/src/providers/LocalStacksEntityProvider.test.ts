import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalStacksEntityProvider } from './LocalStacksEntityProvider';

describe('LocalStacksEntityProvider', () => {
  let root: string;
  const applyMutation = jest.fn();
  const connection = {
    applyMutation,
    refresh: jest.fn(),
  } as unknown as EntityProviderConnection;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-stacks-'));
    applyMutation.mockReset();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const stacks = () => path.join(root, 'stacks');
  const provider = () =>
    new LocalStacksEntityProvider(stacks(), mockServices.logger.mock());

  it('has nothing to add before the first stack exists', async () => {
    await provider().connect(connection);
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });

  it('adds a file Location per stack repository, and only those', async () => {
    const make = (name: string, file = 'catalog-info.yaml') => {
      fs.mkdirSync(path.join(stacks(), name), { recursive: true });
      fs.writeFileSync(path.join(stacks(), name, file), 'kind: System\n');
    };
    make('analytics');
    make('search');
    make('notes', 'README.md');
    // A stack being written, a link out of the folder and a stray file.
    make('.analytics-x1y2');
    fs.mkdirSync(path.join(stacks(), 'linked'));
    fs.symlinkSync(
      path.join(stacks(), 'analytics', 'catalog-info.yaml'),
      path.join(stacks(), 'linked', 'catalog-info.yaml'),
    );
    fs.writeFileSync(path.join(stacks(), 'catalog-info.yaml'), 'x');

    const p = provider();
    await p.connect(connection);
    const [{ entities }] = applyMutation.mock.calls[0];
    const targets = ['analytics', 'search'].map(n =>
      path.join(stacks(), n, 'catalog-info.yaml'),
    );
    expect(entities).toEqual(
      targets.map(target => ({
        locationKey: `file:${target}`,
        entity: expect.objectContaining({
          kind: 'Location',
          spec: { type: 'file', target },
          metadata: expect.objectContaining({
            annotations: {
              'backstage.io/managed-by-location': `file:${target}`,
              'backstage.io/managed-by-origin-location': `file:${target}`,
            },
          }),
        }),
      })),
    );

    // A repository removed by hand leaves the catalog on the next refresh.
    fs.rmSync(path.join(stacks(), 'search'), { recursive: true });
    await p.refresh();
    expect(applyMutation.mock.calls[1][0].entities).toHaveLength(1);
  });
});

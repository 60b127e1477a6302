import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { LibraryComponent } from '@big-data-stack/backstage-plugin-data-stack-common';
import { screen, within } from '@testing-library/react';
import { dataStackApiRef } from '../../api/DataStackApi';
import { ComponentLibraryPage } from './ComponentLibraryPage';
import { systemsByComponent } from './usedIn';

const resources = [
  { profile: 'dev', cpu: 1, memoryMi: 2048, diskMi: 1024 },
  { profile: 'production', cpu: 4, memoryMi: 16384, diskMi: 10240 },
];
const library: LibraryComponent[] = [
  {
    id: 'delta-lake',
    title: 'Delta Lake',
    description: 'Lakehouse tables on S3.',
    layer: 'lakehouse',
    version: '4.0.0',
    docs: 'https://docs.delta.io/',
    companion: false,
    origin: { kind: 'shipped', location: '' },
    requires: ['s3', 'metastore'],
    adds: [{ id: 'minio', reason: 'required by delta-lake (s3)' }],
    resources,
  },
  {
    id: 'minio',
    title: 'MinIO',
    description: 'S3 object store.',
    layer: 'storage',
    version: '2025',
    companion: true,
    origin: { kind: 'shipped', location: '' },
    requires: [],
    adds: [],
    resources,
  },
  {
    id: 'questdb',
    title: 'QuestDB',
    description: 'Time series.',
    layer: 'storage',
    version: '9.0.3',
    companion: false,
    origin: { kind: 'directory', location: 'examples/team-library' },
    requires: [],
    adds: [],
    resources,
  },
];

const member = (stack: string, component: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `${stack}-${component}`,
    namespace: 'default',
    annotations: {
      'datastack.backstage.io/stack': stack,
      'datastack.backstage.io/component': component,
    },
  },
  spec: { type: 'database', owner: 'data-platform', system: stack },
});

describe('the component library page', () => {
  it('lists every component with its layer, origin, companions, resources and the stacks using it', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                member('analytics', 'minio'),
                member('sales', 'minio'),
                member('sales', 'delta-lake'),
              ],
            }),
          ],
          [dataStackApiRef, { components: async () => library }],
        ]}
      >
        <ComponentLibraryPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByText('3 components');
    const row = (title: string) =>
      screen.getAllByRole('row').find(r => within(r).queryByText(title))!;
    const delta = row('Delta Lake');
    expect(
      within(delta).getByRole('link', { name: /^Delta Lake/ }),
    ).toHaveAttribute('href', 'https://docs.delta.io/');
    expect(delta).toHaveTextContent('Lakehouse');
    expect(delta).toHaveTextContent('4.0.0');
    expect(delta).toHaveTextContent('MinIO');
    expect(delta).toHaveTextContent('dev: 1 CPU, 2Gi memory, 1Gi disk');
    expect(within(delta).getByRole('link', { name: 'sales' })).toBeVisible();
    const minio = row('S3 object store.');
    expect(minio).toHaveTextContent('a companion, added for others');
    expect(
      within(minio)
        .getAllByRole('link')
        .map(l => l.textContent),
    ).toEqual(['analytics', 'sales']);
    expect(row('QuestDB')).toHaveTextContent('team library');
  });
});

describe('which stacks use a component', () => {
  it('reads the component annotation and the System of each entity, once per System', () => {
    expect(
      Object.fromEntries(
        systemsByComponent([
          member('a', 'trino'),
          member('a', 'trino'),
          member('b', 'trino'),
          { ...member('c', 'kafka'), spec: { type: 'x' } },
          // spec.system as a full ref, and as namespace/name.
          { ...member('d', 'presto'), spec: { system: 'System:ops/d' } },
          { ...member('e', 'presto'), spec: { system: 'ops/e' } },
        ]),
      ),
    ).toEqual({
      trino: ['system:default/a', 'system:default/b'],
      presto: ['system:ops/d', 'system:ops/e'],
    });
  });
});

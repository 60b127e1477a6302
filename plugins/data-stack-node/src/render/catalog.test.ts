import {
  DataStackError,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { shippedLibrary, stackSpec } from '../testing/stackFixtures';
import { catalogEntities, renderCatalog } from './catalog';

const library = shippedLibrary();

// What the target renders, checked with @backstage/catalog-model's own
// policies: data-stack-validate's src/output/catalogTarget.test.ts.
describe('the catalog target', () => {
  it('needs an owner', () => {
    const plan = resolveStack(
      { ...stackSpec(['trino']), metadata: { name: 'no-owner' } },
      library,
    );
    expect(() => renderCatalog(plan)).toThrow(DataStackError);
    expect(() => catalogEntities(plan)).toThrow(
      'metadata.owner: the catalog target needs an owner, e.g. group:default/data-platform',
    );
  });
});

describe('the portal cards an entity gets', () => {
  it('marks the components whose descriptor lists SQL catalogs, with their protocol', () => {
    const plan = resolveStack(
      stackSpec(['trino', 'presto', 'postgresql']),
      library,
    );
    const engines = Object.fromEntries(
      catalogEntities(plan)
        .filter(
          e => e.metadata.annotations?.['datastack.backstage.io/component'],
        )
        .map(e => [
          e.metadata.annotations!['datastack.backstage.io/component'],
          e.metadata.annotations!['datastack.backstage.io/query-catalogs'],
        ]),
    );
    expect(engines).toMatchObject({
      trino: 'trino',
      presto: 'presto',
      postgresql: undefined,
    });
  });
});

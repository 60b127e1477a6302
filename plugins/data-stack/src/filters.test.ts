import { stackSystem, trinoEntity } from './__testUtils__/stackFixtures';
import {
  isDataStackComponent,
  isDataStackSystem,
  isQueryEngine,
} from './filters';

describe('where the tab and cards go', () => {
  const postgres = {
    ...trinoEntity,
    kind: 'Resource',
    metadata: {
      ...trinoEntity.metadata,
      annotations: {
        'datastack.backstage.io/stack': 'analytics',
        'datastack.backstage.io/component': 'postgresql',
      },
    },
  };
  const plain = { ...stackSystem, metadata: { name: 'plain' } };
  // The card follows the descriptor, not the id: a team's own engine gets it.
  const ownEngine = {
    ...trinoEntity,
    metadata: {
      ...trinoEntity.metadata,
      annotations: {
        'datastack.backstage.io/stack': 'analytics',
        'datastack.backstage.io/component': 'starburst',
        'datastack.backstage.io/query-catalogs': 'trino',
      },
    },
  };

  it.each([
    ['a stack System', stackSystem, [true, false, false]],
    ['Trino of a stack', trinoEntity, [false, true, true]],
    ['a Resource of a stack', postgres, [false, true, false]],
    ['a query engine a team adds', ownEngine, [false, true, true]],
    ['a System without the annotation', plain, [false, false, false]],
  ])('%s', (_, entity, expected) => {
    expect([
      isDataStackSystem(entity),
      isDataStackComponent(entity),
      isQueryEngine(entity),
    ]).toEqual(expected);
  });
});

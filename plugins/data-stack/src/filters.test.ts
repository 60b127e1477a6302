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
        ...trinoEntity.metadata.annotations,
        'datastack.backstage.io/component': 'postgresql',
      },
    },
  };
  const plain = { ...stackSystem, metadata: { name: 'plain' } };

  it.each([
    ['a stack System', stackSystem, [true, false, false]],
    ['Trino of a stack', trinoEntity, [false, true, true]],
    ['a Resource of a stack', postgres, [false, true, false]],
    ['a System without the annotation', plain, [false, false, false]],
  ])('%s', (_, entity, expected) => {
    expect([
      isDataStackSystem(entity),
      isDataStackComponent(entity),
      isQueryEngine(entity),
    ]).toEqual(expected);
  });
});

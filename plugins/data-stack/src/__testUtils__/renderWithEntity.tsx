import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { dataStackApiRef } from '../api/DataStackApi';
import type { mockDataStackApi } from './stackFixtures';

/** Renders a view on an entity page of a test app, with the data stack API mocked. */
export function renderWithEntity(
  element: ReactElement,
  entity: Entity,
  api: ReturnType<typeof mockDataStackApi>,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[dataStackApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

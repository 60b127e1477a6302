import type { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import homePlugin from '@backstage/plugin-home/alpha';
import {
  MockStarredEntitiesApi,
  catalogApiRef,
  entityRouteRef,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import searchPlugin from '@backstage/plugin-search/alpha';
import { dataStackApiRef } from '@big-data-stack/backstage-plugin-data-stack';
import { screen, within } from '@testing-library/react';
import { homeModule } from './homeModule';

const demo: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'demo-analytics',
    namespace: 'default',
    description: 'The demo stack the portal shows on first start',
    annotations: { 'datastack.backstage.io/stack': 'demo-analytics' },
  },
  spec: { owner: 'group:default/data-platform' },
};

const dataStackApi = {
  status: jest.fn(async () => ({
    stack: 'demo-analytics',
    components: ['postgresql', 'trino'].map(id => ({
      id,
      title: id,
      layer: 'query',
      status: 'healthy' as const,
      checkedAt: '2026-01-01T00:00:00Z',
      services: [],
    })),
  })),
};

describe('the home page', () => {
  beforeEach(async () => {
    renderTestApp({
      // The search plugin brings the search page's route and its API.
      features: [homePlugin, homeModule, searchPlugin],
      initialRouteEntries: ['/home'],
      config: {
        app: { title: 'Big Data Stack Portal' },
        backend: { baseUrl: 'http://localhost:7007' },
      },
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [demo] })],
        [dataStackApiRef, dataStackApi as any],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      ],
    });
    // The first render loads the app's lazy parts: slow on a busy machine
    // (35 s when the whole suite runs on two cores).
    await screen.findByText('Data stacks', {}, { timeout: 80_000 });
  }, 90_000);

  it('shows the stacks with their health, and Create data stack', async () => {
    const row = await screen.findByTestId('stack-demo-analytics');
    expect(within(row).getByTestId('stack-summary')).toHaveTextContent(
      '2 healthy',
    );
    expect(row.querySelector('[data-status]')).toHaveAttribute(
      'data-status',
      'healthy',
    );
    // Backstage's LinkButton: a link that looks like a button.
    expect(
      screen.getByRole('button', { name: /Create data stack/ }),
    ).toHaveAttribute('href', '/create/templates/default/create-data-stack');
  }, 15_000);

  it('has search, getting started and the header, and is not an empty dashboard in edit mode', async () => {
    expect(
      screen.getByRole('heading', { name: 'Big Data Stack Portal' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByPlaceholderText('Search the catalog and the docs'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Getting started')).toBeInTheDocument();
    expect(
      await screen.findByText('Your Starred Entities'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No widgets added/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Add widget|Edit|Save/ }),
    ).not.toBeInTheDocument();
  }, 15_000);
});

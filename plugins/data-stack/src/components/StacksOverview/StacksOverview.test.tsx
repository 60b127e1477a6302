import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { dataStackApiRef } from '../../api/DataStackApi';
import { DataStackResponseError } from '../../api/DataStackClient';
import {
  component,
  mockDataStackApi,
  statusAnswer,
  stackSystem,
} from '../../__testUtils__/stackFixtures';
import { StacksOverview } from './StacksOverview';
import { stackHealth } from './stackHealth';

const system = (name: string, extra: Partial<Entity['metadata']> = {}) => ({
  ...stackSystem,
  metadata: {
    ...stackSystem.metadata,
    name,
    annotations: { 'datastack.backstage.io/stack': name },
    ...extra,
  },
});

const stopped = {
  stack: 'stopped',
  components: [
    component('trino', 'query', 'down', {
      reason: 'nothing listens on localhost:8080',
    }),
  ],
  notRunning: { runsOn: 'compose' as const },
};

function render(entities: Entity[], api = mockDataStackApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [dataStackApiRef, api],
      ]}
    >
      <StacksOverview />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('the stacks on the home page', () => {
  it("lists each stack's System with its health, linked to its Data stack tab", async () => {
    const api = mockDataStackApi({
      status: jest.fn(async ref =>
        ref.name === 'stopped' ? stopped : statusAnswer,
      ),
    });
    await render(
      [
        system('analytics', {
          title: 'Analytics',
          description: 'The analytics stack',
        }),
        system('stopped'),
        // Not a stack: no annotation.
        { ...stackSystem, metadata: { name: 'other', annotations: {} } },
        // Not a System.
        { ...system('lookalike'), kind: 'Component' },
      ],
      api,
    );
    const analytics = await screen.findByTestId('stack-analytics');
    expect(
      within(analytics).getByText('Analytics').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/system/analytics/data-stack');
    expect(
      within(analytics).getByText('The analytics stack'),
    ).toBeInTheDocument();
    expect(within(analytics).getByTestId('stack-summary')).toHaveTextContent(
      '1 healthy · 1 degraded · 1 down · 1 unknown',
    );
    expect(analytics.querySelector('[data-status]')).toHaveAttribute(
      'data-status',
      'degraded',
    );
    const stoppedRow = screen.getByTestId('stack-stopped');
    expect(within(stoppedRow).getByTestId('stack-summary')).toHaveTextContent(
      'not running',
    );
    expect(stoppedRow.querySelector('[data-status]')).toHaveAttribute(
      'data-status',
      'down',
    );
    expect(screen.queryByTestId('stack-other')).not.toBeInTheDocument();
    expect(screen.queryByTestId('stack-lookalike')).not.toBeInTheDocument();
    expect(api.status).toHaveBeenCalledTimes(2);
  });

  it('offers Create data stack', async () => {
    await render([system('analytics')]);
    expect(
      (await screen.findByText('Create data stack')).closest('a'),
    ).toHaveAttribute('href', '/create/templates/default/create-data-stack');
  });

  it('shows the other stacks when one status fails', async () => {
    await render(
      [system('analytics'), system('broken')],
      mockDataStackApi({
        status: jest.fn(async ref => {
          if (ref.name === 'broken')
            throw new DataStackResponseError('the backend is down', 503);
          return statusAnswer;
        }),
      }),
    );
    expect(
      within(await screen.findByTestId('stack-broken')).getByTestId(
        'stack-summary',
      ),
    ).toHaveTextContent('status unavailable: the backend is down');
    expect(screen.getByTestId('stack-analytics')).toBeInTheDocument();
  });

  it('says there are no stacks yet, and still offers Create', async () => {
    await render([]);
    expect(await screen.findByText('No data stacks yet')).toBeInTheDocument();
    expect(screen.getByText('Create data stack').closest('a')).toBeTruthy();
  });

  it('asks again on its own', async () => {
    const api = mockDataStackApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApiMock({ entities: [system('analytics')] })],
          [dataStackApiRef, api],
        ]}
      >
        <StacksOverview refreshMs={50} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await waitFor(() =>
      expect(api.status.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
  });
});

describe('stackHealth', () => {
  const answer = (
    ...statuses: ('healthy' | 'degraded' | 'down' | 'unknown')[]
  ) => ({
    stack: 's',
    components: statuses.map((s, i) => component(`c${i}`, 'query', s)),
  });
  it.each([
    [
      answer('healthy', 'healthy', 'unknown'),
      'healthy',
      '2 healthy · 1 unknown',
    ],
    [answer('healthy', 'down'), 'degraded', '1 healthy · 1 down'],
    [answer('down', 'down'), 'down', '2 down'],
    [answer('unknown'), 'unknown', '1 unknown'],
    [answer(), 'unknown', 'no components in the catalog'],
    [stopped, 'down', 'not running'],
  ])('%#: %s is %s', (a, status, summary) => {
    expect(stackHealth(a)).toEqual({ status, summary });
  });
});

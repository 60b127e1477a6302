import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { StackOverview } from '@big-data-stack/backstage-plugin-data-stack-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { dataStackApiRef } from '../../api/DataStackApi';
import { DataStacksPage } from './DataStacksPage';
import { filterStacks, overallHealth } from './stackFilters';

const stack = (
  name: string,
  owner: string,
  health: StackOverview['health'],
  extra: Partial<StackOverview> = {},
): StackOverview => ({
  entityRef: `system:default/${name}`,
  name,
  owner,
  profile: 'dev',
  components: ['trino', 'postgresql'],
  budget: { cpu: 2.5, memoryMi: 3072, diskMi: 10240 },
  health,
  repository: { type: 'local', location: `/srv/stacks/${name}` },
  docs: true,
  ...extra,
});

const stacks = [
  stack('analytics', 'group:default/data-platform', {
    up: 2,
    down: 0,
    unknown: 0,
  }),
  stack('sales', 'group:default/sales', { up: 1, down: 1, unknown: 0 }),
  stack(
    'lab',
    'group:default/data-platform',
    { up: 0, down: 0, unknown: 2 },
    {
      repository: { type: 'github', location: 'https://github.com/acme/lab' },
      docs: false,
      problem: 'stack.yaml: no such file',
    },
  ),
];

describe('the Data stacks page', () => {
  it("shows each stack's owner, health, plan and links, and filters by owner and health", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[dataStackApiRef, { stacks: jest.fn(async () => stacks) }]]}
      >
        <DataStacksPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByText('3 of 3 stacks');
    const row = (name: string) =>
      screen.getByTestId(`health-${name}`).closest('tr')!;
    const analytics = row('analytics');
    expect(
      within(analytics).getByRole('link', { name: 'analytics' }),
    ).toHaveAttribute('href', '/catalog/default/system/analytics/data-stack');
    expect(analytics).toHaveTextContent('2 up · 0 down · 0 unknown');
    expect(analytics).toHaveTextContent('2.5 CPU, 3Gi memory, 10Gi disk');
    expect(analytics).toHaveTextContent('trino, postgresql');
    expect(
      within(analytics).getByRole('link', { name: 'docs' }),
    ).toHaveAttribute('href', '/docs/default/system/analytics');
    const lab = row('lab');
    expect(
      within(lab).getByRole('link', { name: /repository/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/lab');
    expect(lab).toHaveTextContent('stack.yaml: no such file');

    fireEvent.mouseDown(
      within(screen.getByTestId('stacks-filter-health')).getByRole('button'),
    );
    fireEvent.click(
      await screen.findByRole('option', { name: 'something down' }),
    );
    await screen.findByText('1 of 3 stacks');
    expect(screen.getByTestId('health-sales')).toBeInTheDocument();
    expect(screen.queryByTestId('health-analytics')).toBeNull();
  });
});

describe('stack filters', () => {
  it('calls a stack down when any component is, unknown when none is known up', () => {
    expect(stacks.map(overallHealth)).toEqual(['up', 'down', 'unknown']);
    expect(
      overallHealth(stack('empty', 'x', { up: 0, down: 0, unknown: 0 })),
    ).toBe('unknown');
  });

  it('keeps the stacks of an owner with a health', () => {
    expect(
      filterStacks(stacks, { owner: 'group:default/data-platform' }).map(
        s => s.name,
      ),
    ).toEqual(['analytics', 'lab']);
    expect(
      filterStacks(stacks, {
        owner: 'group:default/data-platform',
        health: 'unknown',
      }).map(s => s.name),
    ).toEqual(['lab']);
    expect(filterStacks(stacks, {})).toHaveLength(3);
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DataStackResponseError } from '../../api/DataStackClient';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  component,
  mockDataStackApi,
  stackSystem,
} from '../../__testUtils__/stackFixtures';
import { DataStackContent } from './DataStackContent';

const render = (api = mockDataStackApi(), entity = stackSystem) =>
  renderWithEntity(<DataStackContent />, entity, api);

describe('the Data stack tab', () => {
  it('shows a progress bar while the first status is loading', async () => {
    const api = mockDataStackApi({
      status: jest.fn(() => new Promise(() => {})),
    });
    await render(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('groups the components by layer, storage first, with their status', async () => {
    await render();
    const headings = await screen.findAllByRole('heading', { level: 2 });
    expect(headings.map(h => h.textContent)).toEqual([
      'storage',
      'query',
      'ingestion',
      'search',
    ]);
    const chip = (id: string) =>
      within(screen.getByTestId(`component-${id}`))
        .getByText(/healthy|degraded|down|unknown/)
        .closest('[data-status]');
    expect(chip('trino')).toHaveAttribute('data-status', 'healthy');
    expect(chip('postgresql')).toHaveAttribute('data-status', 'degraded');
    expect(chip('kibana')).toHaveAttribute('data-status', 'down');
    expect(chip('nifi')).toHaveAttribute('data-status', 'unknown');
  });

  it('shows latency, version, reasons, metrics with sparklines and links', async () => {
    await render();
    const trino = await screen.findByTestId('component-trino');
    expect(within(trino).getByText('12 ms · v479')).toBeInTheDocument();
    expect(within(trino).getByText('Running queries')).toBeInTheDocument();
    expect(
      (await within(trino).findAllByTestId('metric-value')).map(
        v => v.textContent,
      ),
    ).toEqual(['3', '1.50 GiB']);
    expect(trino.querySelectorAll('svg').length).toBeGreaterThan(0);
    expect(within(trino).getByText('Trino UI').closest('a')).toHaveAttribute(
      'href',
      'http://localhost:8080/ui/',
    );
    expect(within(trino).getByText('Trino').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/analytics-trino',
    );
    const postgres = screen.getByTestId('component-postgresql');
    expect(
      within(postgres).getByText(
        'password authentication failed for user "postgres"',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('component-kibana')).getByText(
        'Metrics: the stack has no Prometheus',
      ),
    ).toBeInTheDocument();
  });

  it('says when it was updated, and checks again on request', async () => {
    const api = mockDataStackApi();
    await render(api);
    expect(await screen.findByTestId('updated-at')).toHaveTextContent(
      /^Updated .* · refreshes every 30 s$/,
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'refresh' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'refresh' }));
    await waitFor(() => expect(api.status).toHaveBeenCalledTimes(2));
    expect(api.metrics).toHaveBeenCalledTimes(2);
  });

  it('refreshes on its own', async () => {
    const api = mockDataStackApi();
    await renderWithEntity(
      <DataStackContent refreshMs={50} />,
      stackSystem,
      api,
    );
    await waitFor(() =>
      expect(api.status.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
  });

  it('shows statuses before the metrics arrive', async () => {
    const api = mockDataStackApi({
      metrics: jest.fn(() => new Promise(() => {})),
    });
    await render(api);
    expect(await screen.findByTestId('component-trino')).toBeInTheDocument();
    expect(screen.queryByText('Running queries')).not.toBeInTheDocument();
  });

  it('says what to configure when no component has an endpoint', async () => {
    const api = mockDataStackApi({
      status: jest.fn().mockResolvedValue({
        stack: 'analytics',
        components: [
          component('trino', 'query', 'unknown', {
            reason: 'no endpoint configured for trino (dataStack.status)',
            code: 'not-configured',
          }),
        ],
      }),
    });
    await render(api);
    expect(
      await screen.findByText('No endpoints configured for this stack'),
    ).toBeInTheDocument();
  });

  it('says nothing about configuration while components are being checked', async () => {
    const api = mockDataStackApi({
      status: jest.fn().mockResolvedValue({
        stack: 'analytics',
        components: [
          component('trino', 'query', 'unknown', {
            reason: 'still being checked',
            code: 'pending',
          }),
        ],
      }),
    });
    await render(api);
    expect(await screen.findByTestId('component-trino')).toBeInTheDocument();
    expect(
      screen.queryByText('No endpoints configured for this stack'),
    ).not.toBeInTheDocument();
  });

  describe('when nothing of the stack answers', () => {
    const stopped = {
      stack: 'analytics',
      components: [
        component('postgresql', 'storage', 'down', {
          reason: 'nothing listens on localhost:5432',
          code: 'unreachable',
        }),
        component('trino', 'query', 'down', {
          reason: 'nothing listens on localhost:8080',
          code: 'unreachable',
        }),
        component('postgres-exporter', 'observability', 'unknown', {
          reason: 'publishes no port on this machine',
          code: 'unpublished',
        }),
      ],
      notRunning: { runsOn: 'compose' as const },
    };
    const located = (location?: string) => ({
      ...stackSystem,
      metadata: {
        ...stackSystem.metadata,
        annotations: {
          ...stackSystem.metadata.annotations,
          ...(location && { 'backstage.io/managed-by-location': location }),
        },
      },
    });
    const api = () =>
      mockDataStackApi({ status: jest.fn().mockResolvedValue(stopped) });

    it('says so once, with the command that starts it in its folder', async () => {
      await render(
        api(),
        located('file:/srv/stacks/analytics/catalog-info.yaml'),
      );
      expect(
        await screen.findByText('Nothing of analytics answers'),
      ).toBeInTheDocument();
      expect(screen.getAllByTestId('stack-not-running')).toHaveLength(1);
      expect(screen.getByTestId('start-command')).toHaveTextContent(
        'cd /srv/stacks/analytics && scripts/init-env && docker compose up -d',
      );
      expect(screen.getByText(/Start it in its folder/)).toBeInTheDocument();
      // No card per component, no query catalogs asked of a stopped stack.
      expect(screen.queryByTestId('component-trino')).not.toBeInTheDocument();
      expect(screen.queryByTestId('engine-trino')).not.toBeInTheDocument();
      // Each component's reason once, folded away.
      expect(screen.getByTestId('not-running-reasons')).toHaveTextContent(
        'Postgresql: nothing listens on localhost:5432',
      );
      expect(screen.getByTestId('not-running-reasons')).toHaveTextContent(
        'publishes no port on this machine',
      );
    });

    it("points at the stack's repository when it came from a URL", async () => {
      await render(
        api(),
        located(
          'url:https://github.com/acme/analytics/blob/main/catalog-info.yaml',
        ),
      );
      const link = await screen.findByRole('link', {
        name: /the stack's repository/,
      });
      expect(link).toHaveAttribute(
        'href',
        'https://github.com/acme/analytics/blob/main/catalog-info.yaml',
      );
      expect(screen.getByTestId('start-command')).toHaveTextContent(
        /^scripts\/init-env && docker compose up -d/,
      );
    });

    it("says the stack's repository when the catalog does not say where", async () => {
      await render(api(), located());
      expect(
        await screen.findByText(/Start it in the stack's repository/),
      ).toBeInTheDocument();
    });

    it('says to deploy a stack the backend looks for in a cluster', async () => {
      await render(
        mockDataStackApi({
          status: jest.fn().mockResolvedValue({
            ...stopped,
            notRunning: { runsOn: 'kubernetes' },
          }),
        }),
        located('file:/srv/stacks/analytics/catalog-info.yaml'),
      );
      expect(await screen.findByTestId('start-command')).toHaveTextContent(
        'cd /srv/stacks/analytics && helmfile apply',
      );
    });
  });

  it('says how to register components when the stack has none', async () => {
    const api = mockDataStackApi({
      status: jest
        .fn()
        .mockResolvedValue({ stack: 'analytics', components: [] }),
    });
    await render(api);
    expect(
      await screen.findByText('No components in the catalog'),
    ).toBeInTheDocument();
  });

  it.each([
    [404, 'Not a data stack the backend knows'],
    [403, 'Not allowed'],
    [500, 'The data stack backend did not answer'],
  ])('turns a %i into advice, not a stack trace', async (code, title) => {
    const api = mockDataStackApi({
      status: jest
        .fn()
        .mockRejectedValue(new DataStackResponseError('it went wrong', code)),
    });
    await render(api);
    expect(await screen.findByText(new RegExp(title))).toBeInTheDocument();
    expect(screen.getByText('it went wrong')).toBeInTheDocument();
    expect(screen.queryByText(/at \w+ \(/)).not.toBeInTheDocument();
  });

  it('asks for the annotation on an entity that is not a stack', async () => {
    await render(mockDataStackApi(), {
      ...stackSystem,
      metadata: { name: 'other', annotations: {} },
    });
    expect(
      await screen.findAllByText(/datastack.backstage.io\/stack/),
    ).not.toHaveLength(0);
    expect(screen.queryByTestId('data-stack-content')).not.toBeInTheDocument();
  });
});

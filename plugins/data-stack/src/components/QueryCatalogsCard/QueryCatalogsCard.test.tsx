import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  mockDataStackApi,
  stackSystem,
} from '../../__testUtils__/stackFixtures';
import { QueryCatalogsCard } from './QueryCatalogsCard';

describe('the query catalogs card', () => {
  it('lists catalogs with their connectors and loads schemas on expand', async () => {
    const api = mockDataStackApi();
    await renderWithEntity(<QueryCatalogsCard />, stackSystem, api);
    const trino = await screen.findByTestId('engine-trino');
    expect(
      within(trino).getByText('delta', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(within(trino).getByText('delta_lake')).toBeInTheDocument();
    expect(api.catalogSchemas).not.toHaveBeenCalled();
    fireEvent.click(within(trino).getByText('tpch', { selector: 'strong' }));
    const schemas = await screen.findByTestId('schemas-trino-tpch');
    expect(within(schemas).getByText('sf1')).toBeInTheDocument();
    expect(api.catalogSchemas).toHaveBeenCalledWith(
      { kind: 'System', namespace: 'default', name: 'analytics' },
      'trino',
      'tpch',
    );
  });

  it("shows an engine's error and a schema query's error as text", async () => {
    const api = mockDataStackApi({
      queryCatalogs: jest.fn().mockResolvedValue({
        stack: 'analytics',
        engines: [
          {
            id: 'presto',
            title: 'Presto',
            protocol: 'presto',
            catalogs: [{ name: 'hive', connector: 'hive' }],
          },
          {
            id: 'trino',
            title: 'Trino',
            protocol: 'trino',
            catalogs: [],
            reason: 'no answer within 2000 ms',
          },
        ],
      }),
      catalogSchemas: jest.fn().mockResolvedValue({
        stack: 'analytics',
        engine: 'presto',
        catalog: 'hive',
        schemas: [],
        reason: 'PERMISSION_DENIED: Access Denied',
      }),
    });
    await renderWithEntity(<QueryCatalogsCard />, stackSystem, api);
    expect(
      await screen.findByText('no answer within 2000 ms'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByText('hive', { selector: 'strong' }));
    expect(
      await screen.findByText('PERMISSION_DENIED: Access Denied'),
    ).toBeInTheDocument();
  });

  it('says when the stack has no query engine', async () => {
    const api = mockDataStackApi({
      queryCatalogs: jest
        .fn()
        .mockResolvedValue({ stack: 'analytics', engines: [] }),
    });
    await renderWithEntity(<QueryCatalogsCard />, stackSystem, api);
    expect(
      await screen.findByText('This stack has no Trino or Presto.'),
    ).toBeInTheDocument();
  });
});

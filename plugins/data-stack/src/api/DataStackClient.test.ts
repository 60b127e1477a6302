import { DataStackClient, DataStackResponseError } from './DataStackClient';

describe('DataStackClient', () => {
  const fetch = jest.fn();
  const client = new DataStackClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backend/api/${id}`,
    },
    fetchApi: { fetch },
  });
  const ref = { kind: 'System', namespace: 'default', name: 'a b' };

  beforeEach(() => fetch.mockReset());

  it('asks the entity routes through the authenticated fetch', async () => {
    fetch.mockResolvedValue(
      new Response(JSON.stringify({ stack: 'a', components: [] })),
    );
    await client.status(ref);
    await client.catalogSchemas(ref, 'trino', 'x/y');
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend/api/data-stack/entities/System/default/a%20b/status',
      'http://backend/api/data-stack/entities/System/default/a%20b/query-catalogs/trino/x%2Fy/schemas',
    ]);
  });

  it("rejects with the backend's message and status", async () => {
    fetch.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'no entity' },
        }),
        { status: 404 },
      ),
    );
    const failure = client.metrics(ref);
    await expect(failure).rejects.toBeInstanceOf(DataStackResponseError);
    await expect(failure).rejects.toMatchObject({
      message: 'no entity',
      status: 404,
    });
  });
});

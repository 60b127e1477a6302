import { ResponseError } from '@backstage/errors';
import { DataStackClient } from './DataStackClient';

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
    fetch
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ stack: 'a', components: [] })),
      )
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({
            stack: 'a',
            engine: 'trino',
            catalog: 'x/y',
            schemas: [],
          }),
        ),
      );
    await client.status(ref);
    await client.catalogSchemas(ref, 'trino', 'x/y');
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend/api/data-stack/entities/System/default/a%20b/status',
      'http://backend/api/data-stack/entities/System/default/a%20b/query-catalogs/trino/x%2Fy/schemas',
    ]);
  });

  it('rejects an answer that is not what the route answers', async () => {
    fetch.mockResolvedValue(
      new Response(JSON.stringify({ stack: 'a', components: 'none' })),
    );
    await expect(client.status(ref)).rejects.toMatchObject({
      name: 'DataStackResponseError',
      message: expect.stringContaining('components'),
      status: 200,
    });
  });

  it("rejects with the backend's message and status", async () => {
    fetch.mockResolvedValue(
      new Response(
        // Backstage's error body, as its error middleware writes it.
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'no entity' },
          request: { method: 'GET', url: '/metrics' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      ),
    );
    const failure = client.metrics(ref);
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 404,
      cause: { name: 'NotFoundError', message: 'no entity' },
    });
  });

  it('reads the Data stacks page and the library from their routes', async () => {
    fetch
      .mockResolvedValueOnce(new Response(JSON.stringify({ stacks: [] })))
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ components: [{ id: 'trino' }] })),
      );
    await expect(client.stacks()).resolves.toEqual([]);
    // An answer of the old shape (no version, origin…) is refused.
    await expect(client.components()).rejects.toMatchObject({
      name: 'DataStackResponseError',
    });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend/api/data-stack/stacks',
      'http://backend/api/data-stack/components',
    ]);
  });
});

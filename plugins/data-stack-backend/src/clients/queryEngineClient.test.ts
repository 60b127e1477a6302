import {
  FAKE_CATALOGS,
  FakeQueryEngine,
  startFakeQueryEngine,
} from '../testUtils/fakeQueryEngine';
import { describeError } from '../probes/probeResult';
import { QueryEngineError, queryEngineClient } from './queryEngineClient';

describe.each(['trino', 'presto'] as const)('the %s client', flavor => {
  let engine: FakeQueryEngine;
  const client = (timeoutMs = 2000) =>
    queryEngineClient(
      flavor,
      { protocol: 'http:', host: '127.0.0.1', port: engine.port },
      'backstage',
      timeoutMs,
    );

  beforeEach(async () => {
    engine = await startFakeQueryEngine(flavor);
  });
  afterEach(() => engine.close());

  it('collects the rows of every page, with the user set', async () => {
    const result = await client()('SELECT * FROM system.metadata.catalogs');
    expect(result.columns[0]).toBe('catalog_name');
    expect(result.rows.map(r => r[0])).toEqual(FAKE_CATALOGS.map(([n]) => n));
    expect(engine.statements).toEqual([
      { sql: 'SELECT * FROM system.metadata.catalogs', user: 'backstage' },
    ]);
    // POST, then the queued page, a page of rows, an empty page and the rest.
    expect(engine.requests.map(r => r.method)).toEqual([
      'POST',
      'GET',
      'GET',
      'GET',
    ]);
  });

  it("fails with the engine's error message", async () => {
    const failure = client()('SHOW SCHEMAS FROM "broken"');
    await expect(failure).rejects.toBeInstanceOf(QueryEngineError);
    await expect(failure).rejects.toThrow(
      'PERMISSION_DENIED: Access Denied: Cannot show schemas of catalog broken',
    );
  });

  it('says nothing listens when the engine is not there', async () => {
    const port = engine.port;
    await engine.close();
    const failure = queryEngineClient(
      flavor,
      { protocol: 'http:', host: '127.0.0.1', port },
      'backstage',
      2000,
    )('SELECT 1');
    await expect(failure).rejects.toBeInstanceOf(QueryEngineError);
    await expect(failure.catch(describeError)).resolves.toBe(
      `nothing listens on 127.0.0.1:${port}`,
    );
    engine = await startFakeQueryEngine(flavor);
  });

  it('gives up on a hung coordinator at the timeout', async () => {
    engine.mode = 'hung';
    const started = Date.now();
    await expect(client(300)('SHOW SCHEMAS FROM "tpch"')).rejects.toThrow(
      'no answer within 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    // The client drops the hung connection too, instead of leaking it.
    const deadline = Date.now() + 2000;
    while (engine.openConnections() > 0 && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 20));
    expect(engine.openConnections()).toBe(0);
  });
});

describe('the presto client', () => {
  it('retries a gateway 503 while following nextUri', async () => {
    const engine = await startFakeQueryEngine('presto');
    try {
      engine.gatewayErrorOnce = true;
      const result = await queryEngineClient(
        'presto',
        { protocol: 'http:', host: '127.0.0.1', port: engine.port },
        'backstage',
        2000,
      )('SHOW SCHEMAS FROM "tpch"');
      expect(result.rows).toEqual([
        ['information_schema'],
        ['sf1'],
        ['sf100'],
        ['tiny'],
      ]);
    } finally {
      await engine.close();
    }
  });
});

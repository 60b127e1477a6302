import {
  type Probe,
  probeSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { createProbeType } from '@big-data-stack/backstage-plugin-data-stack-node';
import { startFakeTcp } from '../testUtils/fakeHttp';
import {
  PingServer,
  pingProbeType,
  startPingServer,
} from '../testUtils/pingProbe';
import { freePort } from '../testUtils/servers/process';
import { ProbeTypeRegistry } from './probeTypeRegistry';
import { runProbe } from './runProbe';

/** A probe as the descriptor schema parses it. */
const probe = (value: Record<string, unknown>): Probe =>
  probeSchema.parse(value);

const at = (port: number) => ({ protocol: 'tcp:', host: '127.0.0.1', port });

describe('a probe of a type a module added', () => {
  let server: PingServer;
  let registry: ProbeTypeRegistry;
  beforeEach(async () => {
    server = await startPingServer({
      topics: ['health'],
      version: '3.9.1',
      token: 'ping-Secret-1',
    });
    registry = new ProbeTypeRegistry();
    registry.add(pingProbeType);
  });
  afterEach(() => server.close());

  const secrets = new Map([['PING_TOKEN', 'ping-Secret-1']]);
  const ping = probe({
    type: 'ping',
    port: 'main',
    topic: 'health',
    tokenSecret: 'PING_TOKEN',
  });

  it('talks to the real server with its options and the stack secret', async () => {
    expect(
      await runProbe(registry, at(server.port), ping, secrets, 1000),
    ).toEqual({
      status: 'healthy',
      latencyMs: expect.any(Number),
      version: '3.9.1',
    });
    expect(server.lines).toEqual(['PING health ping-Secret-1']);
  });

  it("gives the server's own answer as the reason", async () => {
    const other = probe({ type: 'ping', port: 'main', topic: 'orders' });
    expect(
      await runProbe(registry, at(server.port), other, undefined, 1000),
    ).toMatchObject({ status: 'degraded', reason: 'not authorized' });
    expect(
      await runProbe(
        registry,
        at(server.port),
        { ...other, tokenSecret: 'PING_TOKEN' },
        secrets,
        1000,
      ),
    ).toMatchObject({ status: 'degraded', reason: 'no topic orders' });
  });

  it('is down, in a sentence, when nothing listens', async () => {
    const closed = await freePort();
    expect(await runProbe(registry, at(closed), ping, secrets, 1000)).toEqual({
      status: 'down',
      latencyMs: expect.any(Number),
      reason: `nothing listens on 127.0.0.1:${closed}`,
    });
  });

  it('is down at the timeout, and its connection is closed', async () => {
    server.hang = true;
    const started = Date.now();
    expect(
      await runProbe(registry, at(server.port), ping, secrets, 200),
    ).toMatchObject({ status: 'down', reason: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(server.lines).toEqual(['PING health ping-Secret-1']);
    // The probe closes its socket on the signal; the server sees it go.
    for (let i = 0; i < 20 && server.open() > 0; i++)
      await new Promise(resolve => setTimeout(resolve, 10));
    expect(server.open()).toBe(0);
  });

  it('is bounded by the timeout even when the probe ignores it', async () => {
    registry.add(
      createProbeType({
        type: 'stuck',
        probe: () => new Promise(() => {}),
      }),
    );
    expect(
      await runProbe(
        registry,
        at(server.port),
        probe({ type: 'stuck', port: 'main' }),
        undefined,
        150,
      ),
    ).toMatchObject({ status: 'down', reason: 'no answer within 150 ms' });
  });

  it('refuses options its schema refuses: unknown, with the message', async () => {
    expect(
      await runProbe(
        registry,
        at(server.port),
        probe({ type: 'ping', port: 'main', topic: 7, extra: true }),
        secrets,
        1000,
      ),
    ).toEqual({
      status: 'unknown',
      code: 'descriptor-mismatch',
      reason:
        'the ping probe\'s options are refused: topic: Invalid input: expected string, received number; Unrecognized key: "extra"',
    });
    expect(server.lines).toEqual([]);
  });

  it('takes a function that checks the options, and checks each probe once', async () => {
    const check = jest.fn((options: Record<string, unknown>) => {
      if (typeof options.expect !== 'string')
        throw new Error('expect must be a string');
      return { expect: options.expect };
    });
    registry.add(
      createProbeType({
        type: 'check',
        options: check,
        probe: async (_endpoint, options) => ({
          status: 'healthy',
          latencyMs: 1,
          version: options.expect,
        }),
      }),
    );
    const good = probe({ type: 'check', port: 'main', expect: 'v1' });
    const bad = probe({ type: 'check', port: 'main', expect: 1 });
    for (let i = 0; i < 3; i++)
      expect(
        await runProbe(registry, at(server.port), good, undefined, 1000),
      ).toEqual({ status: 'healthy', latencyMs: 1, version: 'v1' });
    expect(
      await runProbe(registry, at(server.port), bad, undefined, 1000),
    ).toEqual({
      status: 'unknown',
      code: 'descriptor-mismatch',
      reason: "the check probe's options are refused: expect must be a string",
    });
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('makes a sentence of what a probe throws, and a status of what it returns', async () => {
    registry.add(
      createProbeType({
        type: 'broken',
        probe: async (_endpoint, options) => {
          if (options.how === 'throw')
            throw new Error('the broker is read-only');
          return { status: 'unknown' } as never;
        },
      }),
    );
    expect(
      await runProbe(
        registry,
        at(server.port),
        probe({ type: 'broken', port: 'main', how: 'throw' }),
        undefined,
        1000,
      ),
    ).toMatchObject({ status: 'degraded', reason: 'the broker is read-only' });
    expect(
      await runProbe(
        registry,
        at(server.port),
        probe({ type: 'broken', port: 'main' }),
        undefined,
        1000,
      ),
    ).toMatchObject({
      status: 'degraded',
      reason: 'the broken probe gave no status',
    });
  });
});

describe('a probe of a type no module added', () => {
  it('is unknown, by code and in words, and nothing is probed', async () => {
    const listening = await startFakeTcp();
    try {
      expect(
        await runProbe(
          new ProbeTypeRegistry(),
          at(listening.port),
          probe({ type: 'kafka', port: 'main', topic: 'health' }),
          undefined,
          1000,
        ),
      ).toEqual({
        status: 'unknown',
        code: 'unknown-probe-type',
        reason:
          "unknown probe type 'kafka': no backend module adds it to this backend",
      });
    } finally {
      await listening.close();
    }
  });
});

describe('the built-in probes, as registry entries', () => {
  const registry = new ProbeTypeRegistry();
  let listening: Awaited<ReturnType<typeof startFakeTcp>>;
  beforeAll(async () => {
    listening = await startFakeTcp();
  });
  afterAll(() => listening.close());

  it('checks a port with tcp', async () => {
    expect(
      await runProbe(
        registry,
        at(listening.port),
        probe({ type: 'tcp', port: 'main' }),
        undefined,
        1000,
      ),
    ).toEqual({ status: 'healthy', latencyMs: expect.any(Number) });
  });

  it('checks the port of a SQL probe without its password, and says so', async () => {
    expect(
      await runProbe(
        registry,
        at(listening.port),
        probe({
          type: 'sql',
          port: 'main',
          dialect: 'postgresql',
          user: 'postgres',
          passwordSecret: 'POSTGRES_PASSWORD',
        }),
        new Map(),
        1000,
      ),
    ).toEqual({
      status: 'healthy',
      latencyMs: expect.any(Number),
      reason:
        'port open; no POSTGRES_PASSWORD in dataStack.status.stacks[].secrets for a SQL check',
    });
  });
});

import type { Probe } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startFakeHttp } from '../testUtils/fakeHttp';
import {
  HEALTHY,
  HealthFake,
  startHealthFake,
} from '../testUtils/fakeUpstreams';
import { probeHttp } from './httpProbe';

type HttpProbe = Extract<Probe, { type: 'http' }>;

/** Every HTTP probe of the component library, as declared. */
const probes: [string, HttpProbe][] = [
  ...loadComponentLibrary([defaultLibraryDir()]).components.values(),
].flatMap(d =>
  Object.entries(d.spec.services).flatMap(([service, s]) =>
    s.health?.probe?.type === 'http' && service !== 'prometheus'
      ? [[service, s.health.probe]]
      : [],
  ),
) as [string, HttpProbe][];

/** What each product reports as its version in the documented answers. */
const versions: Record<string, string> = {
  trino: '479',
  'trino-worker': '479',
  presto: '479',
  grafana: '12.4.0',
  kibana: '8.19.0',
};

let fake: HealthFake;
const endpoint = () => ({
  protocol: 'http:',
  host: '127.0.0.1',
  port: fake.port,
});

beforeEach(async () => {
  fake = await startHealthFake();
});
afterEach(() => fake.close());

it('covers every HTTP probe of the library', () => {
  expect(probes.map(([s]) => s)).toEqual(
    expect.arrayContaining(['trino', 'presto', 'druid-router', 'nifi']),
  );
  expect(probes.length).toBeGreaterThanOrEqual(15);
});

describe.each(probes)('the %s probe', (service, probe) => {
  it('is healthy on the documented answer', async () => {
    const result = await probeHttp(endpoint(), probe, 1000);
    expect(result).toMatchObject({ status: 'healthy' });
    expect(result.version).toBe(versions[service]);
    expect(fake.requests.map(r => r.path)).toEqual([probe.path]);
  });

  it('is degraded on a 503', async () => {
    fake.mode = '5xx';
    expect(await probeHttp(endpoint(), probe, 1000)).toMatchObject({
      status: 'degraded',
      reason: `HTTP 503 from ${probe.path}`,
    });
  });

  it('is down when hung, at the timeout', async () => {
    fake.mode = 'hung';
    const started = Date.now();
    const result = await probeHttp(endpoint(), probe, 200);
    expect(result).toMatchObject({
      status: 'down',
      reason: 'no answer within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('does not follow a redirect to another host', async () => {
    const attacker = await startFakeHttp(() => ({ body: 'true' }));
    try {
      fake.mode = 'redirect';
      fake.redirectTo = `${attacker.url}${probe.path}`;
      expect(await probeHttp(endpoint(), probe, 1000)).toMatchObject({
        status: 'degraded',
        reason: `HTTP 302 from ${probe.path}`,
      });
      expect(attacker.requests).toEqual([]);
    } finally {
      await attacker.close();
    }
  });
});

describe.each(probes.filter(([, p]) => p.expect.json || p.expect.body))(
  'the %s probe, on a wrong answer',
  (_service, probe) => {
    it('is degraded on a cut-off body', async () => {
      fake.mode = 'malformed';
      const result = await probeHttp(endpoint(), probe, 1000);
      expect(result.status).toBe('degraded');
      expect(result.reason).toMatch(/did not answer JSON|answered '/);
    });
  },
);

it.each([
  ['trino', 'starting is true, not false'],
  ['elasticsearch', 'status is "red", not green or yellow'],
  ['grafana', 'HTTP 503 from /api/health'],
  ['kibana', 'HTTP 503 from /api/status'],
])('reports %s trouble in its own terms', async (service, reason) => {
  fake.unhealthy = true;
  const [, probe] = probes.find(([s]) => s === service)!;
  expect(await probeHttp(endpoint(), probe, 1000)).toMatchObject({
    status: 'degraded',
    reason,
  });
});

it('reports latency of a slow answer', async () => {
  fake.mode = 'slow';
  fake.slowMs = 150;
  const [, probe] = probes.find(([s]) => s === 'grafana')!;
  const result = await probeHttp(endpoint(), probe, 1000);
  expect(result.status).toBe('healthy');
  expect(result.latencyMs).toBeGreaterThanOrEqual(140);
});

describe('an HTTPS service with its own self-signed certificate (NiFi)', () => {
  const [, nifi] = probes.find(([s]) => s === 'nifi')!;
  let dir: string;
  let server: https.Server;
  let port: number;

  beforeAll(async () => {
    // A certificate made here, as NiFi makes its own at first start.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nifi-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = https.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'key.pem')),
        cert: fs.readFileSync(path.join(dir, 'cert.pem')),
      },
      (req, res) => {
        const reply = HEALTHY[req.url ?? ''];
        res.writeHead(reply ? 200 : 404, {
          'content-type': 'application/json',
        });
        res.end(reply ? JSON.stringify(reply.body) : '');
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Pattern endpoints carry host and port only; the probe brings https.
  const at = () => ({ protocol: 'tcp:', host: '127.0.0.1', port });

  it('is probed over HTTPS and healthy on the documented answer', async () => {
    expect(nifi).toMatchObject({
      scheme: 'https',
      selfSignedCertificate: true,
    });
    expect(await probeHttp(at(), nifi, 2000)).toMatchObject({
      status: 'healthy',
    });
  });

  it('is refused when the probe does not expect a self-signed certificate', async () => {
    const result = await probeHttp(
      at(),
      { ...nifi, selfSignedCertificate: false },
      2000,
    );
    expect(result.status).not.toBe('healthy');
    expect(result.reason).toMatch(/certificate/i);
  });
});

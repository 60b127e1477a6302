import { ConfigReader } from '@backstage/config';
import { readStatusConfig } from './statusConfig';

const read = (status: object) =>
  readStatusConfig(new ConfigReader({ dataStack: { status } }));

describe('readStatusConfig', () => {
  it('has defaults for everything', () => {
    expect(readStatusConfig(new ConfigReader({}))).toEqual({
      probeTimeoutMs: 2000,
      cacheTtlMs: 30_000,
      concurrency: 16,
      queryUser: 'backstage',
      metricsRangeSeconds: 1800,
      metricsStepSeconds: 60,
      pattern: undefined,
      stacks: new Map(),
    });
  });

  it('reads durations, the pattern and a stack', () => {
    const config = read({
      probeTimeout: { seconds: 1 },
      cacheTtl: '1m',
      endpoints: { host: '{service}.{namespace}.svc', port: 'container' },
      stacks: [
        {
          name: 'analytics',
          namespace: 'data',
          endpoints: { trino: 'https://trino.example.com' },
          secrets: { POSTGRES_PASSWORD: 'x' },
        },
      ],
    });
    expect(config).toMatchObject({
      probeTimeoutMs: 1000,
      cacheTtlMs: 60_000,
      pattern: { host: '{service}.{namespace}.svc', port: 'container' },
    });
    const stack = config.stacks.get('analytics')!;
    expect(stack.namespace).toBe('data');
    expect(stack.endpoints.get('trino')!.host).toBe('trino.example.com');
    expect(stack.secrets.get('POSTGRES_PASSWORD')).toBe('x');
  });

  it.each([
    [
      { endpoints: { host: 'http://{service}', port: 'container' } },
      /must be a host name/,
    ],
    [
      { endpoints: { host: '{service}:8080', port: 'container' } },
      /must be a host name/,
    ],
    [
      { endpoints: { host: '{service}', port: 'host' } },
      /'container' or 'published'/,
    ],
    [{ stacks: [{ name: 'Bad_Name' }] }, /not a DNS-1123 label/],
    [
      { stacks: [{ name: 'a', endpoints: { trino: 'file:///etc' } }] },
      /http, https or tcp URL/,
    ],
    [
      { stacks: [{ name: 'a', endpoints: { trino: 'not a url' } }] },
      /is not a URL/,
    ],
    [
      { stacks: [{ name: 'a', endpoints: { postgresql: 'tcp://db' } }] },
      /with a port/,
    ],
    [{ concurrency: 0 }, /positive integer/],
  ])('rejects %j', (status, message) => {
    expect(() => read(status)).toThrow(message);
  });
});

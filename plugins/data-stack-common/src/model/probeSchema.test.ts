import { DATA_STACK_API_VERSION } from './names';
import { isBuiltInProbe, probeSchema } from './descriptor';
import { parseComponentDescriptor } from './library';
import { DataStackError } from './problems';

/** A one-service component with this probe on its port `main`. */
function withProbe(probe: unknown) {
  return parseComponentDescriptor(
    {
      apiVersion: DATA_STACK_API_VERSION,
      kind: 'DataStackComponent',
      metadata: {
        id: 'broker',
        title: 'Broker',
        description: 'a broker for tests',
        layer: 'ingestion',
        version: '1.0',
      },
      spec: {
        services: {
          broker: {
            image: 'example/broker:1.0',
            ports: [{ name: 'main', port: 9092 }],
            health: { compose: { test: ['CMD', 'true'] }, probe },
            resources: {
              dev: { cpu: 0.5, memory: '512Mi' },
              small: { cpu: 1, memory: '1Gi' },
              production: { cpu: 2, memory: '2Gi' },
            },
          },
        },
        catalog: { kind: 'Component', type: 'service' },
      },
    },
    'services/broker/component.yaml',
  ).spec.services.broker.health!.probe!;
}

function problemsOf(probe: unknown): string[] {
  try {
    withProbe(probe);
  } catch (error) {
    if (error instanceof DataStackError)
      return error.problems.map(p => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('no problem found');
}

const at = 'spec.services.broker.health.probe';

describe('the built-in probes', () => {
  it('are parsed as before, with their defaults', () => {
    expect(withProbe({ type: 'http', port: 'main', path: '/health' })).toEqual({
      type: 'http',
      port: 'main',
      path: '/health',
      scheme: 'http',
      selfSignedCertificate: false,
      expect: { status: 200 },
    });
    expect(withProbe({ type: 'tcp', port: 'main' })).toEqual({
      type: 'tcp',
      port: 'main',
    });
    expect(
      withProbe({ type: 'sql', port: 'main', dialect: 'mysql', user: 'root' }),
    ).toEqual({ type: 'sql', port: 'main', dialect: 'mysql', user: 'root' });
  });

  it('are checked field by field, each mistake pointing at its field', () => {
    expect(problemsOf({ type: 'http', port: 'main' })).toEqual([
      `${at}.path: Invalid input: expected string, received undefined`,
    ]);
    expect(problemsOf({ type: 'tcp', port: 'main', topic: 'x' })).toEqual([
      `${at}: Unrecognized key: "topic"`,
    ]);
    expect(
      problemsOf({ type: 'sql', port: 'main', dialect: 'oracle', user: 'u' }),
    ).toEqual([
      `${at}.dialect: Invalid option: expected one of "postgresql"|"mysql"|"clickhouse"`,
    ]);
  });

  it('narrow by type once known to be built in', () => {
    const probe = withProbe({ type: 'http', port: 'main', path: '/health' });
    expect(isBuiltInProbe(probe) && probe.type === 'http' && probe.path).toBe(
      '/health',
    );
  });
});

describe('a probe of a type a backend module adds', () => {
  it('keeps its options, JSON values, as they are', () => {
    const probe = withProbe({
      type: 'kafka',
      port: 'main',
      topic: 'health',
      acks: 1,
      sasl: { mechanism: 'PLAIN', userSecret: 'KAFKA_USER' },
      brokers: ['a', 'b'],
      tls: null,
    });
    expect(probe).toEqual({
      type: 'kafka',
      port: 'main',
      topic: 'health',
      acks: 1,
      sasl: { mechanism: 'PLAIN', userSecret: 'KAFKA_USER' },
      brokers: ['a', 'b'],
      tls: null,
    });
    expect(isBuiltInProbe(probe)).toBe(false);
  });

  it.each([['Kafka'], ['9p'], ['kafka-'], ['kafka_probe'], ['k'.repeat(64)]])(
    'refuses the type name %j',
    type => {
      expect(problemsOf({ type, port: 'main' })).toEqual([
        expect.stringMatching(new RegExp(`^${at}\\.type: must be`)),
      ]);
    },
  );

  it('needs a port, and a type', () => {
    expect(problemsOf({ type: 'kafka' })).toEqual([
      `${at}.port: Invalid input: expected string, received undefined`,
    ]);
    expect(problemsOf({ port: 'main' })).toEqual([
      `${at}.type: must name a probe type: http, tcp, sql or one a backend module adds`,
    ]);
  });

  it('must probe a port of its service, as every probe', () => {
    expect(problemsOf({ type: 'kafka', port: 'admin' })).toEqual([
      `${at}.port: 'admin' is not a port of the service`,
    ]);
    expect(problemsOf({ type: 'tcp', port: 'admin' })).toEqual([
      `${at}.port: 'admin' is not a port of the service`,
    ]);
  });

  it('refuses options that are no JSON values', () => {
    expect(
      probeSchema.safeParse({ type: 'kafka', port: 'main', at: new Date(0) })
        .success,
    ).toBe(false);
  });
});

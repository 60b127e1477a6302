import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  HOSTILE_NAMES,
  HOSTILE_VALUES,
  hostileText,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import type { AddressInfo } from 'node:net';
import { dataStackPlugin } from '../plugin';

/** POST /plan bodies from the shared hostile-input corpus, and raw ones. */
function hostileBodies(): [string, string][] {
  const json = (v: unknown) => JSON.stringify(v);
  const bodies: [string, string][] = [];
  for (const name of HOSTILE_NAMES) {
    bodies.push([`name ${json(name)}`, json({ name, components: ['trino'] })]);
    bodies.push([`component ${json(name)}`, json({ components: [name] })]);
    bodies.push([
      `profile ${json(name)}`,
      json({ components: ['trino'], profile: name }),
    ]);
    bodies.push([
      `override setting ${json(name)}`,
      `{"components":["trino"],"overrides":{"trino":{${json(name)}:1}}}`,
    ]);
    bodies.push([
      `override component ${json(name)}`,
      `{"components":["trino"],"overrides":{${json(name)}:{"workers":1}}}`,
    ]);
  }
  HOSTILE_VALUES.forEach((value, i) =>
    bodies.push([
      `override value #${i}`,
      json({ components: ['trino'], overrides: { trino: { workers: value } } }),
    ]),
  );
  hostileText()
    .filter((_, i) => i % 8 === 0)
    .forEach((text, i) =>
      bodies.push([
        `name with unsafe text #${i}`,
        json({ name: text, components: ['trino'] }),
      ]),
    );
  bodies.push(
    [
      '__proto__ at the top',
      '{"__proto__":{"components":["trino"]},"components":["trino"]}',
    ],
    [
      '__proto__ in overrides',
      '{"components":["trino"],"overrides":{"__proto__":{"workers":1}}}',
    ],
    [
      '40 KB of unknown overrides',
      json({
        components: ['trino'],
        overrides: {
          trino: Object.fromEntries(
            Array.from({ length: 3000 }, (_, i) => [`s${i}`, 1]),
          ),
        },
      }),
    ],
    [
      '40 KB of unknown components',
      json({ components: Array.from({ length: 4000 }, (_, i) => `c${i}`) }),
    ],
    ['100 KB body', json({ components: ['trino'], name: 'x'.repeat(100_000) })],
    [
      'deep nesting',
      `{"components":["trino"],"overrides":{"trino":${'['.repeat(
        5000,
      )}${']'.repeat(5000)}}}`,
    ],
    ['not JSON', '{"components": [trino'],
    ['a JSON string', '"trino"'],
    ['a JSON array', '["trino"]'],
    ['null', 'null'],
    ['an empty body', ''],
    ['unknown keys', json({ components: ['trino'], kind: 'Other', spec: {} })],
    [
      'a requires default that loops (resolver bound)',
      json({ components: ['trino', 'trino', 'trino'] }),
    ],
  );
  return bodies;
}

describe('POST /plan against the hostile-input corpus', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({ features: [dataStackPlugin] });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/data-stack`;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  /** POST /plan with a user's token and a raw body. */
  const plan = (body: string) =>
    fetch(`${baseUrl}/plan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${mockCredentials.user.token()}`,
      },
      body,
    });

  const corpus = hostileBodies();

  it('holds at least 64 bodies', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(64);
  });

  it.each(corpus)('%s: a 200 or a short 4xx, never a 5xx', async (_, body) => {
    const res = await plan(body);
    const text = await res.text();
    const message: string =
      res.status === 200 ? '' : JSON.parse(text).error?.message ?? '';
    expect({
      status: [200, 400, 413].includes(res.status) ? 'ok' : res.status,
      bounded: text.length < 20_000,
      lines: message.split('\n').length <= 52,
      // eslint-disable-next-line no-control-regex -- the characters it finds
      printable: !/[\u0000-\u0009\u000b-\u001f\u0085\u2028\u2029]/.test(
        message,
      ),
    }).toEqual({ status: 'ok', bounded: true, lines: true, printable: true });
  });

  it('refuses __proto__ rather than dropping it', async () => {
    const res = await plan(
      '{"components":["trino"],"overrides":{"__proto__":{"workers":1}}}',
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(
      "body: overrides.__proto__: is not an allowed key ('__proto__')",
    );
  });

  it('answers 4000 unknown components in one short error', async () => {
    const res = await plan(
      JSON.stringify({
        components: Array.from({ length: 4000 }, (_, i) => `c${i}`),
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(
      'body: components: Too big: expected array to have <=100 items',
    );
  });
});

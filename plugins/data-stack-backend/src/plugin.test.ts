import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { AddressInfo } from 'node:net';
import { dataStackPlugin } from './plugin';

describe('the data stack backend', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        dataStackPlugin,
        // A request without a token is anonymous, as in a real backend.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/data-stack`;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  const plan = (body: unknown, token = mockCredentials.user.token()) =>
    fetch(`${baseUrl}/plan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });

  it('resolves a choice: the companions added and why, and the budget', async () => {
    const res = await plan({
      components: ['trino', 'delta-lake'],
      profile: 'dev',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.components).toEqual(
      expect.arrayContaining([
        { id: 'trino', title: 'Trino', selected: true },
        {
          id: 'minio',
          title: 'MinIO',
          selected: false,
          addedBecause: 'required by delta-lake (s3)',
        },
      ]),
    );
    expect(body.budget).toMatchObject({
      profile: 'dev',
      cpu: expect.any(Number),
    });
    expect(body.summary).toContain('Added for you:');
  });

  it.each([
    [
      { components: ['trino', 'clickhous'] },
      "unknown component 'clickhous' (did you mean 'clickhouse'?)",
    ],
    [{ components: [] }, 'spec.components: must name at least one component'],
    [
      { components: ['trino'], overrides: { trino: { workers: 'many' } } },
      'must be an integer, got "many"',
    ],
    [{ components: 'trino' }, 'components: Invalid input'],
  ])('answers %j with a 400 that says what is wrong', async (body, message) => {
    const res = await plan(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(message);
  });

  it('requires Backstage credentials', async () => {
    const res = await plan({ components: ['trino'] }, '');
    expect(res.status).toBe(401);
  });
});

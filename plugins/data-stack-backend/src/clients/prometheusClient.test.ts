import { FakeServer, startFakeHttp } from '../testUtils/fakeHttp';
import { TestServer } from '../testUtils/servers/process';
import { startPrometheus } from '../testUtils/servers/prometheus';
import { PrometheusClient, PrometheusQueryError } from './prometheusClient';

describe('the Prometheus client', () => {
  let prometheus: TestServer;
  let fake: FakeServer;

  beforeAll(async () => {
    [prometheus, fake] = await Promise.all([
      startPrometheus('bench'),
      startFakeHttp(() => ({
        body: { status: 'success', data: { resultType: 'vector', result: [] } },
      })),
    ]);
  }, 30_000);
  afterAll(() => Promise.all([prometheus?.stop(), fake?.close()]), 30_000);

  const real = () =>
    new PrometheusClient(`http://127.0.0.1:${prometheus.port}`, 2000);

  it('answers a scalar and an empty vector from the real server', async () => {
    expect(await real().instant('scalar(vector(42))')).toBe(42);
    expect(await real().instant('nothing_has_this_name')).toBeNull();
    expect(await real().range('vector(1)', 300, 60)).toHaveLength(6);
  });

  it("passes on the real server's error for a bad query", async () => {
    const failure = real().instant('sum(');
    await expect(failure).rejects.toBeInstanceOf(PrometheusQueryError);
    await expect(failure).rejects.toThrow(/parse error/);
  });

  it('rejects a cut-off answer, a 503 and a hung server', async () => {
    const client = new PrometheusClient(fake.url, 300);
    fake.mode = 'malformed';
    await expect(client.instant('up')).rejects.toThrow('without JSON');
    fake.mode = '5xx';
    await expect(client.instant('up')).rejects.toThrow('HTTP 503 without JSON');
    fake.mode = 'hung';
    await expect(client.instant('up')).rejects.toThrow(
      'no answer within 300 ms',
    );
  });
});

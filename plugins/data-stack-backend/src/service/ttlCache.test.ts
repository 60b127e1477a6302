import { TtlCache } from './ttlCache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  it('loads once for concurrent gets and keeps the value for its TTL', async () => {
    const cache = new TtlCache<number>(1000, 10, clock);
    const load = jest.fn(async () => 42);
    await expect(
      Promise.all([cache.get('a', load), cache.get('a', load)]),
    ).resolves.toEqual([42, 42]);
    now = 999;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<number>(1000, 10, clock);
    await expect(
      cache.get('a', async () => {
        throw new Error('catalog down');
      }),
    ).rejects.toThrow('catalog down');
    await expect(cache.get('a', async () => 1)).resolves.toBe(1);
  });

  it('drops the oldest key beyond its size', async () => {
    const cache = new TtlCache<string>(1000, 2, clock);
    const load = jest.fn(async () => 'v');
    for (const key of ['a', 'b', 'c']) await cache.get(key, load);
    await cache.get('c', load);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});

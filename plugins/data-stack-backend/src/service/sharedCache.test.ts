import { mockServices } from '@backstage/backend-test-utils';
import { SharedCache, stackKey } from './sharedCache';

describe('SharedCache', () => {
  it('loads once for concurrent callers and stores the answer with the TTL', async () => {
    const backing = mockServices.cache.mock();
    const shared = new SharedCache(backing, 1000);
    let loads = 0;
    const load = () =>
      new Promise<number>(resolve => {
        loads += 1;
        setTimeout(() => resolve(loads), 20);
      });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => shared.get('k', load)),
    );
    expect(answers).toEqual(Array(50).fill(1));
    expect(loads).toBe(1);
    expect(backing.set).toHaveBeenCalledTimes(1);
    expect(backing.set).toHaveBeenCalledWith('k', 1, { ttl: 1000 });
  });

  it('does not keep a failed load in flight', async () => {
    const shared = new SharedCache(mockServices.cache.mock(), 1000);
    await expect(
      shared.get('k', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await shared.get('k', async () => 'second')).toBe('second');
  });

  it('answers what it loaded from memory until the TTL, then asks the shared cache', async () => {
    let now = 0;
    const backing = mockServices.cache.mock();
    const shared = new SharedCache(backing, 1000, () => now);
    const load = jest.fn(async () => ({ up: true }));
    const first = await shared.get('k', load);
    now = 999;
    expect(await shared.get('k', load)).toBe(first);
    expect(backing.get).toHaveBeenCalledTimes(1);
    now = 1000;
    await shared.get('k', load);
    expect(backing.get).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("reads another backend's answer from the shared cache every time", async () => {
    const backing = mockServices.cache.mock({
      get: async () => ({ up: false } as any),
    });
    const shared = new SharedCache(backing, 1000);
    const load = jest.fn(async () => ({ up: true }));
    expect(await shared.get('k', load)).toEqual({ up: false });
    expect(await shared.get('k', load)).toEqual({ up: false });
    expect(backing.get).toHaveBeenCalledTimes(2);
    expect(load).not.toHaveBeenCalled();
  });

  it('keys answers by stack and namespace', () => {
    expect(
      stackKey('status', { name: 'analytics', namespace: 'data' }, 'trino'),
    ).toBe('status:analytics:data:trino');
  });
});

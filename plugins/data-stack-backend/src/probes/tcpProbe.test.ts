import { startFakeTcp } from '../testUtils/fakeHttp';
import { freePort } from '../testUtils/servers/process';
import { probeTcp } from './tcpProbe';

const at = (port: number) => ({ protocol: 'tcp:', host: '127.0.0.1', port });

describe('the TCP probe', () => {
  it('is healthy when the port accepts a connection', async () => {
    const listener = await startFakeTcp();
    try {
      expect(await probeTcp(at(listener.port), 500)).toMatchObject({
        status: 'healthy',
      });
    } finally {
      await listener.close();
    }
  });

  it('is down when nothing listens', async () => {
    expect(await probeTcp(at(await freePort()), 500)).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

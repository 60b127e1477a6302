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

  it('is down when nothing listens, and says so in words', async () => {
    const port = await freePort();
    expect(await probeTcp(at(port), 500)).toMatchObject({
      status: 'down',
      reason: `nothing listens on 127.0.0.1:${port}`,
    });
  });

  it('names the host that does not resolve', async () => {
    // `.invalid` never resolves (RFC 6761), with or without a network.
    expect(
      await probeTcp(
        { protocol: 'tcp:', host: 'stack.invalid', port: 5432 },
        2000,
      ),
    ).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(
        /^the name stack\.invalid (does not resolve|could not be resolved)/,
      ),
    });
  });
});

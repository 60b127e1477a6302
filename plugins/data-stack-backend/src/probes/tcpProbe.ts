import net from 'node:net';
import type { Endpoint } from '../service/endpoints';
import { ProbeResult, failed, withTimeout } from './probeResult';

/** A TCP connect: healthy when the port accepts it. */
export async function probeTcp(
  endpoint: Endpoint,
  timeoutMs: number,
): Promise<ProbeResult> {
  const started = Date.now();
  let socket: net.Socket | undefined;
  try {
    await withTimeout(
      timeoutMs,
      () =>
        new Promise<void>((resolve, reject) => {
          socket = net.connect({
            host: endpoint.host.replace(/^\[|\]$/g, ''),
            port: endpoint.port,
          });
          socket.once('connect', () => resolve());
          socket.once('error', reject);
        }),
    );
    return { status: 'healthy', latencyMs: Date.now() - started };
  } catch (error) {
    return failed(error, started, { target: endpoint, timeoutMs });
  } finally {
    socket?.destroy();
  }
}

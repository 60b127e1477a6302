import { createProbeType } from '@big-data-stack/backstage-plugin-data-stack-node';
import net from 'node:net';
import { z } from 'zod';

/**
 * A server speaking a one-line protocol, as a platform team's broker
 * might: `PING <topic> [<token>]` answers `PONG <version>`, or
 * `ERR <why>` for a topic it lacks or a wrong token. `hang` makes it read
 * and never answer.
 */
export interface PingServer {
  port: number;
  /** The lines received, in order. */
  lines: string[];
  hang: boolean;
  /** Connections still open. */
  open(): number;
  close(): Promise<void>;
}

export async function startPingServer(options: {
  topics: string[];
  version: string;
  token?: string;
}): Promise<PingServer> {
  const sockets = new Set<net.Socket>();
  const lines: string[] = [];
  const state = { hang: false };
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', data => {
      buffered += data.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      const line = buffered.slice(0, end);
      lines.push(line);
      if (state.hang) return;
      const [verb, topic, token] = line.split(' ');
      if (verb !== 'PING') socket.end('ERR unknown command\n');
      else if (options.token !== undefined && token !== options.token)
        socket.end('ERR not authorized\n');
      else if (!options.topics.includes(topic))
        socket.end(`ERR no topic ${topic}\n`);
      else socket.end(`PONG ${options.version}\n`);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    lines,
    get hang() {
      return state.hang;
    },
    set hang(hang: boolean) {
      state.hang = hang;
    },
    open: () => sockets.size,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One request line, one answer line, on a fresh connection. */
function exchange(
  host: string,
  port: number,
  line: string,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const abort = () => socket.destroy();
    signal.addEventListener('abort', abort, { once: true });
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', data => {
      answer += data.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      signal.removeEventListener('abort', abort);
      resolve(answer.split('\n')[0]);
    });
  });
}

/**
 * The probe type a platform team's module would add for that server:
 * `{ type: ping, port: <port>, topic: <name>, tokenSecret?: <ENV_NAME> }`.
 */
export const pingProbeType = createProbeType({
  type: 'ping',
  options: z.strictObject({
    topic: z.string().min(1),
    tokenSecret: z.string().optional(),
  }),
  async probe(endpoint, { topic, tokenSecret }, { secret, signal }) {
    const started = Date.now();
    const token = tokenSecret ? secret(tokenSecret) : undefined;
    const answer = await exchange(
      endpoint.host,
      endpoint.port,
      ['PING', topic, token].filter(Boolean).join(' '),
      signal,
    );
    const latencyMs = Date.now() - started;
    const [verb, ...rest] = answer.split(' ');
    if (verb === 'PONG')
      return { status: 'healthy', latencyMs, version: rest.join(' ') };
    return {
      status: 'degraded',
      latencyMs,
      reason: verb === 'ERR' ? rest.join(' ') : `answered '${answer}'`,
    };
  },
});

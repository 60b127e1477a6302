import http from 'node:http';
import net from 'node:net';

/** How a fake answers: as documented, or the ways real upstreams fail. */
export type FakeMode =
  | 'ok'
  | 'slow'
  | 'hung'
  | '5xx'
  | 'malformed'
  | 'redirect';

export interface FakeReply {
  status?: number;
  /** An object is sent as JSON, a string as text. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  port: number;
  url: string;
  /** Requests seen, as `METHOD path`. */
  requests: {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
  }[];
  mode: FakeMode;
  /** Where `redirect` mode points. */
  redirectTo: string;
  slowMs: number;
  /** Connections clients hold open now (a hung answer keeps one). */
  openConnections(): number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, reply: FakeReply) {
  const json = typeof reply.body !== 'string' && reply.body !== undefined;
  res.writeHead(reply.status ?? 200, {
    'content-type': json ? 'application/json' : 'text/plain',
    ...reply.headers,
  });
  res.end(json ? JSON.stringify(reply.body) : (reply.body as string) ?? '');
}

/**
 * An HTTP server on a loopback port that answers with `answer` in `ok`
 * mode, and otherwise slowly, never, with a 503, with a cut-off body, or
 * with a redirect. `close()` drops hung connections too.
 */
export async function startFakeHttp(
  answer: (
    req: http.IncomingMessage,
    body: string,
    server: FakeServer,
  ) => FakeReply,
): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const fake: FakeServer = {
    port: 0,
    url: '',
    requests: [],
    mode: 'ok',
    redirectTo: 'http://127.0.0.1:9/',
    slowMs: 300,
    openConnections: () => sockets.size,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      fake.requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
      });
      switch (fake.mode) {
        case 'hung':
          return;
        case '5xx':
          send(res, { status: 503, body: 'Service Unavailable' });
          return;
        case 'redirect':
          send(res, { status: 302, headers: { location: fake.redirectTo } });
          return;
        case 'malformed': {
          const reply = answer(req, body, fake);
          const text = JSON.stringify(reply.body ?? {});
          send(res, {
            ...reply,
            body: `${text.slice(0, Math.ceil(text.length / 2))}<html>`,
          });
          return;
        }
        case 'slow':
          setTimeout(() => send(res, answer(req, body, fake)), fake.slowMs);
          return;
        default:
          send(res, answer(req, body, fake));
      }
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as net.AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  fake.close = () =>
    new Promise<void>(resolve => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return fake;
}

/** A TCP listener that accepts and does nothing (ZooKeeper, the Hive metastore). */
export async function startFakeTcp(): Promise<{
  port: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import {
  ProbeTimeoutError,
  describeError,
  failed,
  formatDuration,
} from './probeResult';

/** An error as Node or a client library raises it: a message and a code. */
const nodeError = (message: string, code: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });
/** As fetch raises it: a TypeError whose cause is the socket's error. */
const fetchError = (cause: Error) =>
  Object.assign(new TypeError('fetch failed'), { cause });

const target = { host: 'localhost', port: 8123 };

describe('reasons', () => {
  it.each([
    [
      nodeError('connect ECONNREFUSED 127.0.0.1:8123', 'ECONNREFUSED'),
      'nothing listens on localhost:8123',
    ],
    [
      fetchError(
        nodeError('connect ECONNREFUSED 127.0.0.1:8123', 'ECONNREFUSED'),
      ),
      'nothing listens on localhost:8123',
    ],
    [
      nodeError('getaddrinfo ENOTFOUND x', 'ENOTFOUND'),
      'the name localhost does not resolve',
    ],
    [
      nodeError('read ECONNRESET', 'ECONNRESET'),
      'localhost:8123 closed the connection',
    ],
    [
      fetchError(nodeError('other side closed', 'UND_ERR_SOCKET')),
      'localhost:8123 closed the connection',
    ],
    [nodeError('connect ETIMEDOUT', 'ETIMEDOUT'), 'no answer within 2 s'],
    [
      fetchError(nodeError('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT')),
      'no answer within 2 s',
    ],
    [
      nodeError('connect EHOSTUNREACH', 'EHOSTUNREACH'),
      'there is no route to localhost',
    ],
    [
      fetchError(
        nodeError('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
      ),
      'localhost:8123 serves a self-signed certificate',
    ],
    [
      fetchError(
        nodeError('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'),
      ),
      'localhost:8123 does not speak TLS (is it plain HTTP?)',
    ],
    [
      fetchError(
        nodeError(
          'Response does not match the HTTP/1.1 protocol',
          'HPE_INVALID_CONSTANT',
        ),
      ),
      'localhost:8123 did not answer HTTP',
    ],
  ])('turns %s into a sentence', (error, sentence) => {
    expect(describeError(error, { target, timeoutMs: 2000 })).toBe(sentence);
  });

  it('says where from the error itself when the caller does not', () => {
    expect(
      describeError(
        fetchError(
          nodeError('connect ECONNREFUSED 127.0.0.1:9090', 'ECONNREFUSED', {
            address: '127.0.0.1',
            port: 9090,
          }),
        ),
      ),
    ).toBe('nothing listens on 127.0.0.1:9090');
    expect(
      describeError(
        nodeError('getaddrinfo ENOTFOUND trino.data', 'ENOTFOUND', {
          hostname: 'trino.data',
        }),
      ),
    ).toBe('the name trino.data does not resolve');
  });

  it("keeps a library's own sentence, without a code in front", () => {
    expect(
      describeError(
        nodeError(
          'password authentication failed for user "postgres"',
          '28P01',
        ),
      ),
    ).toBe('password authentication failed for user "postgres"');
    expect(describeError(nodeError('EWHATEVER: it broke', 'EWHATEVER'))).toBe(
      'it broke',
    );
    expect(describeError(new Error('x'.repeat(300)))).toHaveLength(200);
  });

  it('never answers with a bare error code', () => {
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'ETIMEDOUT',
      'EAI_AGAIN',
      'ENETUNREACH',
      'ECONNRESET',
    ])
      expect(describeError(nodeError(code, code), { target })).not.toMatch(
        /\bE[A-Z_]{4,}\b/,
      );
  });

  it('gives timeouts in seconds from a second up', () => {
    expect(new ProbeTimeoutError(2000).message).toBe('no answer within 2 s');
    expect(new ProbeTimeoutError(300).message).toBe('no answer within 300 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
  });
});

describe('a failed probe', () => {
  it('is down when nothing answered, degraded when something answered wrongly', () => {
    const started = Date.now();
    expect(
      failed(nodeError('x', 'ECONNREFUSED'), started, { target }),
    ).toMatchObject({
      status: 'down',
      reason: 'nothing listens on localhost:8123',
    });
    expect(failed(new ProbeTimeoutError(2000), started)).toMatchObject({
      status: 'down',
      reason: 'no answer within 2 s',
    });
    expect(
      failed(nodeError('password authentication failed', '28P01'), started),
    ).toMatchObject({ status: 'degraded' });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import type { ComponentStatus } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import pLimit from 'p-limit';
import type { StatusConfig } from '../config/statusConfig';
import { ProbeTypeRegistry } from '../probes/probeTypeRegistry';
import { startFakeTcp } from '../testUtils/fakeHttp';
import { freePort } from '../testUtils/servers/process';
import { SharedCache } from './sharedCache';
import type { StackSubject } from './stackSubject';
import { StatusService, nothingAnswers } from './statusService';

const library = loadComponentLibrary([defaultLibraryDir()]);
const descriptor = (id: string) => library.components.get(id)!;

/** A status service for stack `demo` with these fixed endpoints and, unless `none`, a host pattern. */
function service(
  endpoints: Record<string, string>,
  port: 'published' | 'container' | 'none' = 'published',
) {
  const config: StatusConfig = {
    probeTimeoutMs: 1000,
    cacheTtlMs: 1000,
    concurrency: 4,
    queryUser: 'backstage',
    metricsRangeSeconds: 60,
    metricsStepSeconds: 60,
    pattern: port === 'none' ? undefined : { host: 'localhost', port },
    stacks: new Map([
      [
        'demo',
        {
          endpoints: new Map(
            Object.entries(endpoints).map(([k, v]) => [k, new URL(v)]),
          ),
          secrets: new Map(),
        },
      ],
    ]),
  };
  return new StatusService({
    config,
    cache: new SharedCache(mockServices.cache.mock(), 1000),
    limit: pLimit(4),
    probeTypes: new ProbeTypeRegistry(),
  });
}

const subject = (...ids: string[]): StackSubject => ({
  stack: { name: 'demo', namespace: 'demo' },
  components: ids.map(descriptor),
  stackComponents: ids.map(descriptor),
  unknown: [],
  entities: new Map(),
});

describe('the status of a stack', () => {
  let closed: number[];
  let listening: Awaited<ReturnType<typeof startFakeTcp>> | undefined;
  beforeEach(async () => {
    closed = [await freePort(), await freePort()];
  });
  afterEach(async () => {
    await listening?.close();
    listening = undefined;
  });

  it('says the stack is not running when nothing answers, each reason a sentence', async () => {
    const answer = await service({
      postgresql: `tcp://127.0.0.1:${closed[0]}`,
      prometheus: `http://127.0.0.1:${closed[1]}`,
    }).stackStatus(subject('postgresql', 'prometheus', 'postgres-exporter'));
    const by = Object.fromEntries(answer.components.map(c => [c.id, c]));
    expect(by.postgresql).toMatchObject({
      status: 'down',
      reason: `nothing listens on 127.0.0.1:${closed[0]}`,
      code: 'unreachable',
    });
    expect(by.prometheus).toMatchObject({
      status: 'down',
      reason: `nothing listens on 127.0.0.1:${closed[1]}`,
    });
    // The exporter publishes no port (its descriptor has no hostPort).
    expect(by['postgres-exporter']).toMatchObject({
      status: 'unknown',
      reason: 'publishes no port on this machine',
      code: 'unpublished',
      services: [
        {
          service: 'postgres-exporter',
          unpublished: true,
          code: 'unpublished',
        },
      ],
    });
    expect(answer.notRunning).toEqual({ runsOn: 'compose' });
  });

  it('is running as soon as one component answers', async () => {
    listening = await startFakeTcp();
    const answer = await service({
      postgresql: `tcp://127.0.0.1:${listening.port}`,
      prometheus: `http://127.0.0.1:${closed[1]}`,
    }).stackStatus(subject('postgresql', 'prometheus', 'postgres-exporter'));
    expect(answer.components.map(c => [c.id, c.status])).toEqual([
      ['postgresql', 'healthy'],
      ['prometheus', 'down'],
      ['postgres-exporter', 'unknown'],
    ]);
    expect(answer.notRunning).toBeUndefined();
  });

  it('says by code when no endpoint is configured, and in words', async () => {
    const answer = await service({}, 'none').stackStatus(subject('postgresql'));
    expect(answer.components).toEqual([
      expect.objectContaining({
        status: 'unknown',
        reason: 'no endpoint configured for postgresql (dataStack.status)',
        code: 'not-configured',
        services: [
          expect.objectContaining({
            status: 'unknown',
            code: 'not-configured',
          }),
        ],
      }),
    ]);
    expect(answer.notRunning).toBeUndefined();
  });

  it('expects a cluster when the backend looks for container ports', async () => {
    const answer = await service(
      { prometheus: `http://127.0.0.1:${closed[1]}` },
      'container',
    ).stackStatus(subject('prometheus'));
    expect(answer.notRunning).toEqual({ runsOn: 'kubernetes' });
  });
});

describe('nothingAnswers', () => {
  const c = (
    status: ComponentStatus['status'],
    services: ComponentStatus['services'] = [{ service: 's', status }],
  ): ComponentStatus => ({
    id: 'x',
    title: 'X',
    layer: 'query',
    status,
    checkedAt: '',
    services,
  });
  const unpublished = c('unknown', [
    { service: 's', status: 'unknown', unpublished: true },
  ]);

  it.each([
    ['every component down', [c('down'), c('down')], 2, true],
    ['down and unpublished', [c('down'), unpublished], 2, true],
    ['one healthy', [c('down'), c('healthy')], 2, false],
    ['one degraded', [c('down'), c('degraded')], 2, false],
    ['only unpublished', [unpublished], 1, false],
    [
      'down and of a probe type this backend lacks',
      [
        c('down'),
        c('unknown', [
          { service: 's', status: 'unknown', code: 'unknown-probe-type' },
        ]),
      ],
      2,
      true,
    ],
    ['one still being checked', [c('down')], 2, false],
    [
      'no endpoint configured',
      [c('down'), c('unknown', [{ service: 's', status: 'unknown' }])],
      2,
      false,
    ],
    [
      'not in the library (nothing to probe)',
      [c('down'), c('unknown', [])],
      2,
      true,
    ],
    ['no components', [], 0, false],
  ])('%s', (_, settled, total, expected) => {
    expect(nothingAnswers(settled as ComponentStatus[], total as number)).toBe(
      expected,
    );
  });
});

import {
  createBackendModule,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  COMPONENT_ANNOTATION,
  DATA_STACK_API_VERSION,
  STACK_ANNOTATION,
  type StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  type ProbeType,
  createProbeType,
  dataStackProbeTypesExtensionPoint,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dataStackPlugin } from './plugin';
import {
  PingServer,
  pingProbeType,
  startPingServer,
} from './testUtils/pingProbe';

/** A platform team's module of the data-stack plugin adding probe types. */
const probeModule = (...probeTypes: ProbeType<unknown>[]): BackendFeature =>
  createBackendModule({
    pluginId: 'data-stack',
    moduleId: 'test-probe',
    register(env) {
      env.registerInit({
        deps: { probes: dataStackProbeTypesExtensionPoint },
        async init({ probes }) {
          probes.addProbeTypes(...probeTypes);
        },
      });
    },
  });

/** A one-service component of the platform team's library with this probe. */
function writeComponent(dir: string, id: string, probe: object) {
  fs.mkdirSync(path.join(dir, id));
  const descriptor = {
    apiVersion: DATA_STACK_API_VERSION,
    kind: 'DataStackComponent',
    metadata: {
      id,
      title: id,
      description: `${id} for tests`,
      layer: 'ingestion',
      version: '1.0',
    },
    spec: {
      services: {
        [id]: {
          image: `example/${id}:1.0`,
          ports: [{ name: 'main', port: 7000 }],
          health: { compose: { test: ['CMD', 'true'] }, probe },
          resources: {
            dev: { cpu: 0.5, memory: '512Mi' },
            small: { cpu: 1, memory: '1Gi' },
            production: { cpu: 2, memory: '2Gi' },
          },
        },
      },
      catalog: { kind: 'Component', type: 'service' },
    },
  };
  // JSON is YAML.
  fs.writeFileSync(
    path.join(dir, id, 'component.yaml'),
    JSON.stringify(descriptor),
  );
}

const LOCATION = 'backstage.io/managed-by-location';
const FILE = 'url:https://git.example.com/brokers/catalog-info.yaml';

/** The stack's System and its components, as `datastack render` writes them. */
const entities = (ids: string[]): Entity[] => [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'brokers',
      annotations: { [LOCATION]: FILE, [STACK_ANNOTATION]: 'brokers' },
    },
    spec: { owner: 'group:default/data-platform' },
  },
  ...ids.map(id => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `brokers-${id}`,
      annotations: {
        [LOCATION]: FILE,
        [STACK_ANNOTATION]: 'brokers',
        [COMPONENT_ANNOTATION]: id,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'data-platform',
      system: 'system:default/brokers',
    },
  })),
];

describe('probe types added by a backend module', () => {
  let library: string;
  let server: PingServer;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    library = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-types-'));
    writeComponent(library, 'pinger', {
      type: 'ping',
      port: 'main',
      topic: 'health',
      tokenSecret: 'PING_TOKEN',
    });
    writeComponent(library, 'misconfigured', {
      type: 'ping',
      port: 'main',
      topics: ['health'],
    });
    writeComponent(library, 'mystery', {
      type: 'kafka',
      port: 'main',
      topic: 'health',
    });
    server = await startPingServer({
      topics: ['health'],
      version: '3.9.1',
      token: 'ping-Secret-1',
    });
    const endpoint = `tcp://127.0.0.1:${server.port}`;
    const backend = await startTestBackend({
      features: [
        dataStackPlugin,
        probeModule(pingProbeType),
        mockServices.rootConfig.factory({
          data: {
            dataStack: {
              library: { directories: [library] },
              status: {
                probeTimeout: { milliseconds: 1000 },
                stacks: [
                  {
                    name: 'brokers',
                    endpoints: {
                      pinger: endpoint,
                      misconfigured: endpoint,
                      mystery: endpoint,
                    },
                    secrets: { PING_TOKEN: 'ping-Secret-1' },
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: entities(['pinger', 'misconfigured', 'mystery']),
        }),
        mockServices.permissions.factory(),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/data-stack/entities`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    await server?.close();
    fs.rmSync(library, { recursive: true, force: true });
  });

  it("probes a component with the module's type, through the status route", async () => {
    const res = await fetch(`${baseUrl}/system/default/brokers/status`, {
      headers: { authorization: `Bearer ${mockCredentials.user.token()}` },
    });
    expect(res.status).toBe(200);
    const body: StackStatusResponse = await res.json();
    const by = Object.fromEntries(body.components.map(c => [c.id, c]));
    expect(by.pinger).toMatchObject({
      status: 'healthy',
      version: '3.9.1',
      entityRef: 'component:default/brokers-pinger',
      services: [{ service: 'pinger', status: 'healthy', version: '3.9.1' }],
    });
    expect(server.lines).toEqual(['PING health ping-Secret-1']);
    expect(by.misconfigured).toMatchObject({
      status: 'unknown',
      code: 'descriptor-mismatch',
      reason: expect.stringMatching(
        /^the ping probe's options are refused: topic: Invalid input: expected string, received undefined; Unrecognized key: "topics"$/,
      ),
    });
    expect(by.mystery).toMatchObject({
      status: 'unknown',
      code: 'unknown-probe-type',
      reason:
        "unknown probe type 'kafka': no backend module adds it to this backend",
    });
  });
});

describe('a module that adds a probe type the backend refuses', () => {
  it.each<[string, ProbeType<unknown>[], string]>([
    [
      'a built-in one',
      [createProbeType({ ...pingProbeType, type: 'http' })],
      "probe type 'http' is built in and cannot be replaced",
    ],
    [
      'one twice',
      [pingProbeType, pingProbeType],
      "probe type 'ping' is added twice",
    ],
  ])(
    'stops the backend at start-up: %s',
    async (_what, probeTypes, message) => {
      await expect(
        startTestBackend({
          features: [dataStackPlugin, probeModule(...probeTypes)],
        }),
      ).rejects.toThrow(message);
    },
  );
});

import { DATA_STACK_API_VERSION } from '../model/names';
import {
  createComponentLibrary,
  parseComponentDescriptor,
} from '../model/library';
import { DataStackError, formatProblem } from '../model/problems';
import { resolveStack } from './resolve';

const sizes = {
  dev: { cpu: 0.5, memory: '512Mi', disk: '1Gi' },
  small: { cpu: 1, memory: '1Gi', disk: '2Gi' },
  production: { cpu: 2, memory: '2Gi', disk: '4Gi' },
};
const health = {
  compose: { test: ['CMD', 'true'] },
  probe: { type: 'tcp', port: 'main' },
};

function component(
  id: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
) {
  return parseComponentDescriptor(
    {
      apiVersion: DATA_STACK_API_VERSION,
      kind: 'DataStackComponent',
      metadata: {
        id,
        title: id,
        description: `${id} for tests`,
        layer: 'storage',
        version: '1.0',
        ...metadata,
      },
      spec: {
        services: {
          [id]: {
            image: `example/${id}:1.0`,
            ports: [{ name: 'main', port: 1000 }],
            health,
            resources: sizes,
            volumes: [{ name: 'data', mountPath: '/data' }],
          },
        },
        catalog: { kind: 'Component', type: 'service' },
        ...spec,
      },
    },
    `services/${id}/component.yaml`,
  );
}

const library = createComponentLibrary(
  [
    component('db', {
      provides: {
        database: {
          data: { host: 'db' },
          consumerJob: {
            name: 'db-init',
            service: {
              image: 'example/db:1.0',
              job: true,
              command: ['create', '{{ request.name }}'],
              resources: sizes,
            },
          },
        },
        catalog: { data: { name: 'db', secrets: ['DB_PASSWORD'] } },
      },
      secrets: [{ name: 'DB_PASSWORD', description: 'db password' }],
    }),
    component('app', {
      requires: [
        { capability: 'database', default: 'db', request: { name: 'app' } },
      ],
      settings: {
        replicas: {
          type: 'integer',
          description: 'replicas',
          default: 1,
          minimum: 1,
          maximum: 5,
        },
      },
    }),
    component('engine', {
      uses: [{ capability: 'catalog', passSecrets: true }],
    }),
    component('watcher', { provides: { metrics: { data: {} } } }),
    component(
      'exporter',
      {
        services: {
          exporter: {
            image: 'example/exporter:1.0',
            ports: [{ name: 'prom', port: 9000 }],
            health: { compose: { test: ['CMD', 'true'] } },
            resources: sizes,
          },
        },
        metrics: { port: 'prom', path: '/probe' },
      },
      { companion: true },
    ),
    component('observed', {
      requires: [{ component: 'exporter', when: 'metrics', wait: false }],
      metrics: { exporter: 'exporter', card: [{ title: 'Up', query: 'up' }] },
    }),
    component('a', { requires: [{ component: 'b' }] }),
    component('b', { requires: [{ component: 'a' }] }),
    component('clash', {
      services: {
        clash: {
          image: 'example/clash:1.0',
          ports: [{ name: 'main', port: 1, hostPort: 8080 }],
          health,
          resources: sizes,
        },
      },
    }),
    component('clash2', {
      services: {
        clash2: {
          image: 'example/clash2:1.0',
          ports: [{ name: 'main', port: 1, hostPort: 8080 }],
          health,
          resources: sizes,
        },
      },
    }),
    component('rival', { conflicts: ['db'] }),
  ],
  [
    {
      id: 'large',
      description: 'twice production',
      basedOn: 'production',
      scale: { cpu: 2, memory: 2, disk: 3 },
      cpuRequest: 1,
    },
  ],
);

const stack = (components: string[], extra: Record<string, unknown> = {}) => ({
  apiVersion: DATA_STACK_API_VERSION,
  kind: 'DataStack',
  metadata: { name: 'demo' },
  spec: { components, ...extra },
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DataStackError)
      return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a DataStackError');
}

describe('resolveStack', () => {
  it('adds a required companion, runs its per-consumer job and orders start-up', () => {
    const plan = resolveStack(stack(['app']), library);
    expect(
      plan.components.map(c => [c.id, c.selected, c.addedBecause]),
    ).toEqual([
      ['db', false, 'required by app (database)'],
      ['app', true, undefined],
    ]);
    const app = plan.components[1];
    expect(app.providers).toEqual({ database: 'db' });
    expect(app.services.map(s => s.name)).toEqual(['app-db-init', 'app']);
    expect(app.services[0].command).toEqual([['create'], ['app']]);
    expect(app.services[0].dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy' },
    ]);
    expect(app.services[1].dependsOn).toEqual([
      { service: 'db', condition: 'service_healthy' },
      { service: 'app-db-init', condition: 'service_completed_successfully' },
    ]);
    expect(plan.stack.namespace).toBe('demo');
  });

  it('wires every provider to a collecting consumer and passes their secrets', () => {
    const plan = resolveStack(stack(['engine', 'db']), library);
    const engine = plan.components.find(c => c.id === 'engine')!;
    expect(engine.collects).toEqual({ catalog: ['db'] });
    expect(engine.services[0].environment).toEqual({
      DB_PASSWORD: [{ secret: 'DB_PASSWORD' }],
    });
    expect(plan.secrets.map(s => s.name)).toEqual(['DB_PASSWORD']);
  });

  it('adds an exporter only while something provides what it waits on', () => {
    expect(
      resolveStack(stack(['observed']), library).components.map(c => c.id),
    ).toEqual(['observed']);
    const plan = resolveStack(stack(['observed', 'watcher']), library);
    expect(plan.components.map(c => c.id)).toEqual([
      'observed',
      'watcher',
      'exporter',
    ]);
    // Scraped on the endpoint the exporter declares, in the owner's job only.
    expect(plan.components[0].metrics).toMatchObject({
      job: 'observed',
      endpoints: [{ service: 'exporter', portName: 'prom', port: 9000 }],
      path: '/probe',
    });
    expect(plan.components[2].metrics).toBeUndefined();
  });

  it('sums the budget of long-running services and scales custom profiles', () => {
    expect(resolveStack(stack(['app']), library).budget.total).toEqual({
      cpu: 1,
      memoryMi: 1024,
      diskMi: 2048,
    });
    expect(
      resolveStack(stack(['app'], { profile: 'large' }), library).budget.total,
    ).toEqual({ cpu: 8, memoryMi: 8192, diskMi: 24576 });
  });

  it('applies overrides of declared settings', () => {
    const plan = resolveStack(
      stack(['app'], { overrides: { app: { replicas: 3 } } }),
      library,
    );
    expect(plan.components[1].settings).toEqual({ replicas: 3 });
  });

  it.each([
    [
      'an unknown component',
      stack(['dbb']),
      "spec.components[0]: unknown component 'dbb' (did you mean 'db'?)",
    ],
    [
      'an unknown profile',
      stack(['db'], { profile: 'huge' }),
      "spec.profile: unknown profile 'huge'",
    ],
    [
      'an empty component list',
      stack([]),
      'spec.components: must name at least one component',
    ],
    [
      'a name that is not a DNS label',
      { ...stack(['db']), metadata: { name: 'Bad_Name' } },
      'metadata.name: must be a DNS-1123 label',
    ],
    [
      'a target name that is no DNS label',
      stack(['db'], { targets: ['Terraform'] }),
      'spec.targets[0]: must be a DNS-1123 label',
    ],
    [
      'a target named twice',
      stack(['db'], { targets: ['helm', 'helm'] }),
      'spec.targets: must name each target once',
    ],
    [
      'an override for a component not in the stack',
      stack(['db'], { overrides: { app: { replicas: 2 } } }),
      'spec.overrides.app: app is not in the stack',
    ],
    [
      'an override of the wrong type',
      stack(['app'], { overrides: { app: { replicas: 'three' } } }),
      'spec.overrides.app.replicas: must be an integer, got "three"',
    ],
    [
      'an override out of range',
      stack(['app'], { overrides: { app: { replicas: 9 } } }),
      'spec.overrides.app.replicas: must be at most 5',
    ],
    [
      'an unknown setting',
      stack(['app'], { overrides: { app: { size: 2 } } }),
      "spec.overrides.app.size: app has no setting 'size'; settings are replicas",
    ],
    [
      'a cycle',
      stack(['a']),
      'spec.components: start-up order has a cycle: a → b → a',
    ],
    [
      'a declared conflict',
      stack(['rival', 'db']),
      'spec.components: rival conflicts with db',
    ],
    [
      'two services on one host port',
      stack(['clash', 'clash2']),
      'spec.components: clash2 and clash both publish host port 8080',
    ],
    [
      'a component listed twice',
      stack(['db', 'db']),
      "spec.components[1]: 'db' is listed twice",
    ],
    [
      'something that is not a DataStack',
      ['db'],
      'is not a DataStack document',
    ],
    [
      'the wrong kind',
      { ...stack(['db']), kind: 'Stack' },
      'kind: Invalid input: expected "DataStack"',
    ],
  ])('rejects %s with a message naming the field', (_, input, expected) => {
    expect(problemsOf(() => resolveStack(input, library)).join('\n')).toContain(
      expected,
    );
  });

  it('reports every problem at once', () => {
    expect(
      problemsOf(() => resolveStack(stack(['nope', 'nada']), library)),
    ).toHaveLength(2);
  });
});

describe('createComponentLibrary', () => {
  it('demands that an exporter declares the endpoint it is scraped on', () => {
    const exporter = component('bare-exporter');
    const owner = component('owner', {
      requires: [{ component: 'bare-exporter' }],
      metrics: { exporter: 'bare-exporter' },
    });
    expect(problemsOf(() => createComponentLibrary([exporter, owner]))).toEqual(
      [
        'services/bare-exporter/component.yaml: spec.metrics.port: must name the port owner is scraped on, since owner uses this component as its exporter',
      ],
    );
  });
  it("refuses a requirement's default that does not provide the capability", () => {
    const loop = component('loop', {
      requires: [{ capability: 's3', default: 'loop' }],
    });
    expect(problemsOf(() => createComponentLibrary([loop]))).toEqual([
      "services/loop/component.yaml: spec.requires[0].default: 'loop' does not provide 's3'; name a component whose spec.provides lists it",
    ]);
    // A library put together without that check still resolves in bounded
    // time (it looped forever at 100 % CPU before).
    const unchecked = {
      components: new Map([['loop', loop]]),
      profiles: createComponentLibrary([]).profiles,
      files: new Map([['loop', 'services/loop/component.yaml']]),
    };
    expect(
      problemsOf(() =>
        resolveStack(
          {
            apiVersion: DATA_STACK_API_VERSION,
            kind: 'DataStack',
            metadata: { name: 'x' },
            spec: { components: ['loop'] },
          },
          unchecked,
        ),
      ),
    ).toEqual([
      "spec.components: loop needs 's3', which its default loop does not provide; fix the library",
    ]);
  });
});

describe('parseComponentDescriptor', () => {
  it('rejects an unpinned image and a service without a health check', () => {
    const problems = problemsOf(() =>
      parseComponentDescriptor(
        {
          apiVersion: DATA_STACK_API_VERSION,
          kind: 'DataStackComponent',
          metadata: {
            id: 'x',
            title: 'x',
            description: 'x',
            layer: 'storage',
            version: '1',
          },
          spec: {
            services: { x: { image: 'example/x:latest', resources: sizes } },
            catalog: { kind: 'Component', type: 'service' },
          },
        },
        'services/x/component.yaml',
      ),
    );
    expect(problems.join('\n')).toContain(
      'services/x/component.yaml: spec.services.x.image: must not use the "latest" tag',
    );
  });
});

describe('what a service needs to start', () => {
  /** One service `jvm`, with whatever the test adds to its definition. */
  const jvm = (service: Record<string, unknown>, spec = {}) =>
    createComponentLibrary([
      component('jvm', {
        services: {
          jvm: {
            image: 'example/jvm:1.0',
            ports: [{ name: 'main', port: 1000 }],
            health,
            resources: sizes,
            volumes: [{ name: 'data', mountPath: '/data' }],
            ...service,
          },
        },
        ...spec,
      }),
    ]);
  const processing = (buffer: string, heap = '256m') => ({
    dev: {
      cpu: 1,
      memory: '768Mi',
      heap,
      processing: { threads: 2, mergeBuffers: 2, buffer },
    },
    small: sizes.small,
    production: sizes.production,
  });

  it('sizes direct memory from the processing buffers, and gives them in bytes', () => {
    const plan = resolveStack(
      stack(['jvm']),
      jvm({
        resources: processing('64Mi'),
        environment: {
          DIRECT: '{{ resources.directMemory }}',
          BUFFER: '{{ resources.processing.bufferBytes }}',
        },
      }),
    );
    // 64 MiB × (2 threads + 2 merge buffers + 1)
    expect(plan.components[0].services[0].environment).toEqual({
      DIRECT: ['320m'],
      BUFFER: [String(64 * 1024 * 1024)],
    });
  });

  it('refuses heap and direct memory that exceed the memory limit', () => {
    expect(
      problemsOf(() =>
        resolveStack(
          stack(['jvm']),
          jvm({ resources: processing('128Mi', '256m') }),
        ),
      ),
    ).toEqual([
      'services/jvm/component.yaml: spec.services.jvm.resources.dev: heap 256m plus direct memory 640m (processing buffers) exceed the memory limit 768Mi',
    ]);
  });

  it("applies a profile's replicas, environment and init containers on Kubernetes only", () => {
    const profiled = jvm({
      environment: { MODE: 'cluster' },
      kubernetes: {
        replicas: 3,
        initContainers: [
          {
            name: 'prepare',
            command: ['true'],
            runAsUser: 0,
            privileged: true,
          },
        ],
        profiles: {
          dev: {
            replicas: 1,
            environment: { MODE: 'single' },
            initContainers: [],
          },
        },
      },
    });
    const [dev] = resolveStack(stack(['jvm']), profiled).components[0].services;
    expect(dev.kubernetes).toMatchObject({
      replicas: 1,
      environment: { MODE: ['single'] },
      initContainers: [],
    });
    expect(dev.environment).toEqual({ MODE: ['cluster'] });
    // A custom profile reads the one it is based on.
    const [small] = resolveStack(stack(['jvm'], { profile: 'small' }), profiled)
      .components[0].services;
    expect(small.kubernetes).toMatchObject({
      replicas: 3,
      environment: { MODE: ['cluster'] },
      initContainers: [{ name: 'prepare', privileged: true, volumes: [] }],
    });
  });

  it('refuses an init container that mounts a volume the service does not have', () => {
    expect(
      problemsOf(() =>
        resolveStack(
          stack(['jvm']),
          jvm({
            kubernetes: {
              initContainers: [
                {
                  name: 'seed',
                  command: ['true'],
                  volumes: [{ name: 'conf', mountPath: '/seed' }],
                },
              ],
            },
          }),
        ),
      ),
    ).toEqual([
      "services/jvm/component.yaml: spec.services.jvm.kubernetes.initContainers.seed: mounts 'conf', which is not a volume of the service",
    ]);
  });

  it('keeps the reason a compose healthcheck is disabled', () => {
    const plan = resolveStack(
      stack(['jvm']),
      jvm({
        health: {
          compose: { disable: true, reason: 'FROM scratch' },
          probe: { type: 'tcp', port: 'main' },
        },
      }),
    );
    expect(plan.components[0].services[0]).toMatchObject({
      healthcheckDisabled: 'FROM scratch',
    });
    expect(plan.components[0].services[0].healthcheck).toBeUndefined();
  });

  it("fills a request from the consumer's own plan before the provider's job reads it, documents as JSON", () => {
    const wired = createComponentLibrary([
      component('store', {
        settings: {
          bucket: { type: 'string', description: 'bucket', default: 'lake' },
        },
        provides: {
          place: { data: { bucket: '{{ settings.bucket }}' } },
          user: {
            data: {},
            consumerJob: {
              name: 'user',
              service: {
                image: 'example/store:1.0',
                job: true,
                command: ['grant', '{{ request.bucket }}'],
                environment: { POLICY: '{{ request.policy }}' },
                resources: sizes,
              },
            },
          },
        },
      }),
      component('engine', {
        requires: [
          { capability: 'place', default: 'store', wait: false },
          {
            capability: 'user',
            default: 'store',
            request: {
              bucket: '{{ uses.place.bucket }}',
              policy: { Resource: ['arn:aws:s3:::{{ uses.place.bucket }}'] },
            },
          },
        ],
      }),
    ]);
    const plan = resolveStack(
      stack(['engine'], { overrides: { store: { bucket: 'sales' } } }),
      wired,
    );
    const job = plan.components
      .find(c => c.id === 'engine')!
      .services.find(s => s.name === 'engine-user')!;
    expect(job.command).toEqual([['grant'], ['sales']]);
    // A document reaches the job as JSON serialised from the object, literally.
    expect(job.environment.POLICY).toHaveLength(1);
    expect(JSON.parse(job.environment.POLICY[0] as string)).toEqual({
      Resource: ['arn:aws:s3:::sales'],
    });
  });
});

import { z } from 'zod';
import { COMPONENT_LAYERS } from './layers';
import {
  DATA_STACK_API_VERSION,
  capabilityName,
  dnsLabel,
  envName,
  pinnedImage,
  stackPath,
} from './names';
import { settingPatternProblem } from './settingPattern';
import { singleLineText } from './text';
import { CPU_PATTERN, HEAP_PATTERN, MEMORY_PATTERN } from './quantity';

/**
 * The schema of `services/<id>/component.yaml`: everything every renderer,
 * the catalog and the status backend know about one component. Strings in
 * `spec` may hold `{{ path }}` placeholders that the resolver fills from the
 * plan (see the extending guide); compose's own `${VAR}` references pass
 * through untouched.
 */

const memory = z.string().regex(MEMORY_PATTERN, 'must be like 512Mi or 2Gi');
const cpu = z
  .union([z.number().positive(), z.string().regex(CPU_PATTERN)])
  .transform(String);

/** What one service gets in one size profile. */
export const serviceResourcesSchema = z.strictObject({
  cpu,
  memory,
  /** Size of each persistent volume of the service. */
  disk: memory.optional(),
  /** JVM heap for services that take one, e.g. `-Xmx{{ resources.heap }}`. */
  heap: z.string().regex(HEAP_PATTERN, 'must be like 512m or 2g').optional(),
  /**
   * Off-heap processing buffers (Druid's `druid.processing.*`). The resolver
   * sizes `{{ resources.directMemory }}` from them, and gives the buffer in
   * bytes as `{{ resources.processing.bufferBytes }}`.
   */
  processing: z
    .strictObject({
      threads: z.number().int().min(1),
      mergeBuffers: z.number().int().min(0),
      buffer: memory,
    })
    .optional(),
});

/** Resources per profile: `dev`, `small` and `production` are required. */
export const profileResourcesSchema = z
  .record(dnsLabel, serviceResourcesSchema)
  .refine(
    r => ['dev', 'small', 'production'].every(p => Object.hasOwn(r, p)),
    'must give resources for the dev, small and production profiles',
  );

export const portSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,14}$/, 'must be an IANA port name'),
  port: z.number().int().min(1).max(65535),
  /** Published on 127.0.0.1 by compose when set. */
  hostPort: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  /** Shown as the component's web UI. */
  ui: z.boolean().default(false),
});

const jsonExpectation = z.strictObject({
  /** Dotted path into the JSON body, e.g. `status.overall.level`. */
  path: z.string().min(1),
  /** The body is healthy when the value at `path` is one of these. */
  oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
});

/** An HTTP GET of a fixed health path, and what a healthy answer is. */
export const httpProbeSchema = z.strictObject({
  type: z.literal('http'),
  port: z.string(),
  path: z.string().startsWith('/'),
  scheme: z.enum(['http', 'https']).default('http'),
  /**
   * Accept the service's own self-signed certificate (NiFi generates one
   * at first start); only for an https probe of a stack's service.
   */
  selfSignedCertificate: z.boolean().default(false),
  expect: z
    .strictObject({
      status: z.number().int().default(200),
      json: jsonExpectation.optional(),
      body: z.string().optional(),
    })
    .default({ status: 200 }),
  /** Where the version is reported, a dotted path into the JSON body. */
  versionPath: z.string().optional(),
});

/** A TCP connect: healthy when the port accepts it. */
export const tcpProbeSchema = z.strictObject({
  type: z.literal('tcp'),
  port: z.string(),
});

/** `select 1` through the dialect's client, logged in as `user`. */
export const sqlProbeSchema = z.strictObject({
  type: z.literal('sql'),
  port: z.string(),
  dialect: z.enum(['postgresql', 'mysql', 'clickhouse']),
  user: z.string(),
  passwordSecret: envName.optional(),
  database: z.string().optional(),
});

/** The probe types every status backend knows, each checked field by field here. */
export const builtInProbeSchema = z.discriminatedUnion('type', [
  httpProbeSchema,
  tcpProbeSchema,
  sqlProbeSchema,
]);

export const BUILT_IN_PROBE_TYPES = ['http', 'tcp', 'sql'] as const;

export type BuiltInProbeType = (typeof BUILT_IN_PROBE_TYPES)[number];

export function isBuiltInProbeType(type: unknown): type is BuiltInProbeType {
  return (BUILT_IN_PROBE_TYPES as readonly unknown[]).includes(type);
}

/**
 * The name of a probe type a backend module adds (`kafka`): lower-case
 * letters, digits and `-`, starting with a letter, as a DNS label.
 */
export const probeTypeName = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'must be a probe type name: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
  );

/**
 * A probe of a type a backend module adds to the status backend (the
 * `dataStackProbeTypesExtensionPoint` of data-stack-node): its `type`, the
 * service port it probes, and options (JSON values) that the probe type
 * checks itself when it runs.
 */
export const extensionProbeSchema = z
  .object({
    type: probeTypeName.refine(
      type => !isBuiltInProbeType(type),
      'is a built-in probe type',
    ),
    port: z.string(),
  })
  .catchall(z.json());

/**
 * How the status backend and Kubernetes probe the service: `http`, `tcp`
 * or `sql`, checked field by field here, or a type a backend module adds,
 * checked here for its shape only. Chosen by `type` first, so a mistake in
 * a built-in probe is reported as that probe's own (`path: Invalid input`),
 * not as matching no type.
 */
export const probeSchema = z
  .looseObject({
    type: z.string({
      error:
        'must name a probe type: http, tcp, sql or one a backend module adds',
    }),
  })
  .transform((probe, ctx): BuiltInProbe | ExtensionProbe => {
    const result = isBuiltInProbeType(probe.type)
      ? builtInProbeSchema.safeParse(probe)
      : extensionProbeSchema.safeParse(probe);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      ctx.addIssue({ ...issue, input: undefined } as z.core.$ZodRawIssue);
    return z.NEVER;
  });

/** True for an `http`, `tcp` or `sql` probe: then `type` narrows it. */
export function isBuiltInProbe(probe: Probe): probe is BuiltInProbe {
  return isBuiltInProbeType(probe.type);
}

/** A Go duration, as compose reads it: `10s`, `1m30s`. */
const composeDuration = z
  .string()
  .regex(
    /^(\d+(\.\d+)?(us|ms|s|m|h))+$/,
    'must be a duration such as 10s or 1m30s',
  );

/** A compose healthcheck, in compose's own keys. */
export const composeHealthcheckSchema = z.strictObject({
  /** `[CMD, program, args…]`, or `[CMD-SHELL, line]` for a shell. */
  test: z.tuple([z.enum(['CMD', 'CMD-SHELL']), z.string()], z.string()),
  interval: composeDuration.default('10s'),
  timeout: composeDuration.default('5s'),
  retries: z.number().int().positive().default(10),
  start_period: composeDuration.default('10s'),
});

/** A persistent volume; compose names it `<component>-<name>`. */
export const volumeSchema = z.strictObject({
  name: dnsLabel,
  mountPath: z.string().startsWith('/'),
});

/** A config file or directory from the stack, mounted read-only. */
export const mountSchema = z.strictObject({
  source: stackPath,
  target: z.string().startsWith('/'),
});

const argumentList = z.array(z.string(), {
  error: 'must be a list of arguments, e.g. [sh, -c, "…"]',
});
/** Container environment; Druid and Elasticsearch take lower-case and dotted names. */
const environment = z.record(
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'must be an environment variable name'),
  z.union([z.string(), z.number(), z.boolean()]),
);

const kubernetesEnvironment = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

const initContainers = z.array(
  z.strictObject({
    name: dnsLabel,
    command: z.array(z.string()).min(1),
    runAsUser: z.number().int().min(0).optional(),
    /** The service's own volumes, mounted where the init container needs them. */
    volumes: z.array(volumeSchema).default([]),
    /** Needs a privileged pod: say why in a comment. */
    privileged: z.boolean().default(false),
  }),
);

/**
 * What only the Kubernetes target reads. Compose runs one container per
 * service; charts scale, run as a known non-root user and may swap a few
 * variables (cluster discovery instead of single-node mode).
 */
export const kubernetesServiceSchema = z.strictObject({
  /** Pods of the service; a placeholder such as `{{ settings.workers }}` makes it a setting. */
  replicas: z.union([z.number().int().min(0), z.string()]).default(1),
  /** The non-root uid the image runs as; the chart then enforces runAsNonRoot. */
  runAsUser: z.number().int().min(1).optional(),
  /** Group of the process and of mounted volumes; `runAsUser` by default. */
  runAsGroup: z.number().int().min(0).optional(),
  /** Replaces compose's variables; `null` removes one. `$(DATASTACK_POD_NAMES)` lists the pods. */
  environment: kubernetesEnvironment.default({}),
  /**
   * Per size profile (a custom profile reads the one it is based on): other
   * replicas, and variables over `environment` (Elasticsearch runs one
   * single-node cluster in dev).
   */
  profiles: z
    .record(
      dnsLabel,
      z.strictObject({
        replicas: z.union([z.number().int().min(0), z.string()]).optional(),
        environment: kubernetesEnvironment.default({}),
        /** Replaces the service's `initContainers` in this profile. */
        initContainers: initContainers.optional(),
      }),
    )
    .default({}),
  /** Containers run before the service's own, in its image (e.g. a node sysctl). */
  initContainers: initContainers.default([]),
  /** A service compose does not run (Trino workers). */
  only: z.boolean().default(false),
});

const ulimit = z.union([
  z.number().int(),
  z.strictObject({ soft: z.number().int(), hard: z.number().int() }),
]);

/** The compose keys a descriptor may add to a service (see serviceSchema.compose). */
export const composeExtrasSchema = z.strictObject({
  ulimits: z.record(z.string().regex(/^[a-z]+$/), ulimit).optional(),
  shm_size: z
    .union([z.number().int().positive(), z.string().regex(/^\d+[bkmg]?b?$/i)])
    .optional(),
  /** The container's own host name (a certificate may name it). */
  hostname: dnsLabel.optional(),
  stop_grace_period: z
    .string()
    .regex(/^(\d+(us|ms|s|m|h))+$/)
    .optional(),
  stop_signal: z
    .string()
    .regex(/^SIG[A-Z0-9+]+$/)
    .optional(),
  init: z.boolean().optional(),
});

/** One container: a long-running service or a one-shot job. */
export const serviceSchema = z.strictObject({
  description: singleLineText.optional(),
  image: pinnedImage,
  /** One-shot: runs to completion; dependents wait for success. */
  job: z.boolean().default(false),
  /**
   * Lists, not strings: Compose would split a string into words and
   * Kubernetes would not, so a list is the one form both run the same.
   */
  command: argumentList.optional(),
  entrypoint: argumentList.optional(),
  user: z.string().optional(),
  environment: environment.default({}),
  ports: z.array(portSchema).default([]),
  health: z
    .strictObject({
      /**
       * The compose healthcheck, or `{ disable: true, reason }` for an image
       * with nothing to run one (a `FROM scratch` exporter); nothing may
       * then wait for the service to be healthy.
       */
      compose: z.union([
        composeHealthcheckSchema,
        z.strictObject({ disable: z.literal(true), reason: z.string().min(1) }),
      ]),
      /** Left out for services the status backend cannot reach (no port). */
      probe: probeSchema.optional(),
    })
    .optional(),
  resources: profileResourcesSchema,
  volumes: z.array(volumeSchema).default([]),
  mounts: z.array(mountSchema).default([]),
  /** Services of the same component this one waits for. */
  dependsOn: z.array(dnsLabel).default([]),
  /**
   * Compose-only keys passed through, from a closed list: none of them can
   * change the image, publish a port, add privileges or mount the host
   * (https://docs.docker.com/reference/compose-file/services/).
   */
  compose: composeExtrasSchema.prefault({}),
  kubernetes: kubernetesServiceSchema.prefault({}),
});

/** A user-tunable value, set in `stack.yaml` under `overrides.<id>`. */
export const settingSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('integer'),
    description: singleLineText,
    default: z.number().int(),
    minimum: z.number().int().optional(),
    maximum: z.number().int().optional(),
  }),
  z.strictObject({
    type: z.literal('string'),
    description: singleLineText,
    default: singleLineText,
    enum: z.array(singleLineText).optional(),
    /** Matched by RE2 against the whole value (model/settingPattern.ts). */
    pattern: z
      .string()
      .max(500)
      .superRefine((pattern, ctx) => {
        const problem = settingPatternProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('boolean'),
    description: singleLineText,
    default: z.boolean(),
  }),
]);

/** A scalar, or a document the provider's job receives as JSON (an access policy). */
const requestValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.record(z.string(), z.unknown()),
]);

/** Something the component cannot run without. */
export const requirementSchema = z
  .strictObject({
    /** A capability some component provides… */
    capability: capabilityName.optional(),
    /** …or one exact component (exporters, sidecars). */
    component: dnsLabel.optional(),
    /** The component the resolver adds when no selected one provides it. */
    default: dnsLabel.optional(),
    /** Only required while some component in the plan provides this. */
    when: capabilityName.optional(),
    /** Values for the provider's per-consumer job (database, bucket, user). */
    request: z.record(z.string(), requestValue).optional(),
    /** Start only after the provider is healthy (compose depends_on, helmfile needs). */
    wait: z.boolean().default(true),
    /** The provider must be on the same product version (e.g. Kibana and Elasticsearch). */
    matchVersion: z.boolean().default(false),
  })
  .refine(r => Boolean(r.capability) !== Boolean(r.component), {
    message: 'give exactly one of capability or component',
  });

/** Something the component takes from every provider in the plan, if any. */
export const usageSchema = z.strictObject({
  capability: capabilityName,
  /** Pass the secrets the providers list in `secrets` as environment. */
  passSecrets: z.boolean().default(false),
  wait: z.boolean().default(false),
});

/** A per-consumer one-shot job the provider runs (create a database, a bucket). */
export const consumerJobSchema = z.strictObject({
  /** The job is named `<consumer>-<name>`. */
  name: dnsLabel,
  service: serviceSchema,
});

export const provisionSchema = z.strictObject({
  /** Data handed to consumers as `uses.<capability>.*` / `provider.*`. */
  data: z.record(z.string(), z.unknown()).default({}),
  consumerJob: consumerJobSchema.optional(),
});

/** One status-card metric: PromQL over the component's scrape job. */
export const cardMetricSchema = z.strictObject({
  title: singleLineText,
  query: z.string().min(1),
  unit: z
    .enum(['count', 'bytes', 'seconds', 'percent', 'ratio', 'per-second'])
    .default('count'),
});

export const metricsSchema = z
  .strictObject({
    /** The services that serve the metrics, each on `port`; the primary one by default. */
    services: z.array(dnsLabel).min(1).optional(),
    port: z.string().optional(),
    path: z.string().startsWith('/').default('/metrics'),
    /** A companion component that serves this component's metrics. */
    exporter: dnsLabel.optional(),
    /** Extra Prometheus scrape settings (basic_auth, params, scheme). */
    scrape: z.record(z.string(), z.unknown()).default({}),
    card: z.array(cardMetricSchema).max(4).default([]),
  })
  .refine(m => Boolean(m.port) !== Boolean(m.exporter), {
    message: 'give exactly one of port (native metrics) or exporter',
  });

/** A config file the stack gets, built by one of the config renderers. */
export const configSchema = z
  .object({ renderer: z.string().regex(/^[a-z][a-z0-9-]*$/) })
  .catchall(z.unknown());

export const linkSchema = z.strictObject({
  title: singleLineText,
  /** The service whose port serves the link; the primary one by default. */
  service: dnsLabel.optional(),
  port: z.string(),
  path: z.string().startsWith('/').default('/'),
  /** NiFi's UI is HTTPS only. */
  scheme: z.enum(['http', 'https']).default('http'),
  icon: z.string().optional(),
});

/** An API entity of the catalog, e.g. Trino's SQL or Prometheus' HTTP API. */
export const apiSchema = z.strictObject({
  /** The entity is named `<stack>-<component>-<name>`. */
  name: dnsLabel,
  title: singleLineText.min(1),
  description: singleLineText.min(1),
  /** The catalog's API type: openapi, graphql, grpc, or the protocol's own name (sql). */
  type: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The definition: text, or an object written as YAML (an OpenAPI document). */
  definition: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  /** Components that require or use this capability of the provider consume the API. */
  capability: capabilityName.optional(),
});

/** A service's port, as the portal's backend reaches it. */
const servicePortSchema = z.strictObject({
  /** The primary service by default. */
  service: dnsLabel.optional(),
  port: z.string(),
});

/** What the portal's backend asks the component, beyond its health probe. */
export const portalSchema = z.strictObject({
  /** Answers the stack's status-card PromQL through the Prometheus HTTP API. */
  promql: servicePortSchema.optional(),
  /** Lists its SQL catalogs and their schemas through this client protocol. */
  sqlCatalogs: servicePortSchema
    .extend({ protocol: z.enum(['trino', 'presto']) })
    .optional(),
});

/** How a secret's random value is made: hex by default; a Fernet key is 32 bytes, URL-safe base64. */
export const SECRET_FORMATS = ['hex', 'fernet'] as const;

export const secretSchema = z.strictObject({
  name: envName,
  description: singleLineText,
  format: z.enum(SECRET_FORMATS).default('hex'),
});

export const componentDescriptorSchema = z.strictObject({
  apiVersion: z.literal(DATA_STACK_API_VERSION),
  kind: z.literal('DataStackComponent'),
  metadata: z.strictObject({
    id: dnsLabel,
    title: singleLineText.min(1),
    description: singleLineText.min(1),
    layer: z.enum(COMPONENT_LAYERS),
    /** Companions are added by the resolver and not offered as checkboxes. */
    companion: z.boolean().default(false),
    /** The product version the image ships. */
    version: singleLineText.min(1).max(64),
    /** An http(s) page: the catalog shows it as a link. */
    docs: z
      .string()
      .url()
      .regex(/^https?:\/\//, 'must be an http or https URL')
      .optional(),
  }),
  spec: z.strictObject({
    /** Room for YAML anchors several services merge (`<<: *common-env`); not read otherwise. */
    shared: z.record(z.string(), z.unknown()).optional(),
    /** The service that stands for the component (health, links, waits). */
    primary: dnsLabel.optional(),
    services: z
      .record(dnsLabel, serviceSchema)
      .refine(
        s => Object.keys(s).length > 0,
        'must define at least one service',
      ),
    secrets: z.array(secretSchema).default([]),
    settings: z
      .record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), settingSchema)
      .default({}),
    requires: z.array(requirementSchema).default([]),
    uses: z.array(usageSchema).default([]),
    provides: z.record(capabilityName, provisionSchema).default({}),
    conflicts: z.array(dnsLabel).default([]),
    metrics: metricsSchema.optional(),
    configs: z.array(configSchema).default([]),
    /** Files in `services/<id>/` copied into the stack as they are. */
    files: z.array(stackPath).default([]),
    links: z.array(linkSchema).default([]),
    portal: portalSchema.default({}),
    catalog: z.strictObject({
      kind: z.enum(['Component', 'Resource']),
      type: z.string().min(1),
      /** API entities the component provides; consumers of `capability` consume them. */
      apis: z.array(apiSchema).default([]),
    }),
  }),
});

export type ComponentDescriptor = z.output<typeof componentDescriptorSchema>;
export type ServiceDefinition = z.output<typeof serviceSchema>;
export type KubernetesService = z.output<typeof kubernetesServiceSchema>;
export type ServiceResources = z.output<typeof serviceResourcesSchema>;
export type PortDefinition = z.output<typeof portSchema>;
export type BuiltInProbe = z.output<typeof builtInProbeSchema>;
/** A probe of a type a backend module adds: `type`, `port` and its options. */
export type ExtensionProbe = z.output<typeof extensionProbeSchema>;
/**
 * A service's probe. Narrow with `isBuiltInProbe` before comparing `type`
 * with a built-in's: an extension probe's `type` is any other string.
 */
export type Probe = BuiltInProbe | ExtensionProbe;
/** The options of an extension probe: its fields but `type` and `port`. */
export type ProbeOptions = Omit<ExtensionProbe, 'type' | 'port'>;
export type PortalEndpoints = z.output<typeof portalSchema>;
export type ComposeHealthcheck = z.output<typeof composeHealthcheckSchema>;
export type Requirement = z.output<typeof requirementSchema>;
export type Usage = z.output<typeof usageSchema>;
export type Setting = z.output<typeof settingSchema>;
export type CardMetric = z.output<typeof cardMetricSchema>;
export type MetricsDefinition = z.output<typeof metricsSchema>;
export type ConfigDefinition = z.output<typeof configSchema>;
export type Secret = z.output<typeof secretSchema>;
export type Link = z.output<typeof linkSchema>;
export type CatalogApi = z.output<typeof apiSchema>;

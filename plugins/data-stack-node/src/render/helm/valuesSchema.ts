import { z } from 'zod';

/**
 * The values every component chart takes: the contract between the Helm
 * renderer (which fills them from the plan) and the `common` library chart
 * (which turns them into objects). Each chart's values.schema.json is
 * generated from this schema, so Helm rejects a mistyped override.
 */

const quantity = z.union([z.string(), z.number()]);
const resourceList = z.strictObject({ cpu: quantity, memory: z.string() });
const envVar = z.union([
  z.strictObject({ name: z.string(), value: z.string() }),
  z.strictObject({
    name: z.string(),
    valueFrom: z.strictObject({
      secretKeyRef: z.strictObject({ name: z.string(), key: z.string() }),
    }),
  }),
]);
/** A Kubernetes probe, as the pod spec takes it. */
const probe = z.record(z.string(), z.unknown());
const claim = z.strictObject({
  size: z.string().describe('Requested storage, e.g. 5Gi.'),
  accessModes: z.array(
    z.enum(['ReadWriteOnce', 'ReadWriteMany', 'ReadWriteOncePod']),
  ),
  storageClass: z
    .string()
    .describe("The cluster's default storage class when empty."),
});
const resources = z
  .strictObject({ requests: resourceList, limits: resourceList })
  .describe('Requests and limits from the size profile.');

export const initContainerSchema = z.strictObject({
  name: z.string(),
  image: z.string(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z.array(envVar).optional(),
  resources,
  securityContext: z.record(z.string(), z.unknown()).optional(),
  volumeMounts: z
    .array(z.strictObject({ name: z.string(), mountPath: z.string() }))
    .optional(),
});

export const serviceValuesSchema = z.strictObject({
  workload: z
    .enum(['StatefulSet', 'Deployment', 'Job'])
    .describe(
      'StatefulSet for a service with its own volumes, Deployment otherwise, Job for one-shot work (a pre-install/pre-upgrade hook).',
    ),
  replicas: z
    .number()
    .int()
    .min(0)
    .describe('Pods; more than one adds a PodDisruptionBudget.'),
  image: z.string().describe('Pinned image.'),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z
    .array(envVar)
    .describe('Environment; secrets come from Secrets by reference.'),
  ports: z.array(
    z.strictObject({
      name: z.string(),
      port: z.number().int(),
      protocol: z.enum(['TCP', 'UDP']),
    }),
  ),
  startupProbe: probe.optional(),
  readinessProbe: probe.optional(),
  livenessProbe: probe.optional(),
  resources,
  securityContext: z
    .strictObject({
      runAsUser: z.number().int(),
      runAsGroup: z.number().int(),
      fsGroup: z.number().int(),
    })
    .optional()
    .describe('The non-root user the image runs as; enforces runAsNonRoot.'),
  volumeClaims: z
    .array(claim.extend({ name: z.string(), mountPath: z.string() }))
    .describe('Per-pod volumes (volumeClaimTemplates).'),
  sharedVolumes: z.array(
    z.strictObject({ claim: z.string(), mountPath: z.string() }),
  ),
  scratchVolumes: z.array(
    z.strictObject({ name: z.string(), mountPath: z.string() }),
  ),
  configMounts: z.array(
    z.strictObject({
      configMap: z.string(),
      mountPath: z.string(),
      subPath: z.string().optional(),
    }),
  ),
  configVolumes: z.array(z.string()),
  initContainers: z.array(initContainerSchema),
  podLabels: z
    .record(z.string(), z.string())
    .default({})
    .describe('Extra labels of the pods (which shared volumes they mount).'),
  affinity: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'Pod affinity: pods sharing a ReadWriteOnce volume are scheduled on one node.',
    ),
  hookWeight: z.number().int().optional(),
  backoffLimit: z.number().int().optional(),
});

export const releaseValuesSchema = z.strictObject({
  stack: z
    .string()
    .describe('The stack this release belongs to (app.kubernetes.io/part-of).'),
  component: z.string().describe('The component id.'),
  kubernetesId: z
    .string()
    .describe(
      "Value of the backstage.io/kubernetes-id label the catalog entity's annotation selects.",
    ),
  imagePullPolicy: z.enum(['IfNotPresent', 'Always', 'Never']),
  secret: z.strictObject({
    name: z.string().describe('The Secret this release generates.'),
    existingSecret: z
      .string()
      .describe('Use this Secret (same keys) instead of generating one.'),
    keys: z.array(z.string()).describe('Keys of the Secret.'),
    fernetKeys: z
      .array(z.string())
      .default([])
      .describe('Keys generated as Fernet keys (32 bytes, URL-safe base64).'),
  }),
  configMaps: z
    .record(z.string(), z.record(z.string(), z.string()))
    .describe('Config files by ConfigMap, as the config renderers wrote them.'),
  persistentVolumeClaims: z
    .record(z.string(), claim)
    .describe('Volumes several services of the component share.'),
  serviceMonitor: z.strictObject({
    enabled: z
      .boolean()
      .describe('Render Prometheus Operator ServiceMonitors.'),
    interval: z.string(),
    labels: z.record(z.string(), z.string()),
    endpoints: z.array(
      z.strictObject({
        service: z.string(),
        port: z.string(),
        path: z.string(),
        job: z.string(),
      }),
    ),
  }),
  services: z.record(z.string(), serviceValuesSchema),
  /** Helm adds these for the library dependency and for global values. */
  common: z.record(z.string(), z.unknown()).optional(),
  global: z.record(z.string(), z.unknown()).optional(),
});

export type ReleaseValues = z.output<typeof releaseValuesSchema>;
export type ServiceValues = z.output<typeof serviceValuesSchema>;
export type InitContainerValues = z.output<typeof initContainerSchema>;

let jsonSchema: Record<string, unknown> | undefined;

/** values.schema.json of every chart (the same for all, so built once). */
export function valuesJsonSchema(): Record<string, unknown> {
  jsonSchema ??= z.toJSONSchema(releaseValuesSchema, { target: 'draft-7' });
  return jsonSchema;
}

import { z } from 'zod';
import { DATA_STACK_API_VERSION, dnsLabel } from './names';
import { singleLineText } from './text';

/** The outputs every renderer knows; backend modules may add more. */
export const STACK_TARGETS = [
  'compose',
  'helm',
  'helmfile',
  'catalog',
] as const;
export type BuiltInTarget = (typeof STACK_TARGETS)[number];
/**
 * An output target's name: a built-in one, or one a backend module adds
 * (the renderer that renders the stack knows which; see docs/extending.md).
 */
export type StackTarget = BuiltInTarget | (string & {});

const entityRef = z
  .string()
  .regex(
    /^(group|user):([a-z0-9][-a-z0-9_.]*\/)?[a-zA-Z0-9][-a-zA-Z0-9_.]*$/,
    'must be a user or group entity reference like group:default/data-platform',
  );

/** How the Helm and helmfile targets deploy the stack. */
export const kubernetesSchema = z.strictObject({
  /** The stack's name by default. */
  namespace: dnsLabel.optional(),
  /** For every PersistentVolumeClaim; the cluster's default class when left out. */
  storageClass: dnsLabel.optional(),
  /** Access mode of volumes several pods share (Airflow's DAGs); ReadWriteMany lets them run on any node. */
  sharedVolumeAccessMode: z
    .enum(['ReadWriteOnce', 'ReadWriteMany'])
    .default('ReadWriteOnce'),
  /** Per component, a Secret you manage that holds its keys; the chart then generates none. */
  existingSecrets: z.record(dnsLabel, dnsLabel).default({}),
  /** Install the charts from this repository instead of vendoring them into the stack. */
  chartRepository: z
    .strictObject({
      url: z
        .string()
        .regex(
          /^(https:\/\/|oci:\/\/)[^\s]+$/,
          'must be an https:// or oci:// chart repository URL',
        ),
      version: z
        .string()
        .regex(
          /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/,
          'must be a chart version like 0.1.0',
        ),
    })
    .optional(),
  /** Render Prometheus Operator ServiceMonitors for every metrics endpoint. */
  serviceMonitors: z.boolean().default(false),
});

/** More than any library holds; a longer list is a mistake or an attack. */
export const MAX_COMPONENTS = 100;

/** The schema of `stack.yaml`, the user's choice (docs/stacks.md). */
export const dataStackSchema = z.strictObject({
  apiVersion: z.literal(DATA_STACK_API_VERSION),
  kind: z.literal('DataStack'),
  metadata: z.strictObject({
    name: dnsLabel,
    description: singleLineText.max(500).optional(),
    owner: entityRef.optional(),
  }),
  spec: z.strictObject({
    profile: dnsLabel.default('dev'),
    components: z
      .array(dnsLabel)
      .min(1, 'must name at least one component')
      .max(MAX_COMPONENTS, `must name at most ${MAX_COMPONENTS} components`),
    targets: z
      .array(dnsLabel)
      .min(1)
      .refine(
        targets => new Set(targets).size === targets.length,
        'must name each target once',
      )
      .default([...STACK_TARGETS]),
    kubernetes: kubernetesSchema.prefault({}),
    overrides: z
      .record(
        dnsLabel,
        z.record(
          z.string(),
          z.union([singleLineText.max(1000), z.number(), z.boolean()]),
        ),
      )
      .default({}),
  }),
});

export type DataStack = z.output<typeof dataStackSchema>;
export type KubernetesSettings = z.output<typeof kubernetesSchema>;
/** What a user writes: defaults may be left out. */
export type DataStackInput = z.input<typeof dataStackSchema>;

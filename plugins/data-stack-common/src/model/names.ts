import { z } from 'zod';

/** The API version of `stack.yaml` and `component.yaml`; keep it stable. */
export const DATA_STACK_API_VERSION = 'datastack.backstage.io/v1alpha1';

/** The component ids of the product brief; the library may add more. */
export const CORE_COMPONENT_IDS = [
  'mysql',
  'postgresql',
  'delta-lake',
  'clickhouse',
  'druid',
  'nifi',
  'airflow',
  'presto',
  'trino',
  'prometheus',
  'grafana',
  'elasticsearch',
  'logstash',
  'kibana',
] as const;

/** A DNS-1123 label: stack names, component ids and service names. */
export const dnsLabel = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

/** An environment variable name, as secrets are named in `.env`. */
export const envName = z
  .string()
  .regex(
    /^[A-Z][A-Z0-9_]*$/,
    'must be an upper-case environment variable name',
  );

/** A capability offered by one component and required or used by others. */
export const capabilityName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lower-case capability name');

/** A relative path inside a rendered stack; never absolute, never `..`. */
export const stackPath = z
  .string()
  .min(1)
  .refine(
    p =>
      !p.startsWith('/') &&
      !p.includes('\\') &&
      p.split('/').every(part => part !== '..' && part !== '.' && part !== ''),
    'must be a relative path inside the stack without ".." segments',
  );

/**
 * A pinned image: a tag that is not `latest` (or a digest). Rendered stacks
 * must not float: the same stack.yaml renders the same images tomorrow.
 */
export const pinnedImage = z
  .string()
  .regex(
    /^[a-z0-9]+([._\-/][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9._-]+)*(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/,
    'must name an image with an explicit tag or digest',
  )
  .refine(image => !/:latest$/.test(image), 'must not use the "latest" tag');

/**
 * The value of the `backstage.io/kubernetes-id` label on everything a
 * component's chart renders, and of the annotation on its catalog entity:
 * one place, so the Kubernetes tab always finds the pods.
 */
export function kubernetesId(stack: string, component: string): string {
  return `${stack}-${component}`;
}

import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import { checkKubernetesSchema } from './kubernetesSchemas';

/** The label the catalog's Kubernetes annotation selects. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** Passwords images and charts ship with; none may reach a Secret. */
const DEFAULT_PASSWORDS = new Set([
  '',
  'admin',
  'changeme',
  'changeit',
  'password',
  'postgres',
  'root',
  'secret',
  'minioadmin',
  'elastic',
  'airflow',
  'default',
]);
const MIN_SECRET_LENGTH = 16;

export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Container {
  name: string;
  resources?: {
    requests?: Record<string, unknown>;
    limits?: Record<string, unknown>;
  };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  startupProbe?: unknown;
}

/**
 * Every check of docs/kubernetes.md ("Validation") on the objects one
 * release renders: the Kubernetes schema; the catalog's selector label on
 * every object and pod template; requests, limits and a probe on every
 * container (jobs run to completion, so they need no probe); no default
 * password in a Secret.
 */
export function checkManifests(
  objects: KubernetesObject[],
  expectedId: string,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const object of objects) {
    const name = `${object.kind}/${object.metadata?.name}`;
    const at = (message: string) =>
      problems.push({ file, path: name, message });
    problems.push(...checkKubernetesSchema(object, { file, path: name }));
    if (object.metadata?.labels?.[KUBERNETES_ID_LABEL] !== expectedId)
      at(`is not labelled ${KUBERNETES_ID_LABEL}: ${expectedId}`);

    const pod = object.spec?.template;
    if (pod) {
      if (pod.metadata?.labels?.[KUBERNETES_ID_LABEL] !== expectedId)
        at(
          `pod template is not labelled ${KUBERNETES_ID_LABEL}: ${expectedId}, so the Kubernetes tab misses its pods`,
        );
      const isJob = object.kind === 'Job';
      const containers: Container[] = [
        ...(pod.spec?.initContainers ?? []),
        ...(pod.spec?.containers ?? []),
      ];
      for (const c of containers) {
        for (const part of ['requests', 'limits'] as const)
          for (const resource of ['cpu', 'memory'])
            if (c.resources?.[part]?.[resource] === undefined)
              at(`container ${c.name} has no ${resource} ${part}`);
      }
      if (!isJob)
        for (const c of (pod.spec?.containers ?? []) as Container[])
          if (!c.readinessProbe && !c.livenessProbe && !c.startupProbe)
            at(`container ${c.name} has no probe`);
    }

    if (object.kind === 'Secret') {
      if (object.stringData)
        at(
          'carries stringData; secrets are generated or taken from existingSecret',
        );
      for (const [key, value] of Object.entries(object.data ?? {})) {
        const plain = Buffer.from(value, 'base64').toString('utf8');
        if (
          DEFAULT_PASSWORDS.has(plain.toLowerCase()) ||
          plain.length < MIN_SECRET_LENGTH
        )
          at(
            `key ${key} holds a default or short value; it must be generated (${MIN_SECRET_LENGTH}+ random characters) or come from existingSecret`,
          );
      }
    }
  }
  return problems;
}

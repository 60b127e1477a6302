import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import path from 'node:path';

/**
 * Validation against the Kubernetes OpenAPI schemas that `kubernetes-models`
 * compiles. The packages publish ES modules under an "import"-only export
 * map, which require() cannot resolve by name, so each model file is loaded
 * by path through Node's own require (Node 22 loads ES modules
 * synchronously); `process.getBuiltinModule` reaches it even under Jest,
 * whose module registry would otherwise intercept the load.
 */

export interface Model {
  validate(): void;
}
export type ModelClass = new (data: unknown) => Model;

const MODELS: Record<string, [pkg: string, file: string, name: string]> = {
  'v1/ConfigMap': ['kubernetes-models', 'v1/ConfigMap.js', 'ConfigMap'],
  'v1/Secret': ['kubernetes-models', 'v1/Secret.js', 'Secret'],
  'v1/Service': ['kubernetes-models', 'v1/Service.js', 'Service'],
  'v1/PersistentVolumeClaim': [
    'kubernetes-models',
    'v1/PersistentVolumeClaim.js',
    'PersistentVolumeClaim',
  ],
  'apps/v1/Deployment': [
    'kubernetes-models',
    'apps/v1/Deployment.js',
    'Deployment',
  ],
  'apps/v1/StatefulSet': [
    'kubernetes-models',
    'apps/v1/StatefulSet.js',
    'StatefulSet',
  ],
  'batch/v1/Job': ['kubernetes-models', 'batch/v1/Job.js', 'Job'],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models',
    'policy/v1/PodDisruptionBudget.js',
    'PodDisruptionBudget',
  ],
  'monitoring.coreos.com/v1/ServiceMonitor': [
    '@kubernetes-models/prometheus-operator',
    'monitoring.coreos.com/v1/ServiceMonitor.js',
    'ServiceMonitor',
  ],
};

const loaded = new Map<string, ModelClass>();

/**
 * One model class of a kubernetes-models package (`kubernetes-models`,
 * `@kubernetes-models/<crd>`), loaded as the comment above says; a module
 * that renders another CRD's objects validates them with it.
 */
export function kubernetesModel(
  pkg: string,
  file: string,
  name: string,
): ModelClass {
  const { createRequire } = process.getBuiltinModule(
    'node:module',
  ) as typeof import('node:module');
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const nodeRequire = createRequire(path.join(root, 'package.json'));
  return nodeRequire(path.join(root, file))[name];
}

function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  const entry = MODELS[key];
  if (!entry) return undefined;
  if (!loaded.has(key)) loaded.set(key, kubernetesModel(...entry));
  return loaded.get(key);
}

/** Problems of one rendered object against its Kubernetes schema. */
export function checkKubernetesSchema(
  object: { apiVersion?: string; kind?: string; metadata?: { name?: string } },
  where: { file?: string; path: string },
): Problem[] {
  const Model = modelFor(String(object.apiVersion), String(object.kind));
  const name = `${object.kind}/${object.metadata?.name}`;
  if (!Model)
    return [
      {
        ...where,
        message: `${name}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`,
      },
    ];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [
      {
        ...where,
        message: `${name} does not match the Kubernetes schema: ${
          (error as Error).message
        }`,
      },
    ];
  }
}

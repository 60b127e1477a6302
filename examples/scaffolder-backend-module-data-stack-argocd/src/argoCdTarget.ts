import {
  DataStackError,
  Problem,
  dnsLabel,
  kubernetesId,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  CHARTS_DIR,
  GENERATED_HEADER,
  OutputTarget,
  RenderedFile,
  stringifyYaml,
  valuesFile,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';

export interface ArgoCdOptions {
  /** Forge URL the stack repositories live under, e.g. `https://github.com/acme`. */
  repositoryBase: string;
  /** Argo CD project of the Applications; `default` unless set. */
  project?: string;
  /** Namespace Argo CD reads Applications from; `argocd` unless set. */
  namespace?: string;
  /** Branch or tag Argo CD syncs; `main`, where the templates commit. */
  targetRevision?: string;
}

export const ARGOCD_DIR = 'argocd';

/**
 * What is wrong with the options. They reach every Application and the
 * `kubectl apply -n` line of each file's header, so none may carry a line
 * break or a shell word of its own.
 */
function optionProblems(options: ArgoCdOptions): Problem[] {
  const problems: Problem[] = [];
  const problem = (key: keyof ArgoCdOptions, message: string) =>
    problems.push({ path: `dataStackArgoCd.${key}`, message });
  if (!/^https?:\/\/[^\s"'`$\\]+$/.test(options.repositoryBase))
    problem('repositoryBase', 'must be an http(s) URL');
  for (const key of ['project', 'namespace'] as const) {
    const value = options[key];
    if (value !== undefined && !dnsLabel.safeParse(value).success)
      problem(key, 'must be a DNS label such as argocd');
  }
  // A branch or tag: git check-ref-format refuses whitespace and these.
  const revision = options.targetRevision;
  if (revision !== undefined && !/^[^\s~^:?*[\\"'`$;&|<>()]+$/.test(revision))
    problem('targetRevision', 'must be a branch or tag name');
  return problems;
}

/**
 * The `argocd` output target: one Argo CD Application per component
 * release, `argocd/<id>.yaml`, syncing the chart the helm target vendors
 * with the values file helmfile uses, so Argo CD deploys what
 * `helmfile apply` would. Fields follow the Application CRD
 * (https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications):
 *
 * - `helm.valueFiles` is relative to the chart's directory and may leave it
 *   within the same repository
 *   (https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#values-files);
 * - `helm.releaseName` is the helmfile release name, so the pods carry the
 *   labels the catalog's Kubernetes annotations select;
 * - the sync wave is the release's place in start-up order; Argo CD orders
 *   Applications by wave only as the children of one parent Application
 *   (an app of apps)
 *   (https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/).
 *
 * It reads the plan only, so it needs the helm target beside it for the
 * charts and values files; with a chart repository the charts come from
 * there and the values from the stack repository.
 */
export function argoCdTarget(options: ArgoCdOptions): OutputTarget {
  const problems = optionProblems(options);
  if (problems.length) throw new DataStackError(problems);
  const base = options.repositoryBase.replace(/\/+$/, '');
  return {
    id: 'argocd',
    description:
      'one Argo CD Application per component release, with sync waves in start-up order',
    render({ plan }): RenderedFile[] {
      const repoURL = `${base}/${plan.stack.name}.git`;
      const { namespace, chartRepository } = plan.stack.kubernetes;
      return plan.components.map((c, wave) => {
        const revision = options.targetRevision ?? 'main';
        const helm = (valueFile: string) => ({
          releaseName: c.id,
          valueFiles: [valueFile],
        });
        // A chart from a chart repository reads the values from the stack
        // repository as a second source (Argo CD 2.6+, user-guide/multiple_sources).
        const sources = chartRepository
          ? {
              sources: [
                {
                  repoURL: chartRepository.url.replace(/^oci:\/\//, ''),
                  chart: c.id,
                  targetRevision: chartRepository.version,
                  helm: helm(`$values/${valuesFile(c.id)}`),
                },
                { repoURL, targetRevision: revision, ref: 'values' },
              ],
            }
          : {
              source: {
                repoURL,
                targetRevision: revision,
                path: `${CHARTS_DIR}/${c.id}`,
                helm: helm(
                  path.posix.relative(
                    `${CHARTS_DIR}/${c.id}`,
                    valuesFile(c.id),
                  ),
                ),
              },
            };
        const application = {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {
            name: kubernetesId(plan.stack.name, c.id),
            namespace: options.namespace ?? 'argocd',
            annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
          },
          spec: {
            project: options.project ?? 'default',
            ...sources,
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace,
            },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['CreateNamespace=true'],
            },
          },
        };
        return {
          path: `${ARGOCD_DIR}/${c.id}.yaml`,
          content: stringifyYaml(application, {
            header: `${c.title} of the ${plan.stack.name} stack, for Argo CD: kubectl apply -n ${application.metadata.namespace} -f ${ARGOCD_DIR}/\n${GENERATED_HEADER}`,
          }),
        };
      });
    },
  };
}

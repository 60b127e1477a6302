/**
 * Validates rendered data stacks with the real parsers and tools: dclint,
 * Docker Compose, helm and helmfile, the Kubernetes schemas, promtool and the
 * catalog model; and renders `k8s-manifests/` with helm. Used by CI, the
 * `datastack` CLI, the tests and the portal's `datastack:stack:validate`
 * action.
 *
 * @packageDocumentation
 */

export { lintComposeFiles } from './validate/lintCompose';
export { checkComposeModel } from './validate/checkComposeModel';
export {
  validateStack,
  validateStackDir,
  validateComposeDir,
  composeFilesIn,
  targetsIn,
} from './validate/validateStack';
export type {
  StackValidation,
  StackValidationOptions,
} from './validate/validateStack';
export {
  STACK_TOOLS,
  toolAvailable,
  toolBinary,
  runTool,
} from './validate/stackTools';
export type { StackTool, ToolResult } from './validate/stackTools';
export { composeConfig, loadComposeWithDocker } from './validate/loadCompose';
export type { ComposeService } from './validate/loadCompose';
export { runHelmfile } from './validate/runHelmfile';
export {
  checkPrometheusConfigs,
  prometheusConfigsOf,
} from './validate/checkPrometheusConfig';
export {
  validateHelmDir,
  checkHelmDir,
  chartsIn,
} from './validate/validateHelm';
export type {
  ValidationChecks,
  HelmCheck,
  HelmCheckOptions,
} from './validate/validateHelm';
export { checkHelmfile } from './validate/checkHelmfile';
export { checkManifests, KUBERNETES_ID_LABEL } from './validate/checkManifests';
export type { KubernetesObject } from './validate/checkManifests';
export {
  checkKubernetesSchema,
  kubernetesModel,
} from './validate/kubernetesSchemas';
export type { ModelClass } from './validate/kubernetesSchemas';
export {
  helmBinary,
  runHelm,
  templateRelease,
  templateStackRelease,
  stageChart,
  inPool,
} from './helm/helmCli';
export { renderManifests, MANIFESTS_DIR } from './helm/renderManifests';
export { checkCatalogFile } from './validate/checkCatalog';

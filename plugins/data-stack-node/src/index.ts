/**
 * Loads the component library, renders data stacks (Docker Compose, config
 * files, secrets, Helm values, charts and helmfile) and validates them. Shared by the scaffolder actions, the
 * `datastack` CLI and the tests.
 *
 * @packageDocumentation
 */

export * from './yaml';
export { readInputFile, MAX_INPUT_BYTES } from './read/readInputFile';
export * from './library/loadLibrary';
export { libraryFromConfig } from './library/libraryFromConfig';
export * from './render/files';
export * from './render/compose';
export * from './render/secrets';
export * from './render/renderStack';
export { configRenderers } from './render/configs/renderers';
export type {
  ConfigRenderer,
  ConfigRenderContext,
} from './render/configs/renderers';
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
export { checkKubernetesSchema } from './validate/kubernetesSchemas';
export {
  helmBinary,
  runHelm,
  templateRelease,
  templateStackRelease,
  stageChart,
  inPool,
} from './helm/helmCli';
export { renderManifests, MANIFESTS_DIR } from './helm/renderManifests';
export {
  renderHelmTarget,
  renderHelmfileTarget,
  renderValuesFiles,
  renderCharts,
  renderReleaseValues,
} from './render/helm/renderHelm';
export { renderCatalog, catalogEntities, CATALOG_FILE } from './render/catalog';
export { renderStackDocs } from './render/stackDocs';
export { checkCatalogFile } from './validate/checkCatalog';
export { renderHelmfile, HELMFILE, valuesFile } from './render/helm/helmfile';
export { CHART_VERSION, CHARTS_DIR } from './render/helm/chart';
export {
  releaseValuesSchema,
  valuesJsonSchema,
} from './render/helm/valuesSchema';
export type { ReleaseValues } from './render/helm/valuesSchema';
export { writeStackFiles, diffStackFiles } from './write/writeStack';
export type { StackDrift } from './write/writeStack';
export {
  planStackFile,
  readStackFile,
  MAX_STACK_FILE_BYTES,
  STACK_FILE,
} from './stackFile';
export { describePlan, planSummary } from './describePlan';
export { listFiles } from './listFiles';
export {
  DEFAULT_BRANCH,
  changedFiles,
  checkoutInto,
  commitToNewBranch,
  createLocalRepository,
  deleteBranch,
  diffStat,
  filePatch,
  mergeBranch,
  proposedBranches,
  readFileAt,
  repositoryExists,
} from './repository/localRepository';
export type {
  CommitAuthor,
  FileChange,
  FileDiff,
} from './repository/localRepository';
export {
  DOWNLOAD_ID,
  DOWNLOAD_TTL_MS,
  FORGE_TYPES,
  LOCAL_STACKS_TOPIC,
  downloadsDirectory,
  localStacksDirectory,
  publishTargets,
} from './repository/publishTargets';
export type { PublishTarget } from './repository/publishTargets';
export { stackRepositoryOf } from './repository/stackRepository';
export type { StackRepository } from './repository/stackRepository';
export { readRepositoryStackFile } from './repository/repositoryStackFile';
export { stackSpecFromChoice } from './stackChoice';
export type { StackChoice } from './stackChoice';

/**
 * Loads the component library and renders data stacks (Docker Compose,
 * config files, secrets, Helm values, charts and helmfile). Shared by the
 * scaffolder actions, the data stack backend, the `datastack` CLI and the
 * tests. The validators, which run the real parsers and tools, are in
 * data-stack-validate so the portal backend does not depend on them.
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
export { OutputTargets } from './render/outputTargets';
export { dataStackOutputTargetsExtensionPoint } from './extensions/outputTargetsExtensionPoint';
export type { DataStackOutputTargetsExtensionPoint } from './extensions/outputTargetsExtensionPoint';
export type { OutputTarget } from './render/outputTargets';
export {
  builtInTargets,
  composeTarget,
  helmTarget,
  helmfileTarget,
  catalogTarget,
} from './render/builtInTargets';
export {
  renderInput,
  renderConfigs,
  copyComponentFiles,
} from './render/renderInput';
export type { RenderInput, PlanFiles } from './render/renderInput';
export { configRenderers } from './render/configs/renderers';
export type {
  ConfigRenderer,
  ConfigRenderContext,
} from './render/configs/renderers';
export { unsafeServiceProblems } from './render/composeSafety';
export {
  renderHelmTarget,
  renderHelmfileTarget,
  renderValuesFiles,
  renderCharts,
  renderReleaseValues,
} from './render/helm/renderHelm';
export { renderCatalog, catalogEntities, CATALOG_FILE } from './render/catalog';
export { renderStackDocs } from './render/stackDocs';
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
export {
  createProbeType,
  dataStackProbeTypesExtensionPoint,
} from './extensions/probeTypesExtensionPoint';
export type {
  DataStackProbeTypesExtensionPoint,
  ProbeContext,
  ProbeEndpoint,
  ProbeOptionsSchema,
  ProbeOptionsValidation,
  ProbeResult,
  ProbeType,
} from './extensions/probeTypesExtensionPoint';

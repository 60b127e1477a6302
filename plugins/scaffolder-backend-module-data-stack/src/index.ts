/**
 * Scaffolder actions that resolve a data stack and render its Docker
 * Compose, Helm, helmfile and catalog files with the shared renderers.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataStack as default } from './module';
export { createStackResolveAction } from './actions/stackResolve';
export { createComposeRenderAction } from './actions/composeRender';
export { createHelmRenderAction } from './actions/helmRender';
export { createHelmfileRenderAction } from './actions/helmfileRender';
export { createCatalogRenderAction } from './actions/catalogRender';
export { createStackValidateAction } from './actions/stackValidate';
export { createStackFetchAction } from './actions/stackFetch';
export { createPublishLocalAction } from './actions/publishLocal';
export { createPublishLocalBranchAction } from './actions/publishLocalBranch';
export { createStackArchiveAction } from './actions/stackArchive';

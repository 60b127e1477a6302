/**
 * Example of a platform team's own module: an Argo CD output target added
 * to Create data stack through `dataStackOutputTargetsExtensionPoint`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataStackArgoCd as default } from './module';
export { argoCdTarget, ARGOCD_DIR } from './argoCdTarget';
export type { ArgoCdOptions } from './argoCdTarget';

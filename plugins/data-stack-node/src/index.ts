/**
 * Loads the component library, renders data stacks (Docker Compose, config
 * files, secrets) and validates them. Shared by the scaffolder actions, the
 * `datastack` CLI and the tests.
 *
 * @packageDocumentation
 */

export * from './yaml';
export * from './library/loadLibrary';
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
export { validateStackDir, composeFilesIn } from './validate/validateStack';
export {
  writeStackFiles,
  diffStackFiles,
  ensureGitignored,
} from './write/writeStack';
export type { StackDrift } from './write/writeStack';
export { planStackFile, STACK_FILE } from './stackFile';

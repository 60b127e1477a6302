/**
 * Test utilities of the data stack engine: the generated corpus of hostile
 * input every package that takes user input runs, the stack System
 * entities the repository tests share, and the fixtures that render a stack
 * from the shipped library into a temporary directory (also used by
 * data-stack-validate's tests).
 *
 * @packageDocumentation
 */
export * from './hostileInput';
export { stackMemberEntity, stackSystemEntity } from './stackSystem';
export {
  repositoryRoot,
  renderInto,
  shippedLibrary,
  stackSpec,
  withTemporaryDir,
  withTemporaryDirAsync,
} from '../testing/stackFixtures';

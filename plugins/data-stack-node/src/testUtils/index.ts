/**
 * Test utilities of the data stack engine: the generated corpus of hostile
 * input every package that takes user input runs, and the stack System
 * entities the repository tests share.
 *
 * @packageDocumentation
 */
export * from './hostileInput';
export { stackSystemEntity } from './stackSystem';

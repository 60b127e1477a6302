/**
 * Test utilities of the data stack engine: the generated corpus of hostile
 * input every package that takes user input runs.
 *
 * @packageDocumentation
 */
export * from './hostileInput';

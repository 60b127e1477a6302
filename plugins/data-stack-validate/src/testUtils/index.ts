/**
 * Test utilities of the data stack validators, for the tests of this
 * package that look at what helm renders.
 *
 * @packageDocumentation
 */
export { renderedObjects } from './renderedObjects';

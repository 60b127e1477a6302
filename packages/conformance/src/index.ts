/**
 * The conformance suite's helpers: a stack rendered by `datastack render`,
 * loaded as Docker Compose loads it, and its services run as native
 * processes. The suite itself is `yarn conformance` (`make conformance`).
 *
 * @packageDocumentation
 */
export * from './stack/renderedStack';
export * from './stack/runService';
export { hostsFile } from './stack/hostsFile';

/**
 * Catalog module that registers the stack repositories Create data stack
 * writes on this machine (`dataStack.publish.local`).
 *
 * @packageDocumentation
 */

export { catalogModuleDataStack as default } from './module';
export { LocalStacksEntityProvider } from './providers/LocalStacksEntityProvider';

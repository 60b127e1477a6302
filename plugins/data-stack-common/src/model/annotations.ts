/**
 * Catalog annotations of a rendered stack, read by the status backend and
 * the portal's tab and cards.
 */

/** On the stack's System and every entity of it: the stack name. */
export const STACK_ANNOTATION = 'datastack.backstage.io/stack';
/** On a component's entity: the component id in the library. */
export const COMPONENT_ANNOTATION = 'datastack.backstage.io/component';
/**
 * On the entity of a component whose descriptor lists SQL catalogs
 * (`spec.portal.sqlCatalogs`): the client protocol, `trino` or `presto`.
 * The portal shows the query-catalogs card where it is.
 */
export const QUERY_CATALOGS_ANNOTATION =
  'datastack.backstage.io/query-catalogs';
/** The Kubernetes plugin's namespace annotation; the status backend reads it too. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/**
 * Catalog annotations of a rendered stack, read by the status backend and
 * the portal's tab and cards.
 */

/** On the stack's System and every entity of it: the stack name. */
export const STACK_ANNOTATION = 'datastack.backstage.io/stack';
/** On a component's entity: the component id in the library. */
export const COMPONENT_ANNOTATION = 'datastack.backstage.io/component';
/** The Kubernetes plugin's namespace annotation; the status backend reads it too. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

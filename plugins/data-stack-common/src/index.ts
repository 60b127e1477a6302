/**
 * The data stack model: component descriptors, the stack spec, size
 * profiles, the resolver and the resource budget, and the requests and
 * answers of the data stack backend's routes. Isomorphic, no I/O.
 *
 * @packageDocumentation
 */

export * from './model/annotations';
export * from './model/layers';
export * from './model/names';
export * from './model/text';
export * from './model/quantity';
export * from './model/descriptor';
export * from './model/stackSpec';
export * from './model/profiles';
export * from './model/problems';
export * from './model/ownKeys';
export * from './model/library';
export * from './api/components';
export * from './api/metrics';
export * from './api/plan';
export * from './api/queryCatalogs';
export * from './api/repository';
export * from './api/stacks';
export * from './api/status';
export * from './resolver/plan';
export { resolveStack, parseDataStack } from './resolver/resolve';
export { computeBudget, budgetRows, formatTotals } from './resolver/budget';
export { orderByDependencies } from './resolver/order';
export { closest } from './resolver/suggest';
export { fillTemplate, valueAtPath } from './resolver/template';
export type { TemplateContext } from './resolver/template';
export { withDirectMemory, jvmMemoryOverflow } from './resolver/directMemory';
export type { PlannedResources } from './resolver/directMemory';
export * from './permissions/permissions';

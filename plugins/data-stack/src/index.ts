/**
 * The data stack frontend plugin: the plan preview of the Create data
 * stack form, the Data stack tab of a stack's System, and the status and
 * query-catalog cards. The new frontend system's plugin is in `./alpha`.
 *
 * @packageDocumentation
 */

export {
  dataStackPlugin,
  DataStackPlanFieldExtension,
  EntityDataStackContent,
  EntityDataStackComponentCard,
  EntityQueryCatalogsCard,
} from './plugin';
export {
  isDataStackSystem,
  isDataStackComponent,
  isQueryEngine,
} from './filters';
export { dataStackApiRef } from './api/DataStackApi';
export type {
  DataStackApi,
  StackChoice,
  StackPlanPreview,
} from './api/DataStackApi';
export { DataStackClient, DataStackResponseError } from './api/DataStackClient';
export { PlanPreviewField } from './components/PlanPreviewField';
export type { PlanPreviewOptions } from './components/PlanPreviewField';

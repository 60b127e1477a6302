/**
 * The data stack frontend plugin: the plan preview of the Create data
 * stack form. The new frontend system's plugin is in `./alpha`.
 *
 * @packageDocumentation
 */

export { dataStackPlugin, DataStackPlanFieldExtension } from './plugin';
export { dataStackApiRef } from './api/DataStackApi';
export type {
  DataStackApi,
  StackChoice,
  StackPlanPreview,
} from './api/DataStackApi';
export { DataStackClient } from './api/DataStackClient';
export { PlanPreviewField } from './components/PlanPreviewField';
export type { PlanPreviewOptions } from './components/PlanPreviewField';

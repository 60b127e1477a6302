/**
 * The data stack frontend plugin: the component and repository pickers
 * and the plan preview of the templates' forms, the change page of a stack
 * of this machine, the Data stack tab of a stack's System, and the status
 * and query-catalog cards. The new frontend system's plugin is in `./alpha`.
 *
 * @packageDocumentation
 */

export {
  dataStackPlugin,
  DataStackPlanFieldExtension,
  DataStackComponentPickerFieldExtension,
  DataStackRepositoryPickerFieldExtension,
  DataStackChangePage,
  DataStackLibraryPage,
  DataStacksPage,
  changeRouteRef,
  libraryRouteRef,
  stacksRouteRef,
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
export type { DataStackApi } from './api/DataStackApi';
export { DataStackClient, DataStackResponseError } from './api/DataStackClient';
export { PlanPreviewField } from './components/PlanPreviewField';
export type { PlanPreviewOptions } from './components/PlanPreviewField';
export { ComponentPickerField } from './components/ComponentPickerField';
export type { ComponentPickerOptions } from './components/ComponentPickerField';
export { RepositoryPickerField } from './components/RepositoryPickerField';
export type {
  RepositoryChoice,
  RepositoryPickerOptions,
} from './components/RepositoryPickerField';

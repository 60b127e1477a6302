export { PlanPreviewField, planPreviewValidation } from './PlanPreviewField';
export type { PlanPreviewOptions } from './PlanPreviewField';

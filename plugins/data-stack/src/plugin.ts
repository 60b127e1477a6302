import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { dataStackApiRef } from './api/DataStackApi';
import { DataStackClient } from './api/DataStackClient';
import {
  PlanPreviewField,
  planPreviewValidation,
} from './components/PlanPreviewField';

/** The plugin for apps on the legacy frontend system. */
export const dataStackPlugin = createPlugin({
  id: 'data-stack',
  apis: [
    createApiFactory({
      api: dataStackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DataStackClient(deps),
    }),
  ],
});

/** `ui:field: DataStackPlan`, for a legacy app's ScaffolderFieldExtensions. */
export const DataStackPlanFieldExtension = dataStackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataStackPlan',
    component: PlanPreviewField,
    validation: planPreviewValidation,
  }),
);

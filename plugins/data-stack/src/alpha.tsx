import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { dataStackApiRef } from './api/DataStackApi';
import { DataStackClient } from './api/DataStackClient';

const dataStackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataStackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DataStackClient(deps),
    }),
});

/** `ui:field: DataStackPlan` in the scaffolder's forms. */
const planField = FormFieldBlueprint.make({
  name: 'data-stack-plan',
  params: {
    field: () =>
      import('./components/PlanPreviewField').then(m =>
        createFormField({
          name: 'DataStackPlan',
          component: m.PlanPreviewField,
          validation: m.planPreviewValidation,
        }),
      ),
  },
});

/** The data stack plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'data-stack',
  extensions: [dataStackApi, planField],
});

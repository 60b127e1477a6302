import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { dataStackApiRef } from './api/DataStackApi';
import { DataStackClient } from './api/DataStackClient';
import {
  ComponentPickerField,
  componentPickerValidation,
} from './components/ComponentPickerField';
import {
  PlanPreviewField,
  planPreviewValidation,
} from './components/PlanPreviewField';
import {
  RepositoryPickerField,
  repositoryPickerValidation,
} from './components/RepositoryPickerField';

/** The change page's route, mounted at /data-stack/changes by the app. */
export const changeRouteRef = createRouteRef({ id: 'data-stack-change' });

/** The Data stacks page's route, mounted at /data-stacks by the app. */
export const stacksRouteRef = createRouteRef({ id: 'data-stack-stacks' });

/** The component library page's route, mounted at /data-stack/library by the app. */
export const libraryRouteRef = createRouteRef({ id: 'data-stack-library' });

/** The plugin for apps on the legacy frontend system. */
export const dataStackPlugin = createPlugin({
  id: 'data-stack',
  routes: {
    change: changeRouteRef,
    library: libraryRouteRef,
    stacks: stacksRouteRef,
  },
  apis: [
    createApiFactory({
      api: dataStackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DataStackClient(deps),
    }),
  ],
});

/**
 * The Data stack tab, for a legacy app's System page:
 * `<EntityLayout.Route path="/data-stack" title="Data stack" if={isDataStackSystem}>`.
 */
export const EntityDataStackContent = dataStackPlugin.provide(
  createComponentExtension({
    name: 'EntityDataStackContent',
    component: {
      lazy: () =>
        import('./components/DataStackContent').then(m => m.DataStackContent),
    },
  }),
);

/**
 * A component's own status and metrics card (`if={isDataStackComponent}`),
 * for the overview grid beside About: `<Grid item md={6}>` each for
 * `<EntityAboutCard />` and this card.
 */
export const EntityDataStackComponentCard = dataStackPlugin.provide(
  createComponentExtension({
    name: 'EntityDataStackComponentCard',
    component: {
      lazy: () =>
        import('./components/DataStackComponentCard').then(
          m => m.DataStackComponentCard,
        ),
    },
  }),
);

/** Trino's and Presto's catalogs (`if={isQueryEngine}`, or on the System). */
export const EntityQueryCatalogsCard = dataStackPlugin.provide(
  createComponentExtension({
    name: 'EntityQueryCatalogsCard',
    component: {
      lazy: () =>
        import('./components/QueryCatalogsCard').then(m => m.QueryCatalogsCard),
    },
  }),
);

/** `ui:field: DataStackPlan`, for a legacy app's ScaffolderFieldExtensions. */
export const DataStackPlanFieldExtension = dataStackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataStackPlan',
    component: PlanPreviewField,
    validation: planPreviewValidation,
  }),
);

/** `ui:field: DataStackComponentPicker`, for a legacy app's ScaffolderFieldExtensions. */
export const DataStackComponentPickerFieldExtension = dataStackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataStackComponentPicker',
    component: ComponentPickerField,
    validation: componentPickerValidation,
  }),
);

/** `ui:field: DataStackRepositoryPicker`, for a legacy app's ScaffolderFieldExtensions. */
export const DataStackRepositoryPickerFieldExtension = dataStackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'DataStackRepositoryPicker',
    component: RepositoryPickerField,
    validation: repositoryPickerValidation,
  }),
);

/**
 * The change page of a stack of this machine, for a legacy app:
 * `<Route path="/data-stack/changes" element={<DataStackChangePage />} />`.
 */
export const DataStackChangePage = dataStackPlugin.provide(
  createRoutableExtension({
    name: 'DataStackChangePage',
    component: () => import('./components/ChangePage').then(m => m.ChangePage),
    mountPoint: changeRouteRef,
  }),
);

/**
 * Every component of the library, where it comes from and which stacks use
 * it, for a legacy app:
 * `<Route path="/data-stack/library" element={<DataStackLibraryPage />} />`
 * and a `SidebarItem` to it.
 */
export const DataStackLibraryPage = dataStackPlugin.provide(
  createRoutableExtension({
    name: 'DataStackLibraryPage',
    component: () =>
      import('./components/ComponentLibraryPage').then(
        m => m.ComponentLibraryPage,
      ),
    mountPoint: libraryRouteRef,
  }),
);

/**
 * Every data stack with its health roll-up, filtered by owner and health,
 * for a legacy app: `<Route path="/data-stacks" element={<DataStacksPage />} />`
 * and a `SidebarItem` to it.
 */
export const DataStacksPage = dataStackPlugin.provide(
  createRoutableExtension({
    name: 'DataStacksPage',
    component: () =>
      import('./components/DataStacksPage').then(m => m.DataStacksPage),
    mountPoint: stacksRouteRef,
  }),
);

import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import LibraryIcon from '@material-ui/icons/LibraryBooks';
import StacksIcon from '@material-ui/icons/Storage';
import { dataStackApiRef } from './api/DataStackApi';
import { DataStackClient } from './api/DataStackClient';
import {
  isDataStackComponent,
  isDataStackSystem,
  isQueryEngine,
} from './filters';

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

/** `ui:field: DataStackComponentPicker`: the library's components, by layer. */
const componentPickerField = FormFieldBlueprint.make({
  name: 'data-stack-component-picker',
  params: {
    field: () =>
      import('./components/ComponentPickerField').then(m =>
        createFormField({
          name: 'DataStackComponentPicker',
          component: m.ComponentPickerField,
          validation: m.componentPickerValidation,
        }),
      ),
  },
});

/** `ui:field: DataStackRepositoryPicker`: where a new stack repository goes. */
const repositoryPickerField = FormFieldBlueprint.make({
  name: 'data-stack-repository-picker',
  params: {
    field: () =>
      import('./components/RepositoryPickerField').then(m =>
        createFormField({
          name: 'DataStackRepositoryPicker',
          component: m.RepositoryPickerField,
          validation: m.repositoryPickerValidation,
        }),
      ),
  },
});

/** A change proposed on a stack of this machine, with its Merge button. */
const changePage = PageBlueprint.make({
  name: 'changes',
  params: {
    path: '/data-stack/changes',
    title: 'Stack change',
    loader: () => import('./components/ChangePage').then(m => <m.ChangePage />),
  },
});

/** The pages' routes: a page with a route, a title and an icon is a nav item. */
const stacksRouteRef = createRouteRef();
const libraryRouteRef = createRouteRef();

/** Every data stack with its health roll-up; a nav item. */
const stacksPage = PageBlueprint.make({
  name: 'stacks',
  params: {
    path: '/data-stacks',
    routeRef: stacksRouteRef,
    title: 'Data stacks',
    icon: <StacksIcon />,
    loader: () =>
      import('./components/DataStacksPage').then(m => <m.DataStacksPage />),
  },
});

/** Every component of the library and the stacks that use it; a nav item. */
const libraryPage = PageBlueprint.make({
  name: 'library',
  params: {
    path: '/data-stack/library',
    routeRef: libraryRouteRef,
    title: 'Component library',
    icon: <LibraryIcon />,
    loader: () =>
      import('./components/ComponentLibraryPage').then(m => (
        <m.ComponentLibraryPage />
      )),
  },
});

/** The "Data stack" tab of a stack's System. */
const stackContent = EntityContentBlueprint.make({
  params: {
    path: '/data-stack',
    title: 'Data stack',
    filter: isDataStackSystem,
    loader: () =>
      import('./components/DataStackContent').then(m => <m.DataStackContent />),
  },
});

/** A component's own status and metrics, on its entity page. */
const componentCard = EntityCardBlueprint.make({
  name: 'component-status',
  params: {
    // A content card: the overview's layout (@backstage/plugin-catalog's
    // alpha DefaultEntityContentLayout) puts info cards, About first, in a
    // column on the right and content cards in the main column beside it,
    // in extension order. app.extensions in app-config.yaml lists this card
    // first, so it is the one beside About.
    type: 'content',
    filter: isDataStackComponent,
    loader: () =>
      import('./components/DataStackComponentCard').then(m => (
        <m.DataStackComponentCard />
      )),
  },
});

/** Trino's and Presto's catalogs, on their entity pages. */
const queryCatalogsCard = EntityCardBlueprint.make({
  name: 'query-catalogs',
  params: {
    filter: isQueryEngine,
    loader: () =>
      import('./components/QueryCatalogsCard').then(m => (
        <m.QueryCatalogsCard />
      )),
  },
});

/**
 * The data stacks in the catalog with their health, and Create data stack:
 * for the app's home page (a HomePageWidgetBlueprint's content).
 */
export { StacksOverview } from './components/StacksOverview';

/** The data stack plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'data-stack',
  routes: { stacks: stacksRouteRef, library: libraryRouteRef },
  extensions: [
    dataStackApi,
    planField,
    componentPickerField,
    repositoryPickerField,
    changePage,
    stacksPage,
    libraryPage,
    stackContent,
    componentCard,
    queryCatalogsCard,
  ],
});

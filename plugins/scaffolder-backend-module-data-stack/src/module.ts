import { libraryFromConfig } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogRenderAction } from './actions/catalogRender';
import { createComposeRenderAction } from './actions/composeRender';
import { createHelmRenderAction } from './actions/helmRender';
import { createHelmfileRenderAction } from './actions/helmfileRender';
import { createPublishLocalAction } from './actions/publishLocal';
import { createPublishLocalBranchAction } from './actions/publishLocalBranch';
import { createStackArchiveAction } from './actions/stackArchive';
import { createStackFetchAction } from './actions/stackFetch';
import { createStackResolveAction } from './actions/stackResolve';
import { createStackValidateAction } from './actions/stackValidate';

/** Adds the `datastack:*` actions to the scaffolder. */
export const scaffolderModuleDataStack = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-stack',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        scaffolder,
        config,
        urlReader,
        discovery,
        catalog,
        events,
      }) {
        const library = libraryFromConfig(config, urlReader);
        scaffolder.addActions(
          createStackResolveAction({ library }),
          createComposeRenderAction({ library }),
          createHelmRenderAction({ library }),
          createHelmfileRenderAction({ library }),
          createCatalogRenderAction({ library }),
          createStackValidateAction(),
          createStackFetchAction({ config, catalog, urlReader }),
          createPublishLocalAction({ config, catalog, events }),
          createPublishLocalBranchAction({ config }),
          createStackArchiveAction({ config, discovery }),
        );
      },
    });
  },
});

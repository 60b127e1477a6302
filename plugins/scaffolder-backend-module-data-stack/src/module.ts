import { libraryFromConfig } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogRenderAction } from './actions/catalogRender';
import { createComposeRenderAction } from './actions/composeRender';
import { createHelmRenderAction } from './actions/helmRender';
import { createHelmfileRenderAction } from './actions/helmfileRender';
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
      },
      async init({ scaffolder, config, urlReader }) {
        const library = libraryFromConfig(config, urlReader);
        scaffolder.addActions(
          createStackResolveAction({ library }),
          createComposeRenderAction({ library }),
          createHelmRenderAction({ library }),
          createHelmfileRenderAction({ library }),
          createCatalogRenderAction({ library }),
          createStackValidateAction(),
        );
      },
    });
  },
});

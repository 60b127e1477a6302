import {
  OutputTarget,
  builtInTargets,
  dataStackOutputTargetsExtensionPoint,
  libraryFromConfig,
} from '@big-data-stack/backstage-plugin-data-stack-node';
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
import { createTargetRenderAction } from './actions/renderAction';
import { createStackArchiveAction } from './actions/stackArchive';
import { createStackFetchAction } from './actions/stackFetch';
import { createStackResolveAction } from './actions/stackResolve';
import { createStackValidateAction } from './actions/stackValidate';

/**
 * Adds the `datastack:*` actions to the scaffolder, and a render action for
 * every output target other modules add through
 * `dataStackOutputTargetsExtensionPoint` (they initialise first).
 */
export const scaffolderModuleDataStack = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-stack',
  register({ registerExtensionPoint, registerInit }) {
    const added: OutputTarget[] = [];
    registerExtensionPoint(dataStackOutputTargetsExtensionPoint, {
      addOutputTargets(...targets) {
        added.push(...targets);
      },
    });
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
        // Refuses a name taken twice or not a DNS label before any action exists.
        const targets = builtInTargets.with(...added);
        scaffolder.addActions(
          createStackResolveAction({ library, targets }),
          createComposeRenderAction({ library }),
          createHelmRenderAction({ library }),
          createHelmfileRenderAction({ library }),
          createCatalogRenderAction({ library }),
          createStackValidateAction(),
          createStackFetchAction({ config, catalog, urlReader }),
          createPublishLocalAction({ config, catalog, events }),
          createPublishLocalBranchAction({ config }),
          createStackArchiveAction({ config, discovery }),
          ...added.map(target => createTargetRenderAction({ target, library })),
        );
      },
    });
  },
});

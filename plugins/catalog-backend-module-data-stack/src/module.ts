import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  LOCAL_STACKS_TOPIC,
  localStacksDirectory,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { LocalStacksEntityProvider } from './providers/LocalStacksEntityProvider';

/**
 * Registers the stack repositories Create data stack writes on this
 * machine. The scaffolder's publish action announces a new one on the
 * events service, so it is in the catalog when the task ends; a scan every
 * minute picks up repositories added or removed by hand.
 */
export const catalogModuleDataStack = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-stack',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        const directory = localStacksDirectory(config);
        if (!directory) return;
        const provider = new LocalStacksEntityProvider(directory, logger);
        catalog.addEntityProvider(provider);
        await events.subscribe({
          id: 'local-stacks',
          topics: [LOCAL_STACKS_TOPIC],
          onEvent: () => provider.refresh(),
        });
        await scheduler.scheduleTask({
          id: 'data-stack-local-stacks',
          frequency: { minutes: 1 },
          timeout: { seconds: 30 },
          scope: 'local',
          fn: () => provider.refresh(),
        });
      },
    });
  },
});

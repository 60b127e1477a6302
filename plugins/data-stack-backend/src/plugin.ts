import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  dataStackPermissions,
  isBuiltInProbeType,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  dataStackProbeTypesExtensionPoint,
  libraryFromConfig,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import pLimit from 'p-limit';
import { readStatusConfig } from './config/statusConfig';
import { ProbeTypeRegistry } from './probes/probeTypeRegistry';
import { MetricsService } from './service/metricsService';
import { QueryCatalogService } from './service/queryCatalogService';
import { createRouter } from './service/router';
import { SharedCache } from './service/sharedCache';
import { repositoryRoutes } from './service/repositoryRoutes';
import { StackCatalog } from './service/stackCatalog';
import { StackSpecReader } from './service/stackSpecReader';
import { overviewRoutes } from './service/overviewRoutes';
import { statusRoutes } from './service/statusRoutes';
import { StatusService } from './service/statusService';

/**
 * How long who belongs to a stack is kept: long enough that under load a
 * request makes no catalog round trip (one read a second per stack),
 * short enough that a stack just registered, whose entities the catalog
 * makes visible one by one, is shown whole a second after its last one.
 * Permission is decided per request regardless.
 */
const MEMBERSHIP_TTL_MS = 1_000;

/** The data stack backend, at /api/data-stack. */
export const dataStackPlugin = createBackendPlugin({
  pluginId: 'data-stack',
  register(env) {
    // Modules of this plugin add probe types before its init runs.
    const probeTypes = new ProbeTypeRegistry();
    env.registerExtensionPoint(
      dataStackProbeTypesExtensionPoint,
      probeTypes.extensionPoint(),
    );
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        cache: coreServices.cache,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({
        httpRouter,
        permissionsRegistry,
        httpAuth,
        auth,
        config,
        urlReader,
        cache,
        permissions,
        catalog,
        logger,
      }) {
        probeTypes.close();
        const added = probeTypes.names().filter(t => !isBuiltInProbeType(t));
        if (added.length)
          logger.info(`probe types added by modules: ${added.join(', ')}`);
        const statusConfig = readStatusConfig(config);
        const library = libraryFromConfig(config, urlReader);
        // Loaded now rather than on the first viewer's request (about a
        // third of a second); a failure is logged and retried on use.
        library().catch(error =>
          logger.warn(`data stack component library: ${error}`),
        );
        // One limit and one cache for every request: the budget is per backend.
        const shared = {
          config: statusConfig,
          cache: new SharedCache(cache, statusConfig.cacheTtlMs),
          limit: pLimit(statusConfig.concurrency),
        };
        permissionsRegistry.addPermissions(dataStackPermissions);
        const specs = new StackSpecReader(
          library,
          urlReader,
          statusConfig.cacheTtlMs,
        );
        // One membership cache and one status service for every route, so
        // the Data stacks page and the tabs share what was probed.
        const stacks = new StackCatalog(catalog, auth, MEMBERSHIP_TTL_MS);
        const status = new StatusService({ ...shared, probeTypes });
        // A download link is opened by the browser, which sends no token:
        // its random id is the key (repositoryRoutes.ts).
        httpRouter.addAuthPolicy({
          path: '/downloads',
          allow: 'unauthenticated',
        });
        httpRouter.use(
          await createRouter({
            library,
            httpAuth,
            config,
            catalog,
            urlReader,
            specs,
            repositories: repositoryRoutes({
              config,
              httpAuth,
              auth,
              permissions,
              catalog,
              urlReader,
              logger,
              specs,
            }),
            status: statusRoutes({
              config: statusConfig,
              library,
              httpAuth,
              permissions,
              stacks,
              status,
              metrics: new MetricsService(shared),
              queryCatalogs: new QueryCatalogService(shared),
            }),
            overview: overviewRoutes({
              httpAuth,
              catalog,
              stacks,
              permissions,
              library,
              statusConfig,
              status,
              specs,
              config,
            }),
          }),
        );
      },
    });
  },
});

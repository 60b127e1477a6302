import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { libraryFromConfig } from '@big-data-stack/backstage-plugin-data-stack-node';
import { createRouter } from './service/router';

/** The data stack backend, at /api/data-stack. */
export const dataStackPlugin = createBackendPlugin({
  pluginId: 'data-stack',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
      },
      async init({ httpRouter, httpAuth, config, urlReader }) {
        httpRouter.use(
          await createRouter({
            library: libraryFromConfig(config, urlReader),
            httpAuth,
          }),
        );
      },
    });
  },
});

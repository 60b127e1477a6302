import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { dataStackOutputTargetsExtensionPoint } from '@big-data-stack/backstage-plugin-data-stack-node';
import { argoCdTarget } from './argoCdTarget';

/**
 * Adds the `argocd` output target to the data stack scaffolder module: a
 * stack naming `argocd` in `spec.targets` resolves, and templates can run
 * `datastack:argocd:render`. Configured under `dataStackArgoCd`.
 */
export const scaffolderModuleDataStackArgoCd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-stack-argocd',
  register({ registerInit }) {
    registerInit({
      deps: {
        targets: dataStackOutputTargetsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ targets, config }) {
        const argo = config.getConfig('dataStackArgoCd');
        targets.addOutputTargets(
          argoCdTarget({
            repositoryBase: argo.getString('repositoryBase'),
            project: argo.getOptionalString('project'),
            namespace: argo.getOptionalString('namespace'),
          }),
        );
      },
    });
  },
});

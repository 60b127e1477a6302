import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { KubernetesClusterCheck } from './NoClusterConfigured';

/**
 * The Kubernetes plugin's entity tab, unchanged when a cluster is
 * configured. With none, the plugin's own content would say "No resources
 * on any known clusters", which reads as if the component were missing;
 * the tab says instead that no cluster is configured and how to add one.
 * A module's extension of the same id replaces the plugin's
 * (@backstage/frontend-app-api resolveAppNodeSpecs).
 */
export const kubernetesContent = kubernetesPlugin
  .getExtension('entity-content:kubernetes/kubernetes')
  .override({
    *factory(originalFactory) {
      const original = originalFactory();
      // Everything the plugin's extension outputs (path, title, filter,
      // group), with its element wrapped.
      for (const data of original as Iterable<{ id: string; value: unknown }>)
        if (data.id !== coreExtensionData.reactElement.id) yield data as any;
      yield coreExtensionData.reactElement(
        <KubernetesClusterCheck>
          {original.get(coreExtensionData.reactElement)}
        </KubernetesClusterCheck>,
      );
    },
  });

export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [kubernetesContent],
});

import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes';
import { screen, waitFor } from '@testing-library/react';
import { kubernetesContent } from './kubernetesModule';
import { KubernetesClusterCheck } from './NoClusterConfigured';

const trino = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'demo-analytics-trino',
    annotations: { 'backstage.io/kubernetes-id': 'demo-analytics-trino' },
  },
  spec: { type: 'service', owner: 'data-platform', lifecycle: 'production' },
};

/** The Kubernetes tab of the Trino entity, with these clusters configured. */
async function renderTab(getClusters: () => Promise<{ name: string }[]>) {
  const tester = createExtensionTester(kubernetesContent);
  await renderInTestApp(
    <EntityProvider entity={trino}>
      {tester.get(coreExtensionData.reactElement)}
    </EntityProvider>,
    {
      apis: [
        [
          kubernetesApiRef,
          {
            getClusters,
            // The plugin's own content asks for the entity's objects.
            getObjectsByEntity: async () => ({ items: [] }),
            getWorkloadsByEntity: async () => ({ items: [] }),
            getCustomObjectsByEntity: async () => ({ items: [] }),
          } as any,
        ],
      ],
    },
  );
}

describe('the Kubernetes tab', () => {
  it("keeps the plugin's path, title and filter", () => {
    const tester = createExtensionTester(kubernetesContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/kubernetes');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Kubernetes',
    );
    expect(
      tester.get(EntityContentBlueprint.dataRefs.filterFunction) ??
        tester.get(EntityContentBlueprint.dataRefs.filterExpression),
    ).toBeDefined();
  });

  it("replaces the plugin's own extension", () => {
    expect(kubernetesContent).toMatchObject({
      kind: 'entity-content',
      name: 'kubernetes',
    });
    expect(
      createFrontendModule({
        pluginId: 'kubernetes',
        extensions: [kubernetesContent],
      }),
    ).toBeDefined();
  });

  it('says that no cluster is configured, and how to add one', async () => {
    await renderTab(async () => []);
    expect(
      await screen.findByText('No Kubernetes cluster is configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes\.clusterLocatorMethods\[\]\.clusters/),
    ).toBeInTheDocument();
    // The code block is highlighted once its highlighter has loaded.
    await waitFor(() =>
      expect(
        screen.getByTestId('kubernetes-cluster-example'),
      ).toHaveTextContent(
        /clusterLocatorMethods:.*- type: config.*clusters:.*- name: local/s,
      ),
    );
    expect(
      screen.queryByText(/No resources on any known clusters/),
    ).not.toBeInTheDocument();
  });

  it("shows the plugin's own content once a cluster is configured", async () => {
    await renderInTestApp(
      <EntityProvider entity={trino}>
        <KubernetesClusterCheck>
          <div>the plugin's content</div>
        </KubernetesClusterCheck>
      </EntityProvider>,
      {
        apis: [
          [
            kubernetesApiRef,
            { getClusters: async () => [{ name: 'local' }] } as any,
          ],
        ],
      },
    );
    expect(await screen.findByText("the plugin's content")).toBeInTheDocument();
    expect(
      screen.queryByText('No Kubernetes cluster is configured'),
    ).not.toBeInTheDocument();
  });

  it("shows the plugin's own content, with its error, when the clusters cannot be read", async () => {
    await renderInTestApp(
      <KubernetesClusterCheck>
        <div>the plugin's content</div>
      </KubernetesClusterCheck>,
      {
        apis: [
          [
            kubernetesApiRef,
            {
              getClusters: async () => {
                throw new Error('503');
              },
            } as any,
          ],
        ],
      },
    );
    expect(await screen.findByText("the plugin's content")).toBeInTheDocument();
  });
});

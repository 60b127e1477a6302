import { CodeSnippet, EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes';
import Typography from '@material-ui/core/Typography';
import { type ReactNode, useEffect, useState } from 'react';

/** The commented example in app-config.yaml, filled in. */
const EXAMPLE = `kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: local
          url: https://127.0.0.1:6443
          authProvider: serviceAccount
          serviceAccountToken: \${K8S_TOKEN}
          skipTLSVerify: true # a local cluster's own certificate`;

/** What the tab says when the Kubernetes backend knows no cluster. */
export function NoClusterConfigured() {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.['backstage.io/kubernetes-id'];
  return (
    <EmptyState
      missing="info"
      title="No Kubernetes cluster is configured"
      description={
        <>
          The portal's Kubernetes backend knows no cluster, so there is nowhere
          to look for {id ? <code>{id}</code> : 'this component'}. Add a cluster
          to <code>kubernetes.clusterLocatorMethods[].clusters</code> in
          app-config.yaml and restart the portal; this tab then shows the pods,
          deployments and services labelled{' '}
          <code>backstage.io/kubernetes-id: {id ?? '<id>'}</code>, as the
          stack's charts label them (<code>helmfile apply</code> deploys them).
        </>
      }
      action={
        <div data-testid="kubernetes-cluster-example">
          <Typography variant="body2" paragraph>
            For example, a local cluster with a service account token:
          </Typography>
          <CodeSnippet text={EXAMPLE} language="yaml" showCopyCodeButton />
        </div>
      }
    />
  );
}

/**
 * The Kubernetes tab's own content when the backend has a cluster to ask,
 * else what to configure. If the cluster list cannot be read, the plugin's
 * content shows its own error.
 */
export function KubernetesClusterCheck(props: { children: ReactNode }) {
  const kubernetesApi = useApi(kubernetesApiRef);
  const [clusters, setClusters] = useState<number | 'error'>();
  useEffect(() => {
    let current = true;
    kubernetesApi.getClusters().then(
      list => current && setClusters(list.length),
      () => current && setClusters('error'),
    );
    return () => {
      current = false;
    };
  }, [kubernetesApi]);
  if (clusters === undefined) return <Progress />;
  if (clusters === 0) return <NoClusterConfigured />;
  return <>{props.children}</>;
}

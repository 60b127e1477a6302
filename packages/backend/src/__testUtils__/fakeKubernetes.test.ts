import {
  KubeObject,
  clusterObjects,
  startFakeKubernetes,
} from './fakeKubernetes';

const labels = { 'backstage.io/kubernetes-id': 'lake-trino' };
const template = {
  metadata: { labels },
  spec: { containers: [{ name: 'trino', image: 'trinodb/trino:483' }] },
};
const applied: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'trino', labels },
    spec: { replicas: 2, template },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', labels: { other: 'x' } },
    spec: { replicas: 1, template: { ...template, metadata: {} } },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'trino', labels },
    spec: { ports: [{ port: 8080 }] },
  },
];

describe('the stand-in Kubernetes API server', () => {
  const objects = clusterObjects(applied, 'lake');

  it('runs the workloads: a ReplicaSet per Deployment and owned, ready pods', () => {
    const rs = objects.find(o => o.kind === 'ReplicaSet')!;
    expect(rs.metadata.ownerReferences![0]).toMatchObject({
      kind: 'Deployment',
      name: 'trino',
    });
    const pods = objects.filter(o => o.kind === 'Pod');
    expect(pods.map(p => p.metadata.ownerReferences![0].name)).toEqual([
      rs.metadata.name,
      rs.metadata.name,
      'db',
    ]);
    expect(pods.map(p => p.metadata.name).at(-1)).toBe('db-0');
    expect(pods[0].metadata.labels).toMatchObject(labels);
    expect(pods[0].status.containerStatuses[0]).toMatchObject({ ready: true });
    expect(new Set(objects.map(o => o.metadata.uid)).size).toBe(objects.length);
  });

  it('lists by namespace and label selector in the API list shape, with the token only', async () => {
    const fake = await startFakeKubernetes(objects, 'secret-token');
    try {
      const get = (route: string, token = 'secret-token') =>
        fetch(`${fake.url}${route}`, {
          headers: { authorization: `Bearer ${token}` },
        });
      const selector = encodeURIComponent(
        'backstage.io/kubernetes-id=lake-trino',
      );
      const pods = await (
        await get(`/api/v1/namespaces/lake/pods?labelSelector=${selector}`)
      ).json();
      expect(pods.kind).toBe('PodList');
      expect(pods.items).toHaveLength(2);
      const deployments = await (
        await get(
          `/apis/apps/v1/namespaces/lake/deployments?labelSelector=${selector}`,
        )
      ).json();
      expect(deployments.items.map((d: KubeObject) => d.metadata.name)).toEqual(
        ['trino'],
      );
      expect(
        (await (await get('/api/v1/namespaces/elsewhere/services')).json())
          .items,
      ).toEqual([]);
      expect((await get('/api/v1/pods', 'wrong')).status).toBe(401);
      expect((await get('/version')).status).toBe(404);
    } finally {
      await fake.close();
    }
  });
});

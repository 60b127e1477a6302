import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Kubernetes API server, for the portal's Kubernetes tab
 * where no cluster can run: it serves the objects of a stack's `helm
 * template` output and the objects a cluster would make from them (a
 * ReplicaSet per Deployment, the pods of each workload), on the list
 * routes the Kubernetes backend reads
 * (`/api/v1/namespaces/<ns>/<plural>`, `/apis/<group>/<version>/namespaces/<ns>/<plural>`,
 * `?labelSelector=k=v,…`), answering with the API's list shape
 * (`{apiVersion, kind: '<Kind>List', metadata, items}`,
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#collections).
 * Only equality selectors, which is all the plugin sends.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: {
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }[];
    creationTimestamp?: string;
  };
  spec?: any;
  status?: any;
}

/** The plural the API lists each kind under. */
const PLURALS: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  LimitRange: 'limitranges',
  ResourceQuota: 'resourcequotas',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  Ingress: 'ingresses',
  PodDisruptionBudget: 'poddisruptionbudgets',
  ServiceMonitor: 'servicemonitors',
};
const KINDS = Object.fromEntries(
  Object.entries(PLURALS).map(([kind, plural]) => [plural, kind]),
);

const CREATED = '2026-11-30T12:00:00Z';
let nextUid = 1;
const uid = () =>
  `00000000-0000-4000-8000-${String(nextUid++).padStart(12, '0')}`;

/** Pod names a controller would give: a hash-like suffix from the owner's name. */
function suffix(seed: string, length: number): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + i * 7919;
  }
  return out;
}

/** A running pod of a workload's template, owned by `owner`. */
function podOf(
  name: string,
  template: { metadata?: { labels?: Record<string, string> }; spec: any },
  owner: KubeObject,
  namespace: string,
  phase: 'Running' | 'Succeeded' = 'Running',
): KubeObject {
  const containers: { name: string; image: string }[] =
    template.spec?.containers ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: uid(),
      labels: { ...template.metadata?.labels },
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid!,
          controller: true,
        },
      ],
      creationTimestamp: CREATED,
    },
    spec: { ...template.spec, nodeName: 'fake-node' },
    status: {
      phase,
      startTime: CREATED,
      podIP: '10.0.0.1',
      conditions: [
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map(type => ({
        type,
        status: phase === 'Running' ? 'True' : 'False',
        lastTransitionTime: CREATED,
      })),
      containerStatuses: containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: c.image,
        ready: phase === 'Running',
        started: phase === 'Running',
        restartCount: 0,
        state:
          phase === 'Running'
            ? { running: { startedAt: CREATED } }
            : {
                terminated: {
                  exitCode: 0,
                  reason: 'Completed',
                  startedAt: CREATED,
                  finishedAt: CREATED,
                },
              },
      })),
    },
  };
}

/**
 * The objects a cluster holds once `objects` are applied and their
 * workloads run: each object with a uid and namespace, a ReplicaSet per
 * Deployment, and every workload's pods, ready.
 */
export function clusterObjects(
  objects: KubeObject[],
  namespace: string,
): KubeObject[] {
  const out: KubeObject[] = [];
  for (const source of objects) {
    const object: KubeObject = {
      ...source,
      metadata: {
        ...source.metadata,
        namespace: source.metadata.namespace ?? namespace,
        uid: uid(),
        creationTimestamp: CREATED,
      },
    };
    out.push(object);
    const ns = object.metadata.namespace!;
    const template = object.spec?.template;
    const replicas: number = object.spec?.replicas ?? 1;
    if (object.kind === 'Deployment') {
      const hash = suffix(object.metadata.name, 10);
      const rs: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${object.metadata.name}-${hash}`,
          namespace: ns,
          uid: uid(),
          labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: object.metadata.name,
              uid: object.metadata.uid!,
              controller: true,
            },
          ],
          creationTimestamp: CREATED,
        },
        spec: { ...object.spec, replicas },
        status: {
          replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
        },
      };
      object.status = {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        updatedReplicas: replicas,
        conditions: [{ type: 'Available', status: 'True' }],
      };
      out.push(rs);
      for (let i = 0; i < replicas; i++)
        out.push(
          podOf(
            `${rs.metadata.name}-${suffix(`${rs.metadata.name}${i}`, 5)}`,
            {
              ...template,
              metadata: { labels: rs.metadata.labels },
            },
            rs,
            ns,
          ),
        );
    } else if (object.kind === 'StatefulSet') {
      object.status = {
        replicas,
        readyReplicas: replicas,
        currentReplicas: replicas,
        availableReplicas: replicas,
      };
      for (let i = 0; i < replicas; i++)
        out.push(podOf(`${object.metadata.name}-${i}`, template, object, ns));
    } else if (object.kind === 'Job') {
      object.status = { succeeded: 1, completionTime: CREATED };
      out.push(
        podOf(
          `${object.metadata.name}-${suffix(object.metadata.name, 5)}`,
          template,
          object,
          ns,
          'Succeeded',
        ),
      );
    }
  }
  return out;
}

const matches = (object: KubeObject, selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => object.metadata.labels?.[k] === v);

/** `a=b,c=d` (equality only) as a map. */
function parseSelector(selector: string | null): Record<string, string> {
  if (!selector) return {};
  return Object.fromEntries(
    selector.split(',').map(part => {
      const [key, value] = part.split(/==?/);
      return [key.trim(), (value ?? '').trim()];
    }),
  );
}

/** Where a list route points: the plural and the namespace, if any. */
function parsePath(
  pathname: string,
): { apiVersion: string; plural: string; namespace?: string } | undefined {
  const m =
    /^\/api\/(v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(pathname) ??
    /^\/apis\/([^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([a-z]+)$/.exec(
      pathname,
    );
  return m ? { apiVersion: m[1], namespace: m[2], plural: m[3] } : undefined;
}

export interface FakeKubernetes {
  url: string;
  /** Every path the fake was asked, with its query. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `objects` on loopback as a cluster's API would list them. */
export async function startFakeKubernetes(
  objects: KubeObject[],
  token: string,
): Promise<FakeKubernetes> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    const target = parsePath(url.pathname);
    if (!target || req.method !== 'GET')
      return send(404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: `the server could not find the requested resource (${url.pathname})`,
        reason: 'NotFound',
        code: 404,
      });
    // Kinds the stack does not use (HPAs, Ingresses …) list as empty, as a
    // cluster serving them would.
    const kind = KINDS[target.plural];
    const selector = parseSelector(url.searchParams.get('labelSelector'));
    const items = objects.filter(
      o =>
        o.kind === kind &&
        (!target.namespace || o.metadata.namespace === target.namespace) &&
        matches(o, selector),
    );
    return send(200, {
      apiVersion: target.apiVersion,
      kind: kind ? `${kind}List` : 'List',
      metadata: { resourceVersion: '1' },
      items,
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

import {
  DataStackError,
  PlannedComponent,
  PlannedService,
  Problem,
  StackPlan,
  formatMebibytes,
  kubernetesId,
  orderByDependencies,
  parseMebibytes,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import path from 'node:path';
import type { RenderedFile } from '../files';
import {
  commandAndArgs,
  containerEnv,
  containerResources,
  probes,
  secretHolders,
  secretNameOf,
} from './containers';
import {
  InitContainerValues,
  ReleaseValues,
  ServiceValues,
  releaseValuesSchema,
} from './valuesSchema';

/** The label that marks the pods mounting a shared volume. */
export const sharedVolumeLabel = (claim: string) =>
  `volumes.datastack.backstage.io/${claim}`;

/**
 * A ReadWriteOnce volume can only be mounted on one node at a time, so the
 * pods that share one are scheduled together: each carries a label per
 * shared volume and requires a pod with that label on its node (a pod may
 * match itself, so the first one schedules anywhere). ReadWriteMany needs no
 * such rule.
 */
function coLocation(
  claims: string[],
  mode: 'ReadWriteOnce' | 'ReadWriteMany',
): { podLabels: Record<string, string>; affinity?: Record<string, unknown> } {
  const podLabels = Object.fromEntries(
    claims.map(c => [sharedVolumeLabel(c), 'mounted']),
  );
  if (mode !== 'ReadWriteOnce' || !claims.length) return { podLabels };
  return {
    podLabels,
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: claims.map(c => ({
          labelSelector: { matchLabels: { [sharedVolumeLabel(c)]: 'mounted' } },
          topologyKey: 'kubernetes.io/hostname',
        })),
      },
    },
  };
}

/** What every part of one release's values reads, and where problems go. */
interface ReleaseContext {
  plan: StackPlan;
  component: PlannedComponent;
  k8s: StackPlan['stack']['kubernetes'];
  holders: ReturnType<typeof secretHolders>;
  problems: Problem[];
}

/** Where a service's problems point: its entry in the descriptor. */
const serviceSource = ({ component }: ReleaseContext, service: string) => ({
  file: component.source,
  path: `spec.services.${service}`,
});

/** A claim of `size` in the stack's storage class. */
const claim = (
  { k8s }: ReleaseContext,
  size: string,
  mode: 'ReadWriteOnce' | 'ReadWriteMany' = 'ReadWriteOnce',
) => ({ size, accessModes: [mode], storageClass: k8s.storageClass ?? '' });

/** A service's disk covers all its volumes; each gets an even share, at least 1 GiB. */
function claimSize(s: PlannedService): string {
  const disk = s.resources.disk ? parseMebibytes(s.resources.disk) : 1024;
  return formatMebibytes(
    Math.max(1024, Math.ceil(disk / Math.max(1, s.volumes.length))),
  );
}

/** Volumes several long-running services mount, each one shared claim. */
function sharedVolumes(longRunning: PlannedService[]) {
  const users = new Map<string, PlannedService[]>();
  for (const s of longRunning)
    for (const v of s.volumes)
      users.set(v.volume, [...(users.get(v.volume) ?? []), s]);
  const shared = [...users].filter(([, u]) => u.length > 1).map(([v]) => v);
  return { shared, firstUser: (volume: string) => users.get(volume)![0] };
}

/**
 * How the one-shot jobs run: a job that fills a volume a dependent mounts
 * (downloaded jars) runs as that dependent's init container, on the same
 * volume; the others are pre-install hooks, weighted in start-up order.
 */
function jobRoles(longRunning: PlannedService[], jobs: PlannedService[]) {
  const initJobs = new Map<string, PlannedService[]>();
  for (const s of longRunning) {
    const before = jobs.filter(
      j =>
        s.dependsOn.some(d => d.service === j.name) &&
        j.volumes.some(v => s.volumes.some(sv => sv.volume === v.volume)),
    );
    if (before.length) initJobs.set(s.name, before);
  }
  const asInit = new Set([...initJobs.values()].flat().map(j => j.name));
  const hookJobs = jobs.filter(j => !asInit.has(j.name));
  const hookOrder = orderByDependencies(
    hookJobs.map(j => j.name),
    name =>
      hookJobs
        .find(j => j.name === name)!
        .dependsOn.map(d => d.service)
        .filter(d => hookJobs.some(j => j.name === d)),
  );
  const hookWeights = new Map(
    ('order' in hookOrder ? hookOrder.order : []).map((n, i) => [n, i]),
  );
  return { initJobs, asInit, hookWeights };
}

/** The pod's user, group and volume group, when the descriptor sets a user. */
function podSecurityContext(s: PlannedService) {
  const { runAsUser, runAsGroup } = s.kubernetes;
  if (!runAsUser) return undefined;
  const group = runAsGroup ?? runAsUser;
  return { runAsUser, runAsGroup: group, fsGroup: group || runAsUser };
}

/** A job that fills one of `s`'s volumes, as `s`'s init container. */
function jobAsInitContainer(
  context: ReleaseContext,
  s: PlannedService,
  job: PlannedService,
): InitContainerValues {
  const { plan, holders, problems } = context;
  const refs = new Set<string>();
  const user = /^(\d+)(?::(\d+))?$/.exec(job.user ?? '');
  return {
    name: job.name,
    image: job.image,
    ...commandAndArgs(job, refs),
    env: containerEnv(
      job.kubernetes.environment,
      refs,
      holders,
      problems,
      serviceSource(context, job.name),
    ),
    resources: containerResources(job, plan.profile.cpuRequest),
    // The compose user (root, to write a fresh volume) where the pod
    // does not enforce its non-root user, which owns the volume anyway.
    securityContext:
      user && !s.kubernetes.runAsUser
        ? { runAsUser: Number(user[1]) }
        : undefined,
    volumeMounts: job.volumes.map(v => ({
      name: s.volumes.find(sv => sv.volume === v.volume)!.name,
      mountPath: v.mountPath,
    })),
  };
}

/** An init container the descriptor declares for the Kubernetes target. */
function declaredInitContainer(
  { plan }: ReleaseContext,
  s: PlannedService,
  init: PlannedService['kubernetes']['initContainers'][number],
): InitContainerValues {
  return {
    name: init.name,
    image: s.image,
    command: init.command,
    resources: containerResources(
      { ...s, resources: { cpu: '0.1', memory: '64Mi' } },
      plan.profile.cpuRequest,
    ),
    securityContext: {
      ...(init.runAsUser !== undefined && { runAsUser: init.runAsUser }),
      ...(init.privileged && { privileged: true }),
    },
    volumeMounts: init.volumes,
  };
}

/** How a release lays its services out: shared claims, jobs, config mounts. */
interface ReleaseLayout {
  shared: string[];
  initJobs: Map<string, PlannedService[]>;
  hookWeights: Map<string, number>;
  configMounts: ServiceValues['configMounts'];
}

/** The values of one service: its workload, container, volumes and placement. */
function serviceValues(
  context: ReleaseContext,
  s: PlannedService,
  layout: ReleaseLayout,
): ServiceValues {
  const { plan, k8s, holders, problems } = context;
  const { shared, configMounts } = layout;
  const refs = new Set<string>();
  const { command, args } = commandAndArgs(s, refs);
  const probeSet = s.job
    ? {}
    : probes(s, refs, problems, serviceSource(context, s.name));
  const env = containerEnv(
    s.kubernetes.environment,
    refs,
    holders,
    problems,
    serviceSource(context, s.name),
  );
  const ownVolumes = s.volumes.filter(v => !shared.includes(v.volume));
  const sharedMounts = s.volumes.filter(v => shared.includes(v.volume));
  if (s.job && configMounts.length)
    problems.push({
      ...serviceSource(context, s.name),
      message:
        'a one-shot job runs as a pre-install hook, before its ConfigMaps exist; give it no mounts',
    });
  const initContainers = [
    ...(layout.initJobs.get(s.name) ?? []).map(j =>
      jobAsInitContainer(context, s, j),
    ),
    ...s.kubernetes.initContainers.map(init =>
      declaredInitContainer(context, s, init),
    ),
  ];
  const security = podSecurityContext(s);
  let workload: ServiceValues['workload'] = 'Deployment';
  if (s.job) workload = 'Job';
  else if (ownVolumes.length) workload = 'StatefulSet';
  return {
    workload,
    replicas: s.job ? 1 : s.kubernetes.replicas,
    image: s.image,
    ...(command && { command }),
    ...(args && { args }),
    env,
    ports: s.ports.map(p => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol,
    })),
    ...probeSet,
    resources: containerResources(s, plan.profile.cpuRequest),
    ...(security && { securityContext: security }),
    volumeClaims: s.job
      ? []
      : ownVolumes.map(v => ({
          name: v.name,
          mountPath: v.mountPath,
          ...claim(context, claimSize(s)),
        })),
    sharedVolumes: sharedMounts.map(v => ({
      claim: v.volume,
      mountPath: v.mountPath,
    })),
    // A hook job's own volumes are scratch space.
    scratchVolumes: s.job
      ? s.volumes.map(v => ({ name: v.name, mountPath: v.mountPath }))
      : [],
    configMounts,
    configVolumes: [...new Set(configMounts.map(m => m.configMap))].sort(),
    initContainers,
    ...coLocation(
      sharedMounts.map(v => v.volume),
      k8s.sharedVolumeAccessMode,
    ),
    ...(s.job && {
      hookWeight: layout.hookWeights.get(s.name) ?? 0,
      backoffLimit: 10,
    }),
  };
}

/** The ServiceMonitor's endpoints: every metrics endpoint this release serves. */
function monitorEndpoints(plan: StackPlan, component: PlannedComponent) {
  return plan.components.flatMap(c =>
    (c.metrics?.endpoints ?? [])
      .filter(e => component.services.some(s => s.name === e.service))
      .map(e => ({
        service: e.service,
        port: e.portName,
        path: c.metrics!.path,
        job: c.metrics!.job,
      })),
  );
}

/** The component's Secret: its keys, generated unless the stack names one. */
function secretValues(plan: StackPlan, component: PlannedComponent) {
  return {
    name: `${component.id}-secrets`,
    existingSecret: plan.stack.kubernetes.existingSecrets[component.id]
      ? secretNameOf(plan, component.id)
      : '',
    keys: component.secrets.map(s => s.name),
    fernetKeys: component.secrets
      .filter(s => s.format === 'fernet')
      .map(s => s.name),
  };
}

/**
 * The values of one component's release, from the plan: everything the
 * compose file says, in the shape the `common` chart renders. Config files
 * come from the same renderers as compose, as ConfigMaps.
 */
export function releaseValues(
  plan: StackPlan,
  component: PlannedComponent,
  files: RenderedFile[],
): ReleaseValues {
  const context: ReleaseContext = {
    plan,
    component,
    k8s: plan.stack.kubernetes,
    holders: secretHolders(plan),
    problems: [],
  };
  const { k8s, problems } = context;
  const longRunning = component.services.filter(s => !s.job);
  const jobs = component.services.filter(s => s.job);
  const { shared, firstUser } = sharedVolumes(longRunning);
  const { initJobs, asInit, hookWeights } = jobRoles(longRunning, jobs);
  const { configMaps, mounts } = configMapsFor(component, files, problems);

  const services: Record<string, ServiceValues> = {};
  for (const s of component.services) {
    if (asInit.has(s.name)) continue;
    services[s.name] = serviceValues(context, s, {
      shared,
      initJobs,
      hookWeights,
      configMounts: mounts.get(s.name)!,
    });
  }
  const endpoints = monitorEndpoints(plan, component);

  if (problems.length) throw new DataStackError(problems);
  return releaseValuesSchema.parse({
    stack: plan.stack.name,
    component: component.id,
    kubernetesId: kubernetesId(plan.stack.name, component.id),
    imagePullPolicy: 'IfNotPresent',
    secret: secretValues(plan, component),
    configMaps,
    persistentVolumeClaims: Object.fromEntries(
      shared.map(v => [
        v,
        claim(context, claimSize(firstUser(v)), k8s.sharedVolumeAccessMode),
      ]),
    ),
    serviceMonitor: {
      enabled: k8s.serviceMonitors,
      interval: '30s',
      labels: {},
      endpoints,
    },
    services,
  });
}

/**
 * ConfigMaps for what the component's services mount: a mounted directory
 * is one ConfigMap named after it (`trino-catalog`); single files of one
 * directory share one (`presto-files`) and are mounted with `subPath`.
 */
function configMapsFor(
  component: PlannedComponent,
  files: RenderedFile[],
  problems: Problem[],
) {
  const configMaps: Record<string, Record<string, string>> = {};
  const label = (p: string) =>
    p
      .split('/')
      .slice(1)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
  const mountsOf = (s: PlannedService) =>
    s.mounts.map(m => {
      const file = files.find(f => f.path === m.source);
      const inDir = files.filter(f => f.path.startsWith(`${m.source}/`));
      if (file) {
        const name = `${label(path.posix.dirname(m.source))}-files`;
        const key = path.posix.basename(m.source);
        (configMaps[name] ??= {})[key] = file.content;
        return { configMap: name, mountPath: m.target, subPath: key };
      }
      if (inDir.some(f => f.path.slice(m.source.length + 1).includes('/')))
        problems.push({
          file: component.source,
          path: `spec.services.${s.name}.mounts`,
          message: `${m.source} has subdirectories, which one ConfigMap cannot hold`,
        });
      if (!inDir.length)
        problems.push({
          file: component.source,
          path: `spec.services.${s.name}.mounts`,
          message: `${m.source} is not a file or directory the stack renders`,
        });
      const name = label(m.source);
      const map = (configMaps[name] ??= {});
      for (const f of inDir) map[f.path.slice(m.source.length + 1)] = f.content;
      return { configMap: name, mountPath: m.target };
    });
  const mounts = new Map(component.services.map(s => [s.name, mountsOf(s)]));
  return { configMaps, mounts };
}

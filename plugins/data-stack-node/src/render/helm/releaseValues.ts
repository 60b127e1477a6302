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
  const problems: Problem[] = [];
  const holders = secretHolders(plan);
  const k8s = plan.stack.kubernetes;
  const where = (service: string) => ({
    file: component.source,
    path: `spec.services.${service}`,
  });

  const longRunning = component.services.filter(s => !s.job);
  const jobs = component.services.filter(s => s.job);

  // A volume several long-running services mount is one shared claim.
  const users = new Map<string, PlannedService[]>();
  for (const s of longRunning)
    for (const v of s.volumes)
      users.set(v.volume, [...(users.get(v.volume) ?? []), s]);
  const shared = [...users].filter(([, u]) => u.length > 1).map(([v]) => v);

  const claimSize = (s: PlannedService) => {
    // A service's disk covers all its volumes; each gets an even share.
    const disk = s.resources.disk ? parseMebibytes(s.resources.disk) : 1024;
    return formatMebibytes(
      Math.max(1024, Math.ceil(disk / Math.max(1, s.volumes.length))),
    );
  };
  const claim = (
    size: string,
    mode: 'ReadWriteOnce' | 'ReadWriteMany' = 'ReadWriteOnce',
  ) => ({ size, accessModes: [mode], storageClass: k8s.storageClass ?? '' });
  const persistentVolumeClaims = Object.fromEntries(
    shared.map(v => [
      v,
      claim(claimSize(users.get(v)![0]), k8s.sharedVolumeAccessMode),
    ]),
  );

  // A job that fills a volume a dependent mounts (downloaded jars) runs as
  // that dependent's init container, on the same volume.
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
  const weights = new Map(
    ('order' in hookOrder ? hookOrder.order : []).map((n, i) => [n, i]),
  );

  const { configMaps, mounts } = configMapsFor(component, files, problems);
  const securityContext = (s: PlannedService) => {
    const { runAsUser, runAsGroup } = s.kubernetes;
    if (!runAsUser) return undefined;
    const group = runAsGroup ?? runAsUser;
    return { runAsUser, runAsGroup: group, fsGroup: group || runAsUser };
  };

  const services: Record<string, ServiceValues> = {};
  for (const s of component.services) {
    if (asInit.has(s.name)) continue;
    const refs = new Set<string>();
    const { command, args } = commandAndArgs(s, refs);
    const probeSet = s.job ? {} : probes(s, refs, problems, where(s.name));
    const env = containerEnv(
      s.kubernetes.environment,
      refs,
      holders,
      problems,
      where(s.name),
    );
    const ownVolumes = s.volumes.filter(v => !shared.includes(v.volume));
    const configMounts = mounts.get(s.name)!;
    if (s.job && configMounts.length)
      problems.push({
        ...where(s.name),
        message:
          'a one-shot job runs as a pre-install hook, before its ConfigMaps exist; give it no mounts',
      });
    const initContainers: InitContainerValues[] = (
      initJobs.get(s.name) ?? []
    ).map(j => {
      const initRefs = new Set<string>();
      const cmd = commandAndArgs(j, initRefs);
      const user = /^(\d+)(?::(\d+))?$/.exec(j.user ?? '');
      return {
        name: j.name,
        image: j.image,
        ...cmd,
        env: containerEnv(
          j.kubernetes.environment,
          initRefs,
          holders,
          problems,
          where(j.name),
        ),
        resources: containerResources(j, plan.profile.cpuRequest),
        // The compose user (root, to write a fresh volume) where the pod
        // does not enforce its non-root user, which owns the volume anyway.
        securityContext:
          user && !s.kubernetes.runAsUser
            ? { runAsUser: Number(user[1]) }
            : undefined,
        volumeMounts: j.volumes.map(v => ({
          name: s.volumes.find(sv => sv.volume === v.volume)!.name,
          mountPath: v.mountPath,
        })),
      };
    });
    for (const init of s.kubernetes.initContainers)
      initContainers.push({
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
      });
    const security = securityContext(s);
    let workload: ServiceValues['workload'] = 'Deployment';
    if (s.job) workload = 'Job';
    else if (ownVolumes.length) workload = 'StatefulSet';
    services[s.name] = {
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
            ...claim(claimSize(s)),
          })),
      sharedVolumes: s.volumes
        .filter(v => shared.includes(v.volume))
        .map(v => ({ claim: v.volume, mountPath: v.mountPath })),
      // A hook job's own volumes are scratch space.
      scratchVolumes: s.job
        ? s.volumes.map(v => ({ name: v.name, mountPath: v.mountPath }))
        : [],
      configMounts,
      configVolumes: [...new Set(configMounts.map(m => m.configMap))].sort(),
      initContainers,
      ...coLocation(
        s.volumes.filter(v => shared.includes(v.volume)).map(v => v.volume),
        k8s.sharedVolumeAccessMode,
      ),
      ...(s.job && { hookWeight: weights.get(s.name) ?? 0, backoffLimit: 10 }),
    };
  }

  const endpoints = plan.components.flatMap(c =>
    (c.metrics?.targets ?? []).flatMap(target => {
      const [serviceName, port] = target.split(':');
      const service = component.services.find(s => s.name === serviceName);
      const portName = service?.ports.find(p => String(p.port) === port)?.name;
      return service && portName
        ? [
            {
              service: serviceName,
              port: portName,
              path: c.metrics!.path,
              job: c.metrics!.job,
            },
          ]
        : [];
    }),
  );

  if (problems.length) throw new DataStackError(problems);
  return releaseValuesSchema.parse({
    stack: plan.stack.name,
    component: component.id,
    kubernetesId: kubernetesId(plan.stack.name, component.id),
    imagePullPolicy: 'IfNotPresent',
    secret: {
      name: `${component.id}-secrets`,
      existingSecret: k8s.existingSecrets[component.id]
        ? secretNameOf(plan, component.id)
        : '',
      keys: component.secrets.map(s => s.name),
      fernetKeys: component.secrets
        .filter(s => s.format === 'fernet')
        .map(s => s.name),
    },
    configMaps,
    persistentVolumeClaims,
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

import type { ServiceDefinition } from '../model/descriptor';
import type { Problem } from '../model/problems';
import type { Profile } from '../model/profiles';
import { scaleCpu, scaleHeap, scaleMemory } from '../model/quantity';
import { readComposeText, readHealthcheck } from './composeSyntax';
import {
  PlannedResources,
  jvmMemoryOverflow,
  withDirectMemory,
} from './directMemory';
import type { PlannedService, PlannedText } from './plan';
import { TemplateContext, fillTemplate } from './template';

/** A service's resources in the chosen profile (custom profiles scale a built-in one). */
export function resourcesFor(
  service: ServiceDefinition,
  profile: Profile,
): PlannedResources {
  const own = service.resources[profile.id];
  if (own) return withDirectMemory(own);
  const base = service.resources[profile.basedOn ?? 'dev'];
  return withDirectMemory({
    cpu: scaleCpu(base.cpu, profile.scale.cpu),
    memory: scaleMemory(base.memory, profile.scale.memory),
    disk: base.disk && scaleMemory(base.disk, profile.scale.disk),
    heap: base.heap && scaleHeap(base.heap, profile.scale.memory),
    processing: base.processing,
  });
}

/**
 * An environment value: a placeholder may stand for a document (a request's
 * access policy), which the container gets serialised as JSON, never as text
 * put together by hand, and literally (a `$` in it is data).
 */
const environmentValue = (value: unknown): PlannedText =>
  value !== null && typeof value === 'object'
    ? [JSON.stringify(value)]
    : readComposeText(String(value));

/** The healthcheck, or why the descriptor has none. */
function healthcheckOf(
  def: ServiceDefinition,
): Pick<PlannedService, 'healthcheck' | 'healthcheckDisabled'> {
  const compose = def.health?.compose;
  if (!compose) return {};
  if ('disable' in compose) return { healthcheckDisabled: compose.reason };
  return { healthcheck: readHealthcheck(compose) };
}

/** One container of the plan, every placeholder filled, in no target's syntax. */
export function planService(
  name: string,
  def: ServiceDefinition,
  context: TemplateContext,
  profile: Profile,
  component: string,
  where: { file?: string; path: string },
  problems: Problem[],
): PlannedService {
  const filled = fillTemplate(
    {
      command: def.command,
      entrypoint: def.entrypoint,
      user: def.user,
      environment: def.environment,
      compose: def.compose,
      kubernetes: def.kubernetes,
    },
    context,
    where,
    problems,
  );
  const environment = Object.fromEntries(
    Object.entries(filled.environment).map(([k, v]) => [
      k,
      environmentValue(v),
    ]),
  );
  const resources = resourcesFor(def, profile);
  const overflow = jvmMemoryOverflow(resources);
  if (overflow)
    problems.push({
      ...where,
      path: `${where.path}.resources.${profile.id}`,
      message: overflow,
    });
  return {
    name,
    component,
    description: def.description,
    image: def.image,
    job: def.job,
    command: filled.command?.map(readComposeText),
    entrypoint: filled.entrypoint?.map(readComposeText),
    user: filled.user,
    environment,
    ports: def.ports,
    ...healthcheckOf(def),
    probe: def.health?.probe,
    resources,
    volumes: def.volumes.map(v => ({
      name: v.name,
      volume: `${component}-${v.name}`,
      mountPath: v.mountPath,
    })),
    mounts: def.mounts,
    dependsOn: [],
    compose: filled.compose,
    kubernetes: planKubernetes(
      def,
      filled.kubernetes,
      environment,
      profile,
      where,
      problems,
    ),
  };
}

/**
 * What only Kubernetes reads: replicas, the user, init containers and the
 * variables it replaces, for the profile (or the one it is based on).
 */
function planKubernetes(
  def: ServiceDefinition,
  filled: ServiceDefinition['kubernetes'],
  environment: Record<string, PlannedText>,
  profile: Profile,
  where: { file?: string; path: string },
  problems: Problem[],
): PlannedService['kubernetes'] {
  const forProfile =
    filled.profiles[profile.id] ?? filled.profiles[profile.basedOn ?? ''];
  const replicas = Number(forProfile?.replicas ?? filled.replicas);
  if (!Number.isInteger(replicas) || replicas < 0)
    problems.push({
      ...where,
      path: `${where.path}.kubernetes.replicas`,
      message: `must be a whole number of pods, got '${
        forProfile?.replicas ?? filled.replicas
      }'`,
    });
  const initContainers = forProfile?.initContainers ?? filled.initContainers;
  for (const init of initContainers)
    for (const v of init.volumes)
      if (!def.volumes.some(own => own.name === v.name))
        problems.push({
          ...where,
          path: `${where.path}.kubernetes.initContainers.${init.name}`,
          message: `mounts '${v.name}', which is not a volume of the service`,
        });
  const kubernetesEnvironment = { ...environment };
  for (const [k, v] of Object.entries({
    ...filled.environment,
    ...forProfile?.environment,
  })) {
    if (v === null) delete kubernetesEnvironment[k];
    else kubernetesEnvironment[k] = readComposeText(String(v));
  }
  return {
    replicas,
    runAsUser: def.kubernetes.runAsUser,
    runAsGroup: def.kubernetes.runAsGroup ?? def.kubernetes.runAsUser,
    environment: kubernetesEnvironment,
    initContainers,
    only: def.kubernetes.only,
  };
}

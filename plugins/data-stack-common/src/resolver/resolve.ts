import type {
  ComponentDescriptor,
  Secret,
  ServiceDefinition,
  Setting,
} from '../model/descriptor';
import type { ComponentLibrary } from '../model/library';
import { DataStackError, Problem, parseWith } from '../model/problems';
import { kubernetesId } from '../model/names';
import type { Profile } from '../model/profiles';
import { scaleCpu, scaleHeap, scaleMemory } from '../model/quantity';
import { DataStack, DataStackInput, dataStackSchema } from '../model/stackSpec';
import { computeBudget } from './budget';
import { orderByDependencies } from './order';
import type {
  PlannedComponent,
  PlannedService,
  StackPlan,
  WaitCondition,
} from './plan';
import { closest } from './suggest';
import { settingPattern } from '../model/settingPattern';
import { TemplateContext, fillTemplate } from './template';
import {
  PlannedResources,
  jvmMemoryOverflow,
  withDirectMemory,
} from './directMemory';

/** Validates a parsed `stack.yaml`; every problem names its field. */
export function parseDataStack(value: unknown): DataStack {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataStackError([
      {
        path: '',
        message:
          'is not a DataStack document (expected a YAML mapping with apiVersion, kind, metadata and spec)',
      },
    ]);
  }
  return parseWith(dataStackSchema, value);
}

interface Selection {
  descriptor: ComponentDescriptor;
  selected: boolean;
  addedBecause?: string;
}

/**
 * Resolves a stack spec against the library: adds required companions, wires
 * providers to consumers, fills every placeholder, orders start-up and sums
 * the resources. Throws a DataStackError listing every problem found.
 */
export function resolveStack(
  input: DataStack | DataStackInput | unknown,
  library: ComponentLibrary,
): StackPlan {
  const spec = parseDataStack(input);
  const problems: Problem[] = [];
  const fail = () => {
    if (problems.length) throw new DataStackError(problems);
  };

  const profile = library.profiles.get(spec.spec.profile);
  if (!profile) {
    problems.push({
      path: 'spec.profile',
      message: `unknown profile '${spec.spec.profile}'; profiles are ${[
        ...library.profiles.keys(),
      ].join(', ')}`,
    });
  }
  const seen = new Set<string>();
  spec.spec.components.forEach((id, i) => {
    if (seen.has(id)) {
      problems.push({
        path: `spec.components[${i}]`,
        message: `'${id}' is listed twice`,
      });
    }
    seen.add(id);
    if (!library.components.has(id)) {
      const hint = closest(id, library.components.keys());
      problems.push({
        path: `spec.components[${i}]`,
        message: `unknown component '${id}'${
          hint ? ` (did you mean '${hint}'?)` : ''
        }; run 'datastack components' to list them`,
      });
    }
  });
  fail();

  const selection = selectComponents(spec, library, problems);
  fail();
  checkConflicts(selection, problems);
  const settings = resolveSettings(spec, selection, problems);
  fail();

  const wiring = wireProviders(selection);
  const namespace = spec.spec.kubernetes.namespace ?? spec.metadata.name;
  const stack = {
    name: spec.metadata.name,
    namespace,
    description: spec.metadata.description ?? '',
  };
  const contexts = new Map<string, TemplateContext>();
  const provided = new Map<string, Record<string, Record<string, unknown>>>();

  // Capability data first, providers before consumers: a consumer's data may
  // quote its provider's (the Delta catalog names the S3 endpoint).
  const dataOrder = orderByDependencies([...selection.keys()], id =>
    Object.values(wiring.get(id)!.providers),
  );
  if ('cycle' in dataOrder) {
    throw new DataStackError([
      {
        path: 'spec.components',
        message: `capabilities depend on each other in a cycle: ${dataOrder.cycle.join(
          ' → ',
        )}`,
      },
    ]);
  }
  for (const id of dataOrder.order) {
    const d = selection.get(id)!.descriptor;
    const uses: Record<string, unknown> = {};
    for (const [capability, provider] of Object.entries(
      wiring.get(id)!.providers,
    )) {
      uses[capability] = {
        component: provider,
        ...provided.get(provider)![capability],
      };
    }
    const context: TemplateContext = {
      stack,
      profile: { id: profile!.id },
      component: { id, version: d.metadata.version, title: d.metadata.title },
      settings: settings.get(id)!,
      uses,
      resources: resourcesFor(d.spec.services[d.spec.primary ?? id], profile!),
    };
    contexts.set(id, context);
    provided.set(
      id,
      Object.fromEntries(
        Object.entries(d.spec.provides).map(([capability, p]) => [
          capability,
          fillTemplate(
            p.data,
            context,
            {
              file: library.files.get(id),
              path: `spec.provides.${capability}.data`,
            },
            problems,
          ),
        ]),
      ),
    );
  }

  const ordered = orderByDependencies(
    [...selection.keys()],
    id => wiring.get(id)!.waitsFor,
  );
  if ('cycle' in ordered) {
    throw new DataStackError([
      {
        path: 'spec.components',
        message: `start-up order has a cycle: ${ordered.cycle.join(' → ')}`,
      },
    ]);
  }
  const components = ordered.order.map(id =>
    planComponent({
      selection: selection.get(id)!,
      wiring: wiring.get(id)!,
      settings: settings.get(id)!,
      context: contexts.get(id)!,
      provided,
      profile: profile!,
      library,
      problems,
    }),
  );
  const byId = new Map(components.map(c => [c.id, c]));
  const claimed = new Set(
    components.flatMap(
      c => library.components.get(c.id)!.spec.metrics?.exporter ?? [],
    ),
  );
  for (const c of components) {
    c.metrics = planMetrics(c, byId, library, claimed);
  }
  checkServices(components, problems);
  for (const id of Object.keys(spec.spec.kubernetes.existingSecrets)) {
    const component = byId.get(id);
    if (!component || component.secrets.length === 0)
      problems.push({
        path: `spec.kubernetes.existingSecrets.${id}`,
        message: component
          ? `${id} has no secrets`
          : `${id} is not a component of this stack`,
      });
  }
  for (const c of components) {
    if (kubernetesId(spec.metadata.name, c.id).length > 63)
      problems.push({
        path: 'metadata.name',
        message: `'${kubernetesId(
          spec.metadata.name,
          c.id,
        )}' (the Kubernetes label of ${
          c.id
        }) is longer than 63 characters; shorten the stack name`,
      });
  }
  fail();

  const secrets = new Map<string, Secret>();
  for (const c of components)
    for (const s of c.secrets) if (!secrets.has(s.name)) secrets.set(s.name, s);

  return {
    stack: {
      name: spec.metadata.name,
      description: spec.metadata.description,
      owner: spec.metadata.owner,
      namespace,
      targets: spec.spec.targets,
      kubernetes: { ...spec.spec.kubernetes, namespace },
    },
    profile: profile!,
    components,
    secrets: [...secrets.values()],
    budget: computeBudget(profile!.id, components),
  };
}

/** Requirements in force: a `when` requirement only while its capability is provided. */
function activeRequirements(
  descriptor: ComponentDescriptor,
  selection: Map<string, Selection>,
) {
  return descriptor.spec.requires.filter(
    req => !req.when || providersOf(req.when, selection).length > 0,
  );
}

function providersOf(
  capability: string,
  selection: Map<string, Selection>,
): string[] {
  return [...selection.values()]
    .filter(s => Object.hasOwn(s.descriptor.spec.provides, capability))
    .map(s => s.descriptor.metadata.id);
}

/** Adds companions until every requirement of every component is met. */
function selectComponents(
  spec: DataStack,
  library: ComponentLibrary,
  problems: Problem[],
) {
  const selection = new Map<string, Selection>();
  for (const id of spec.spec.components) {
    selection.set(id, {
      descriptor: library.components.get(id)!,
      selected: true,
    });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { descriptor } of [...selection.values()]) {
      const id = descriptor.metadata.id;
      for (const req of activeRequirements(descriptor, selection)) {
        let add: string | undefined;
        let reason = '';
        if (req.component && !selection.has(req.component)) {
          add = req.component;
          reason = `required by ${id}`;
        } else if (
          req.capability &&
          providersOf(req.capability, selection).length === 0
        ) {
          if (!req.default) {
            const offering = [...library.components.values()]
              .filter(d => Object.hasOwn(d.spec.provides, req.capability!))
              .map(d => d.metadata.id);
            problems.push({
              path: 'spec.components',
              message: `${id} needs a component that provides '${
                req.capability
              }'; add one of: ${
                offering.join(', ') || '(none in the library)'
              }`,
            });
            continue;
          }
          if (selection.has(req.default)) {
            // Selected, yet no provider: the default does not provide it.
            problems.push({
              path: 'spec.components',
              message: `${id} needs '${req.capability}', which its default ${req.default} does not provide; fix the library`,
            });
            continue;
          }
          add = req.default;
          reason = `required by ${id} (${req.capability})`;
        }
        // Every pass adds a component not yet selected, so the loop ends.
        if (add && !selection.has(add)) {
          selection.set(add, {
            descriptor: library.components.get(add)!,
            selected: false,
            addedBecause: reason,
          });
          changed = true;
        }
      }
    }
  }
  return selection;
}

function checkConflicts(
  selection: Map<string, Selection>,
  problems: Problem[],
) {
  for (const { descriptor } of selection.values()) {
    const id = descriptor.metadata.id;
    for (const other of descriptor.spec.conflicts) {
      if (selection.has(other)) {
        problems.push({
          path: 'spec.components',
          message: `${id} conflicts with ${other}; choose one of them`,
        });
      }
    }
    for (const req of activeRequirements(descriptor, selection)) {
      const providers = req.component
        ? [req.component]
        : providersOf(req.capability!, selection);
      if (providers.length > 1) {
        problems.push({
          path: 'spec.components',
          message: `${id} needs exactly one provider of '${
            req.capability
          }', but ${providers.join(' and ')} both provide it; remove one`,
        });
      }
      if (req.matchVersion) {
        for (const p of providers) {
          const version = selection.get(p)?.descriptor.metadata.version;
          if (version && version !== descriptor.metadata.version) {
            problems.push({
              path: 'spec.components',
              message: `${id} ${descriptor.metadata.version} needs ${p} on the same version, found ${version}; align the versions in the component library`,
            });
          }
        }
      }
    }
  }
}

function checkSetting(setting: Setting, value: unknown): string | undefined {
  switch (setting.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return `must be an integer, got ${JSON.stringify(value)}`;
      if (setting.minimum !== undefined && value < setting.minimum)
        return `must be at least ${setting.minimum}`;
      if (setting.maximum !== undefined && value > setting.maximum)
        return `must be at most ${setting.maximum}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${JSON.stringify(value)}`;
    default:
      if (typeof value !== 'string')
        return `must be a string, got ${JSON.stringify(value)}`;
      if (setting.enum && !setting.enum.includes(value))
        return `must be one of ${setting.enum.join(', ')}`;
      if (setting.pattern && !settingPattern(setting.pattern).matches(value))
        return `must match ${setting.pattern}`;
      return undefined;
  }
}

/** Merges defaults with `spec.overrides`, checked against each descriptor. */
function resolveSettings(
  spec: DataStack,
  selection: Map<string, Selection>,
  problems: Problem[],
) {
  const settings = new Map<string, Record<string, string | number | boolean>>();
  for (const [id, { descriptor }] of selection) {
    settings.set(
      id,
      Object.fromEntries(
        Object.entries(descriptor.spec.settings).map(([k, s]) => [
          k,
          s.default,
        ]),
      ),
    );
  }
  for (const [id, overrides] of Object.entries(spec.spec.overrides)) {
    const current = settings.get(id);
    if (!current) {
      problems.push({
        path: `spec.overrides.${id}`,
        message: `${id} is not in the stack; add it to spec.components or remove the override`,
      });
      continue;
    }
    const declared = selection.get(id)!.descriptor.spec.settings;
    for (const [key, value] of Object.entries(overrides)) {
      const setting = Object.hasOwn(declared, key) ? declared[key] : undefined;
      if (!setting) {
        const names = Object.keys(declared);
        problems.push({
          path: `spec.overrides.${id}.${key}`,
          message: `${id} has no setting '${key}'; ${
            names.length
              ? `settings are ${names.join(', ')}`
              : 'it has no settings'
          }`,
        });
        continue;
      }
      const error = checkSetting(setting, value);
      if (error)
        problems.push({ path: `spec.overrides.${id}.${key}`, message: error });
      else current[key] = value;
    }
  }
  return settings;
}

interface Wiring {
  providers: Record<string, string>;
  collects: Record<string, string[]>;
  waitsFor: string[];
}

/** Decides who provides what to whom, and who waits for whom. */
function wireProviders(selection: Map<string, Selection>): Map<string, Wiring> {
  const wiring = new Map<string, Wiring>();
  for (const [id, { descriptor }] of selection) {
    const w: Wiring = { providers: {}, collects: {}, waitsFor: [] };
    for (const req of activeRequirements(descriptor, selection)) {
      const provider =
        req.component ?? providersOf(req.capability!, selection)[0];
      if (req.capability) w.providers[req.capability] = provider;
      if (req.wait && provider !== id && !w.waitsFor.includes(provider))
        w.waitsFor.push(provider);
    }
    for (const use of descriptor.spec.uses) {
      const providers = providersOf(use.capability, selection);
      w.collects[use.capability] = providers;
      if (use.wait)
        for (const p of providers)
          if (p !== id && !w.waitsFor.includes(p)) w.waitsFor.push(p);
    }
    wiring.set(id, w);
  }
  return wiring;
}

/** A service's resources in the chosen profile (custom profiles scale a built-in one). */
function resourcesFor(
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

/** How a dependent waits for a service: healthy, or a job that finished. */
const conditionOf = (job: boolean): WaitCondition =>
  job ? 'service_completed_successfully' : 'service_healthy';

interface PlanComponentArgs {
  selection: Selection;
  wiring: Wiring;
  settings: Record<string, string | number | boolean>;
  context: TemplateContext;
  provided: Map<string, Record<string, Record<string, unknown>>>;
  profile: Profile;
  library: ComponentLibrary;
  problems: Problem[];
}

/** A component's primary service and whether it is a one-shot job. */
function primaryOf(library: ComponentLibrary, id: string) {
  const d = library.components.get(id)!;
  const name = d.spec.primary ?? id;
  return { name, job: d.spec.services[name].job };
}

function planComponent(args: PlanComponentArgs): PlannedComponent {
  const {
    selection,
    wiring,
    settings,
    context: base,
    provided,
    profile,
    library,
    problems,
  } = args;
  const d = selection.descriptor;
  const id = d.metadata.id;
  const source = library.files.get(id)!;
  const primary = d.spec.primary ?? id;
  const provides = provided.get(id)!;

  // Jobs the providers run for this component: create its database, bucket, user.
  const consumerJobs: PlannedService[] = [];
  for (const [i, req] of d.spec.requires.entries()) {
    // Only requirements in force are wired.
    const provider = req.capability && wiring.providers[req.capability];
    const job =
      provider &&
      library.components.get(provider)!.spec.provides[req.capability!]
        ?.consumerJob;
    if (!provider || !job) continue;
    const context = {
      ...base,
      // A request may quote the consumer's own plan (a bucket the metastore names).
      request: fillTemplate(
        req.request ?? {},
        base,
        { file: source, path: `spec.requires[${i}].request` },
        problems,
      ),
      provider: provided.get(provider)![req.capability!],
      consumer: { id },
    };
    const service = planService(
      `${id}-${job.name}`,
      job.service,
      context,
      profile,
      id,
      {
        file: library.files.get(provider),
        path: `spec.provides.${req.capability}.consumerJob.service`,
      },
      problems,
    );
    service.dependsOn.push({
      service: primaryOf(library, provider).name,
      condition: 'service_healthy',
    });
    consumerJobs.push(service);
  }

  const own = Object.entries(d.spec.services).map(([name, def]) =>
    planService(
      name,
      def,
      { ...base, resources: resourcesFor(def, profile) },
      profile,
      id,
      { file: source, path: `spec.services.${name}` },
      problems,
    ),
  );
  for (const service of own) {
    const def = d.spec.services[service.name];
    for (const dep of def.dependsOn) {
      service.dependsOn.push({
        service: dep,
        condition: conditionOf(d.spec.services[dep].job),
      });
    }
    // Only the entry points of the component's own graph wait for other components.
    if (def.dependsOn.length === 0) {
      for (const provider of wiring.waitsFor) {
        const p = primaryOf(library, provider);
        service.dependsOn.push({
          service: p.name,
          condition: conditionOf(p.job),
        });
      }
      for (const job of consumerJobs) {
        service.dependsOn.push({
          service: job.name,
          condition: 'service_completed_successfully',
        });
      }
    }
  }

  // Secrets providers list for consumers that asked to receive them, in
  // every long-running service (Trino's workers read the catalogs too).
  for (const use of d.spec.uses) {
    if (!use.passSecrets) continue;
    for (const provider of wiring.collects[use.capability]) {
      const names = provided.get(provider)?.[use.capability]?.secrets ?? [];
      for (const name of names as string[]) {
        for (const service of own.filter(s => !s.job)) {
          if (!service.kubernetes.only)
            service.environment[name] ??= `\${${name}}`;
          service.kubernetes.environment[name] ??= `\${${name}}`;
        }
      }
    }
  }

  return {
    id,
    source,
    title: d.metadata.title,
    description: d.metadata.description,
    layer: d.metadata.layer,
    version: d.metadata.version,
    docs: d.metadata.docs,
    companion: d.metadata.companion,
    selected: selection.selected,
    addedBecause: selection.addedBecause,
    primary,
    settings,
    providers: wiring.providers,
    collects: wiring.collects,
    dependsOn: wiring.waitsFor,
    provides,
    configs: fillTemplate(
      d.spec.configs,
      base,
      { file: source, path: 'spec.configs' },
      problems,
    ),
    files: d.spec.files,
    secrets: d.spec.secrets,
    links: d.spec.links,
    catalog: d.spec.catalog,
    services: [...consumerJobs, ...own],
  };
}

/**
 * An environment value: a placeholder may stand for a document (a request's
 * access policy), which the container gets serialised as JSON, never as text
 * put together by hand.
 */
const environmentValue = (value: unknown) =>
  value !== null && typeof value === 'object'
    ? JSON.stringify(value)
    : String(value);

/** The compose healthcheck, or why the descriptor has none. */
function healthcheckOf(
  def: ServiceDefinition,
): Pick<PlannedService, 'healthcheck' | 'healthcheckDisabled'> {
  const compose = def.health?.compose;
  if (compose && 'disable' in compose)
    return { healthcheckDisabled: compose.reason };
  return { healthcheck: compose };
}

function planService(
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
  const forProfile =
    filled.kubernetes.profiles[profile.id] ??
    filled.kubernetes.profiles[profile.basedOn ?? ''];
  const replicas = Number(forProfile?.replicas ?? filled.kubernetes.replicas);
  if (!Number.isInteger(replicas) || replicas < 0)
    problems.push({
      ...where,
      path: `${where.path}.kubernetes.replicas`,
      message: `must be a whole number of pods, got '${
        forProfile?.replicas ?? filled.kubernetes.replicas
      }'`,
    });
  const resources = resourcesFor(def, profile);
  const overflow = jvmMemoryOverflow(resources);
  if (overflow)
    problems.push({
      ...where,
      path: `${where.path}.resources.${profile.id}`,
      message: overflow,
    });
  const initContainers =
    forProfile?.initContainers ?? filled.kubernetes.initContainers;
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
    ...filled.kubernetes.environment,
    ...forProfile?.environment,
  })) {
    if (v === null) delete kubernetesEnvironment[k];
    else kubernetesEnvironment[k] = String(v);
  }
  return {
    name,
    component,
    description: def.description,
    image: def.image,
    job: def.job,
    command: filled.command,
    entrypoint: filled.entrypoint,
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
    kubernetes: {
      replicas,
      runAsUser: def.kubernetes.runAsUser,
      runAsGroup: def.kubernetes.runAsGroup ?? def.kubernetes.runAsUser,
      environment: kubernetesEnvironment,
      initContainers,
      only: def.kubernetes.only,
    },
  };
}

/**
 * Where Prometheus scrapes a component, in a job named after it: its own
 * endpoint, or the endpoint its exporter declares. An exporter another
 * component claims gets no job of its own.
 */
function planMetrics(
  c: PlannedComponent,
  planned: Map<string, PlannedComponent>,
  library: ComponentLibrary,
  claimed: Set<string>,
): PlannedComponent['metrics'] {
  const m = library.components.get(c.id)!.spec.metrics;
  if (!m || claimed.has(c.id)) return undefined;
  // An exporter is only in the plan while something scrapes it.
  const server = m.exporter ? planned.get(m.exporter) : c;
  if (!server) return undefined;
  const endpoint = m.exporter
    ? library.components.get(m.exporter)!.spec.metrics!
    : m;
  const targets = (endpoint.services ?? [server.primary]).map(name => {
    const service = server.services.find(s => s.name === name)!;
    return `${name}:${service.ports.find(p => p.name === endpoint.port)!.port}`;
  });
  return {
    job: c.id,
    targets,
    path: endpoint.path,
    scrape: { ...endpoint.scrape, ...m.scrape },
    card: m.card,
  };
}

/** Service names and host ports must be unique across the whole stack. */
function checkServices(components: PlannedComponent[], problems: Problem[]) {
  const names = new Map<string, string>();
  const hostPorts = new Map<number, string>();
  for (const c of components) {
    for (const s of c.services) {
      const other = names.get(s.name);
      if (other)
        problems.push({
          path: 'spec.components',
          message: `${c.id} and ${other} both define a service named '${s.name}'`,
        });
      names.set(s.name, c.id);
      for (const p of s.ports) {
        if (p.hostPort === undefined) continue;
        const taken = hostPorts.get(p.hostPort);
        if (taken)
          problems.push({
            path: 'spec.components',
            message: `${s.name} and ${taken} both publish host port ${p.hostPort}; change hostPort in one descriptor`,
          });
        hostPorts.set(p.hostPort, s.name);
      }
    }
  }
}

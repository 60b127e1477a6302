import type { ComponentDescriptor, Secret } from '../model/descriptor';
import type { ComponentLibrary } from '../model/library';
import { DataStackError, Problem, parseWith } from '../model/problems';
import { kubernetesId } from '../model/names';
import type { Profile } from '../model/profiles';
import { DataStack, DataStackInput, dataStackSchema } from '../model/stackSpec';
import { computeBudget } from './budget';
import { orderByDependencies } from './order';
import type { PlannedComponent, StackPlan } from './plan';
import { planComponent } from './planComponent';
import { planMetrics } from './planMetrics';
import { resourcesFor } from './planService';
import { Selection, checkConflicts, selectComponents } from './selection';
import { resolveSettings } from './settings';
import { closest } from './suggest';
import { TemplateContext, fillTemplate } from './template';
import { Wiring, wireProviders } from './wiring';

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

  const profile = profileOf(spec, library, problems);
  checkComponentList(spec, library, problems);
  fail();
  const selection = selectComponents(spec, library, problems);
  fail();
  checkConflicts(selection, problems);
  const settings = resolveSettings(spec, selection, problems);
  fail();

  const wiring = wireProviders(selection);
  const namespace = spec.spec.kubernetes.namespace ?? spec.metadata.name;
  const { contexts, provided } = capabilityData({
    stack: {
      name: spec.metadata.name,
      namespace,
      description: spec.metadata.description ?? '',
    },
    profile: profile!,
    selection,
    wiring,
    settings,
    library,
    problems,
  });
  const components = startupOrder(selection, wiring).map(id =>
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
  addMetrics(components, library);
  checkServices(components, problems);
  checkExistingSecrets(spec, components, problems);
  checkLabelLengths(spec, components, problems);
  fail();

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
    secrets: stackSecrets(components),
    budget: computeBudget(profile!.id, components),
  };
}

/** The stack's size profile, or a problem listing the library's. */
function profileOf(
  spec: DataStack,
  library: ComponentLibrary,
  problems: Problem[],
): Profile | undefined {
  const profile = library.profiles.get(spec.spec.profile);
  if (!profile)
    problems.push({
      path: 'spec.profile',
      message: `unknown profile '${spec.spec.profile}'; profiles are ${[
        ...library.profiles.keys(),
      ].join(', ')}`,
    });
  return profile;
}

/** Each chosen component once, and in the library. */
function checkComponentList(
  spec: DataStack,
  library: ComponentLibrary,
  problems: Problem[],
) {
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
}

interface CapabilityDataArgs {
  stack: { name: string; namespace: string; description: string };
  profile: Profile;
  selection: Map<string, Selection>;
  wiring: Map<string, Wiring>;
  settings: Map<string, Record<string, string | number | boolean>>;
  library: ComponentLibrary;
  problems: Problem[];
}

/**
 * Each component's placeholder context and the capability data it offers,
 * providers before consumers: a consumer's data may quote its provider's
 * (the Delta catalog names the S3 endpoint).
 */
function capabilityData(args: CapabilityDataArgs) {
  const { stack, profile, selection, wiring, settings, library, problems } =
    args;
  const contexts = new Map<string, TemplateContext>();
  const provided = new Map<string, Record<string, Record<string, unknown>>>();
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
      profile: { id: profile.id },
      component: { id, version: d.metadata.version, title: d.metadata.title },
      settings: settings.get(id)!,
      uses,
      resources: resourcesFor(d.spec.services[d.spec.primary ?? id], profile),
    };
    contexts.set(id, context);
    provided.set(id, providedData(d, context, library, problems));
  }
  return { contexts, provided };
}

/** What a component offers each capability's consumers, placeholders filled. */
function providedData(
  d: ComponentDescriptor,
  context: TemplateContext,
  library: ComponentLibrary,
  problems: Problem[],
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(d.spec.provides).map(([capability, p]) => [
      capability,
      fillTemplate(
        p.data,
        context,
        {
          file: library.files.get(d.metadata.id),
          path: `spec.provides.${capability}.data`,
        },
        problems,
      ),
    ]),
  );
}

/** Components in start-up order: everyone after what it waits for. */
function startupOrder(
  selection: Map<string, Selection>,
  wiring: Map<string, Wiring>,
): string[] {
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
  return ordered.order;
}

/** Each component's metrics endpoints; an exporter another claims has none. */
function addMetrics(components: PlannedComponent[], library: ComponentLibrary) {
  const byId = new Map(components.map(c => [c.id, c]));
  const claimed = new Set(
    components.flatMap(
      c => library.components.get(c.id)!.spec.metrics?.exporter ?? [],
    ),
  );
  for (const c of components)
    c.metrics = planMetrics(c, byId, library, claimed);
}

/** A Secret the stack names for a component that has secrets. */
function checkExistingSecrets(
  spec: DataStack,
  components: PlannedComponent[],
  problems: Problem[],
) {
  for (const id of Object.keys(spec.spec.kubernetes.existingSecrets)) {
    const component = components.find(c => c.id === id);
    if (!component || component.secrets.length === 0)
      problems.push({
        path: `spec.kubernetes.existingSecrets.${id}`,
        message: component
          ? `${id} has no secrets`
          : `${id} is not a component of this stack`,
      });
  }
}

/** Every component's Kubernetes label fits the 63 characters a label may hold. */
function checkLabelLengths(
  spec: DataStack,
  components: PlannedComponent[],
  problems: Problem[],
) {
  for (const c of components) {
    const label = kubernetesId(spec.metadata.name, c.id);
    if (label.length > 63)
      problems.push({
        path: 'metadata.name',
        message: `'${label}' (the Kubernetes label of ${c.id}) is longer than 63 characters; shorten the stack name`,
      });
  }
}

/** The stack's secrets, each once, in start-up order of their first owner. */
function stackSecrets(components: PlannedComponent[]): Secret[] {
  const secrets = new Map<string, Secret>();
  for (const c of components)
    for (const s of c.secrets) if (!secrets.has(s.name)) secrets.set(s.name, s);
  return [...secrets.values()];
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

import { ComponentDescriptor, componentDescriptorSchema } from './descriptor';
import { DataStackError, Problem, parseWith } from './problems';
import { orderByDependencies } from '../resolver/order';
import {
  BUILT_IN_PROFILES,
  Profile,
  builtInProfiles,
  profilesFileSchema,
} from './profiles';

/** The component library: every descriptor plus the size profiles. */
export interface ComponentLibrary {
  components: ReadonlyMap<string, ComponentDescriptor>;
  profiles: ReadonlyMap<string, Profile>;
  /** Component id → its descriptor file, as problems name it. */
  files: ReadonlyMap<string, string>;
}

/** Where a descriptor lives when the library was not read from disk. */
export const defaultDescriptorFile = (id: string) =>
  `services/${id}/component.yaml`;

/** Validates one parsed `component.yaml`; `source` names it in problems. */
export function parseComponentDescriptor(
  value: unknown,
  source: string,
): ComponentDescriptor {
  const descriptor = parseWith(componentDescriptorSchema, value, source);
  const problems: Problem[] = [];
  const { spec } = descriptor;
  const primary = spec.primary ?? descriptor.metadata.id;
  if (!Object.hasOwn(spec.services, primary)) {
    problems.push({
      file: source,
      path: 'spec.primary',
      message: `names no service; services are ${Object.keys(
        spec.services,
      ).join(', ')}`,
    });
  }
  for (const [name, service] of Object.entries(spec.services)) {
    const portNames = new Set(service.ports.map(p => p.name));
    for (const dep of service.dependsOn) {
      if (!Object.hasOwn(spec.services, dep)) {
        problems.push({
          file: source,
          path: `spec.services.${name}.dependsOn`,
          message: `'${dep}' is not a service of this component`,
        });
      }
    }
    if (!service.job && !service.health) {
      problems.push({
        file: source,
        path: `spec.services.${name}.health`,
        message: 'a long-running service needs a health check',
      });
    }
    if (service.health?.probe && !portNames.has(service.health.probe.port)) {
      problems.push({
        file: source,
        path: `spec.services.${name}.health.probe.port`,
        message: `'${service.health.probe.port}' is not a port of the service`,
      });
    }
  }
  const order = orderByDependencies(Object.keys(spec.services), name =>
    spec.services[name].dependsOn.filter(dep =>
      Object.hasOwn(spec.services, dep),
    ),
  );
  if ('cycle' in order)
    problems.push({
      file: source,
      path: 'spec.services',
      message: `services wait for each other in a cycle: ${order.cycle.join(
        ' → ',
      )}; nothing in it would ever start`,
    });
  if (spec.metrics?.port) {
    for (const name of spec.metrics.services ?? [primary]) {
      const service = Object.hasOwn(spec.services, name)
        ? spec.services[name]
        : undefined;
      if (!service || !service.ports.some(p => p.name === spec.metrics!.port)) {
        problems.push({
          file: source,
          path: 'spec.metrics.port',
          message: `'${spec.metrics.port}' is not a port of service ${name}`,
        });
      }
    }
  }
  if (
    spec.metrics?.exporter &&
    !spec.requires.some(
      r =>
        r.component === spec.metrics!.exporter ||
        r.default === spec.metrics!.exporter,
    )
  ) {
    problems.push({
      file: source,
      path: 'spec.metrics.exporter',
      message: `'${spec.metrics.exporter}' must also be required in spec.requires (as the component or a capability's default)`,
    });
  }
  spec.links.forEach((link, i) => {
    const service = link.service ?? primary;
    if (
      !(spec.services[service]?.ports ?? []).some(p => p.name === link.port)
    ) {
      problems.push({
        file: source,
        path: `spec.links[${i}].port`,
        message: `'${link.port}' is not a port of service ${service}`,
      });
    }
  });
  if (problems.length) throw new DataStackError(problems);
  return descriptor;
}

/** Validates a parsed `profiles.yaml`. */
export function parseProfiles(value: unknown, source: string): Profile[] {
  return parseWith(profilesFileSchema, value, source).profiles;
}

/**
 * Builds a library and checks what one descriptor cannot check alone:
 * unique ids, and that every component a descriptor names exists.
 */
export function createComponentLibrary(
  descriptors: ComponentDescriptor[],
  extraProfiles: Profile[] = [],
  descriptorFiles: ReadonlyMap<string, string> = new Map(),
): ComponentLibrary {
  const files = new Map(
    descriptors.map(d => [
      d.metadata.id,
      descriptorFiles.get(d.metadata.id) ??
        defaultDescriptorFile(d.metadata.id),
    ]),
  );
  const problems: Problem[] = [];
  const components = new Map<string, ComponentDescriptor>();
  for (const d of descriptors) {
    if (components.has(d.metadata.id)) {
      problems.push({
        file: files.get(d.metadata.id),
        path: 'metadata.id',
        message: `'${d.metadata.id}' is defined twice`,
      });
    }
    components.set(d.metadata.id, d);
  }
  for (const d of descriptors) {
    const exporter = d.spec.metrics?.exporter;
    if (
      exporter &&
      components.has(exporter) &&
      !components.get(exporter)!.spec.metrics?.port
    ) {
      problems.push({
        file: files.get(exporter),
        path: 'spec.metrics.port',
        message: `must name the port ${d.metadata.id} is scraped on, since ${d.metadata.id} uses this component as its exporter`,
      });
    }
    d.spec.requires.forEach((r, i) => {
      const provider = r.default && components.get(r.default);
      if (
        r.capability &&
        provider &&
        !Object.hasOwn(provider.spec.provides, r.capability)
      )
        problems.push({
          file: files.get(d.metadata.id),
          path: `spec.requires[${i}].default`,
          message: `'${r.default}' does not provide '${r.capability}'; name a component whose spec.provides lists it`,
        });
    });
    const named = [
      ...d.spec.requires.flatMap(r => [r.component, r.default]),
      ...d.spec.conflicts,
    ].filter((id): id is string => Boolean(id));
    for (const id of named) {
      if (!components.has(id)) {
        problems.push({
          file: files.get(d.metadata.id),
          path: 'spec',
          message: `names component '${id}', which is not in the library`,
        });
      }
    }
  }
  const profiles = new Map<string, Profile>(
    builtInProfiles.map(p => [p.id, p]),
  );
  for (const p of extraProfiles) {
    if (profiles.has(p.id)) {
      problems.push({
        path: `profiles.${p.id}`,
        message: `is defined twice (built-in profiles are ${BUILT_IN_PROFILES.join(
          ', ',
        )})`,
      });
    }
    profiles.set(p.id, p);
  }
  if (problems.length) throw new DataStackError(problems);
  return { components, profiles, files };
}

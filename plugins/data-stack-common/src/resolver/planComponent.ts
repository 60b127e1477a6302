import type { ComponentLibrary } from '../model/library';
import type { Problem } from '../model/problems';
import type { Profile } from '../model/profiles';
import { secretText } from './composeSyntax';
import type { PlannedComponent, PlannedService, WaitCondition } from './plan';
import { planService, resourcesFor } from './planService';
import type { Selection } from './selection';
import { TemplateContext, fillTemplate } from './template';
import type { Wiring } from './wiring';

/** How a dependent waits for a service: healthy, or a job that finished. */
const conditionOf = (job: boolean): WaitCondition =>
  job ? 'service_completed_successfully' : 'service_healthy';

export interface PlanComponentArgs {
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

/**
 * One component of the plan: its services (the jobs its providers run for
 * it first), their waits, and the capability data it offers.
 */
export function planComponent(args: PlanComponentArgs): PlannedComponent {
  const { selection, wiring, settings, context: base, provided } = args;
  const { library, problems } = args;
  const d = selection.descriptor;
  const id = d.metadata.id;
  const source = library.files.get(id)!;
  const primary = d.spec.primary ?? id;
  const provides = provided.get(id)!;
  const consumerJobs = planConsumerJobs(args);
  const own = planOwnServices(args);
  addWaits(args, own, consumerJobs);
  passCollectedSecrets(args, own);

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
    portal: d.spec.portal,
    catalog: d.spec.catalog,
    services: [...consumerJobs, ...own],
  };
}

/** Jobs the providers run for this component: create its database, bucket, user. */
function planConsumerJobs(args: PlanComponentArgs): PlannedService[] {
  const { selection, wiring, context: base, provided, profile } = args;
  const { library, problems } = args;
  const d = selection.descriptor;
  const id = d.metadata.id;
  const source = library.files.get(id)!;
  const jobs: PlannedService[] = [];
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
    jobs.push(service);
  }
  return jobs;
}

/** The component's own services, as its descriptor declares them. */
function planOwnServices(args: PlanComponentArgs): PlannedService[] {
  const { selection, context: base, profile, library, problems } = args;
  const d = selection.descriptor;
  const id = d.metadata.id;
  const source = library.files.get(id)!;
  return Object.entries(d.spec.services).map(([name, def]) =>
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
}

/**
 * What each service waits for: its own component's services it names, and,
 * for the entry points of that graph only, the providers and consumer jobs.
 */
function addWaits(
  { selection, wiring, library }: PlanComponentArgs,
  own: PlannedService[],
  consumerJobs: PlannedService[],
) {
  const services = selection.descriptor.spec.services;
  for (const service of own) {
    const def = services[service.name];
    for (const dep of def.dependsOn) {
      service.dependsOn.push({
        service: dep,
        condition: conditionOf(services[dep].job),
      });
    }
    if (def.dependsOn.length > 0) continue;
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

/**
 * Secrets providers list for consumers that asked to receive them, in
 * every long-running service (Trino's workers read the catalogs too).
 */
function passCollectedSecrets(
  { selection, wiring, provided }: PlanComponentArgs,
  own: PlannedService[],
) {
  for (const use of selection.descriptor.spec.uses) {
    if (!use.passSecrets) continue;
    for (const provider of wiring.collects[use.capability]) {
      const names = provided.get(provider)?.[use.capability]?.secrets ?? [];
      for (const name of names as string[]) {
        for (const service of own.filter(s => !s.job)) {
          if (!service.kubernetes.only)
            service.environment[name] ??= secretText(name);
          service.kubernetes.environment[name] ??= secretText(name);
        }
      }
    }
  }
}

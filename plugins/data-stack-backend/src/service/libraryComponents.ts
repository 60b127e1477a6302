import {
  ComponentDescriptor,
  ComponentsResponse,
  DATA_STACK_API_VERSION,
  DataStackError,
  LibraryComponent,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { LoadedLibrary } from '@big-data-stack/backstage-plugin-data-stack-node';

/** Answers are computed once per loaded library, which lives as long as the backend. */
const answers = new WeakMap<LoadedLibrary, ComponentsResponse>();

/**
 * The answer of `GET /components`: every component of the loaded library,
 * all layers included, with what choosing it alone brings (the resolver's
 * companions) and what it needs in each profile, by title.
 */
export function libraryComponents(library: LoadedLibrary): ComponentsResponse {
  let answer = answers.get(library);
  if (!answer) {
    answer = {
      components: [...library.components.values()]
        .map(d => describeComponent(library, d))
        .sort((a, b) => a.title.localeCompare(b.title)),
    };
    answers.set(library, answer);
  }
  return answer;
}

/** A stack of one component in one profile, as the resolver plans it. */
const planAlone = (library: LoadedLibrary, id: string, profile: string) =>
  resolveStack(
    {
      apiVersion: DATA_STACK_API_VERSION,
      kind: 'DataStack',
      metadata: { name: 'library' },
      spec: { profile, components: [id] },
    },
    library,
  );

function describeComponent(
  library: LoadedLibrary,
  d: ComponentDescriptor,
): LibraryComponent {
  const id = d.metadata.id;
  const profiles = [...library.profiles.keys()];
  const first = profiles.includes('dev') ? 'dev' : profiles[0];
  let adds: LibraryComponent['adds'] = [];
  let problem: string | undefined;
  const resources: LibraryComponent['resources'] = [];
  for (const profile of profiles) {
    try {
      const plan = planAlone(library, id, profile);
      if (profile === first)
        adds = plan.components
          .filter(c => !c.selected)
          .map(c => ({ id: c.id, reason: c.addedBecause ?? '' }));
      const own = plan.budget.components.find(c => c.id === id)!;
      resources.push({
        profile,
        cpu: own.cpu,
        memoryMi: own.memoryMi,
        diskMi: own.diskMi,
      });
    } catch (error) {
      if (!(error instanceof DataStackError)) throw error;
      problem ??= error.problems.map(p => p.message).join('; ');
    }
  }
  return {
    id,
    title: d.metadata.title,
    description: d.metadata.description,
    layer: d.metadata.layer,
    version: d.metadata.version,
    ...(d.metadata.docs && { docs: d.metadata.docs }),
    companion: d.metadata.companion,
    origin: library.origins.get(id) ?? { kind: 'shipped', location: '' },
    requires: d.spec.requires.map(r => r.component ?? r.capability ?? ''),
    adds,
    ...(problem && { problem }),
    resources,
  };
}

import type { ComponentDescriptor } from '../model/descriptor';
import type { ComponentLibrary } from '../model/library';
import type { Problem } from '../model/problems';
import type { DataStack } from '../model/stackSpec';

/** A component in the stack: chosen in stack.yaml, or added for another. */
export interface Selection {
  descriptor: ComponentDescriptor;
  selected: boolean;
  addedBecause?: string;
}

/** Requirements in force: a `when` requirement only while its capability is provided. */
export function activeRequirements(
  descriptor: ComponentDescriptor,
  selection: Map<string, Selection>,
) {
  return descriptor.spec.requires.filter(
    req => !req.when || providersOf(req.when, selection).length > 0,
  );
}

export function providersOf(
  capability: string,
  selection: Map<string, Selection>,
): string[] {
  return [...selection.values()]
    .filter(s => Object.hasOwn(s.descriptor.spec.provides, capability))
    .map(s => s.descriptor.metadata.id);
}

/** Adds companions until every requirement of every component is met. */
export function selectComponents(
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

export function checkConflicts(
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

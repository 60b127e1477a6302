import { activeRequirements, providersOf, Selection } from './selection';

/** Who provides each capability to a component, and whom it waits for. */
export interface Wiring {
  providers: Record<string, string>;
  collects: Record<string, string[]>;
  waitsFor: string[];
}

/** Decides who provides what to whom, and who waits for whom. */
export function wireProviders(
  selection: Map<string, Selection>,
): Map<string, Wiring> {
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

import type { ComponentLibrary } from '../model/library';
import type { PlannedComponent } from './plan';

/**
 * Where Prometheus scrapes a component, in a job named after it: its own
 * endpoint, or the endpoint its exporter declares. An exporter another
 * component claims gets no job of its own.
 */
export function planMetrics(
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
  const endpoints = (endpoint.services ?? [server.primary]).map(name => {
    const service = server.services.find(s => s.name === name)!;
    const port = service.ports.find(p => p.name === endpoint.port)!;
    return { service: name, portName: port.name, port: port.port };
  });
  return {
    job: c.id,
    endpoints,
    path: endpoint.path,
    scrape: { ...endpoint.scrape, ...m.scrape },
    card: m.card,
  };
}

import type {
  ComponentDescriptor,
  ComponentStatus,
  HealthState,
  ServiceHealth,
  StackStatusResponse,
  StatusReasonCode,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type pLimit from 'p-limit';
import type { StatusConfig } from '../config/statusConfig';
import type { ProbeResult } from '../probes/probeResult';
import type { ProbeTypeRegistry } from '../probes/probeTypeRegistry';
import { runProbe } from '../probes/runProbe';
import { StackRef, endpointOf, runningServices } from './endpoints';
import { SharedCache, stackKey } from './sharedCache';
import type { StackSubject } from './stackSubject';

/** Healthy when every probed service is; down when all are; degraded between. */
export function overallStatus(services: ServiceHealth[]): HealthState {
  const probed = services.filter(s => s.status !== 'unknown');
  if (probed.length === 0) return 'unknown';
  if (probed.every(s => s.status === 'healthy')) return 'healthy';
  if (probed.every(s => s.status === 'down')) return 'down';
  return 'degraded';
}

/**
 * The code of a probe's reason: a failed probe found nothing answering
 * (`down`) or a wrong answer (`degraded`); a healthy one with a reason
 * checked less than its descriptor asks (runProbe.ts).
 */
const PROBE_REASON_CODES: Record<ProbeResult['status'], StatusReasonCode> = {
  down: 'unreachable',
  degraded: 'bad-answer',
  healthy: 'partial-check',
};

/**
 * True when no component answered: at least one is down, and every other
 * one is down too or publishes no port, or has a probe of a type this
 * backend lacks. Components with nothing to probe (not in the library, no
 * probe) say nothing either way; one still being checked (`settled` is
 * then short of `total`) might yet answer.
 */
export function nothingAnswers(
  settled: ComponentStatus[],
  total: number,
): boolean {
  if (settled.length < total) return false;
  const telling = settled.filter(c => c.services.length > 0);
  return (
    telling.some(c => c.status === 'down') &&
    telling.every(
      c =>
        c.status === 'down' ||
        (c.status === 'unknown' &&
          c.services.every(
            s => s.unpublished || s.code === 'unknown-probe-type',
          )),
    )
  );
}

/**
 * Probes each component's services as its descriptor says, through the
 * shared cache and a backend-wide concurrency limit.
 */
export class StatusService {
  constructor(
    private readonly options: {
      config: StatusConfig;
      cache: SharedCache;
      limit: pLimit.Limit;
      /** The built-in probe types and those backend modules added. */
      probeTypes: ProbeTypeRegistry;
    },
  ) {}

  /**
   * Every component of the stack. The answer never waits longer than one
   * probe timeout: a component whose probes are still queued is reported
   * as being checked and fills the cache for the next request.
   */
  async stackStatus(subject: StackSubject): Promise<StackStatusResponse> {
    const { probeTimeoutMs } = this.options.config;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>(resolve => {
      timer = setTimeout(resolve, probeTimeoutMs + 50);
    });
    // Components answered by the placeholder: not known yet to be silent.
    const pending = new Set<string>();
    try {
      const components = await Promise.all([
        ...subject.components.map(async descriptor => {
          const status = this.componentStatus(subject.stack, descriptor);
          const late = deadline.then(() => {
            pending.add(descriptor.metadata.id);
            return placeholder(descriptor, 'still being checked', 'pending');
          });
          // The catalog's part is the caller's, not the shared cache's.
          const own = subject.entities.get(descriptor.metadata.id);
          return {
            ...(await Promise.race([status, late])),
            ...(own && { entityRef: own.entityRef }),
            ...(own?.links.length && { links: own.links }),
          };
        }),
        ...subject.unknown.map(id =>
          Promise.resolve<ComponentStatus>({
            id,
            title: id,
            layer: 'unknown',
            status: 'unknown',
            checkedAt: new Date().toISOString(),
            reason: `${id} is not in this backend's component library`,
            code: 'not-in-library',
            services: [],
          }),
        ),
      ]);
      const silent = nothingAnswers(
        components.filter(c => !pending.has(c.id)),
        components.length,
      );
      return {
        stack: subject.stack.name,
        components,
        ...(silent && {
          notRunning: {
            runsOn:
              this.options.config.pattern?.port === 'container'
                ? 'kubernetes'
                : 'compose',
          },
        }),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  componentStatus(
    stack: StackRef,
    descriptor: ComponentDescriptor,
  ): Promise<ComponentStatus> {
    return this.options.cache.get(
      stackKey('status', stack, descriptor.metadata.id),
      () => this.probeComponent(stack, descriptor),
    );
  }

  private async probeComponent(
    stack: StackRef,
    descriptor: ComponentDescriptor,
  ): Promise<ComponentStatus> {
    const { config, limit, probeTypes } = this.options;
    const secrets = config.stacks.get(stack.name)?.secrets;
    const services = await Promise.all(
      runningServices(descriptor, config)
        .filter(([, s]) => s.health?.probe)
        .map(async ([name, definition]): Promise<ServiceHealth> => {
          const probe = definition.health!.probe!;
          const lookup = endpointOf(
            config,
            stack,
            name,
            definition,
            probe.port,
          );
          if ('reason' in lookup)
            return {
              service: name,
              status: 'unknown',
              reason: lookup.reason,
              code: lookup.code,
              ...(lookup.code === 'unpublished' && { unpublished: true }),
            };
          const result = await limit(() =>
            runProbe(
              probeTypes,
              lookup.endpoint,
              probe,
              secrets,
              config.probeTimeoutMs,
            ),
          );
          if (result.status === 'unknown') return { service: name, ...result };
          return {
            service: name,
            ...result,
            ...(result.reason && { code: PROBE_REASON_CODES[result.status] }),
          };
        }),
    );
    const primary = descriptor.spec.primary ?? descriptor.metadata.id;
    const lead = services.find(s => s.service === primary) ?? services[0];
    const status = overallStatus(services);
    // A probe's failure says more than a port that is not published.
    const troubled =
      services.find(s => !['healthy', 'unknown'].includes(s.status)) ??
      services.find(s => s.status !== 'healthy' && s.reason) ??
      services.find(s => s.reason);
    const latencies = services.flatMap(s =>
      s.latencyMs === undefined ? [] : [s.latencyMs],
    );
    const version = lead?.version ?? services.find(s => s.version)?.version;
    const reason =
      (troubled &&
        (services.length > 1
          ? `${troubled.service}: ${troubled.reason}`
          : troubled.reason)) ??
      (services.length === 0 ? 'nothing to probe' : undefined);
    const code =
      troubled?.code ??
      (services.length === 0 ? 'nothing-to-probe' : undefined);
    return {
      ...placeholder(descriptor),
      status,
      ...(latencies.length && { latencyMs: Math.max(...latencies) }),
      ...(version && { version }),
      ...(reason && { reason }),
      ...(reason && code && { code }),
      services,
    };
  }
}

function placeholder(
  descriptor: ComponentDescriptor,
  reason?: string,
  code?: StatusReasonCode,
): ComponentStatus {
  return {
    id: descriptor.metadata.id,
    title: descriptor.metadata.title,
    layer: descriptor.metadata.layer,
    status: 'unknown',
    checkedAt: new Date().toISOString(),
    ...(reason && { reason }),
    ...(code && { code }),
    services: [],
  };
}

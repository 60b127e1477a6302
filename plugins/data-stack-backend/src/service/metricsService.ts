import type {
  ComponentDescriptor,
  ComponentMetrics,
  MetricValue,
  StackMetricsResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type pLimit from 'p-limit';
import { PrometheusClient } from '../clients/prometheusClient';
import type { StatusConfig } from '../config/statusConfig';
import { describeError } from '../probes/probeResult';
import { baseUrlOf, portalEndpoint } from './endpoints';
import { SharedCache, stackKey } from './sharedCache';
import type { StackSubject } from './stackSubject';

/**
 * Each component's status-card queries from its descriptor, answered by the
 * stack's own Prometheus (the component whose descriptor has
 * `portal.promql`). Only descriptor queries run: nothing from the request
 * becomes PromQL.
 */
export class MetricsService {
  constructor(
    private readonly options: {
      config: StatusConfig;
      cache: SharedCache;
      limit: pLimit.Limit;
    },
  ) {}

  async stackMetrics(subject: StackSubject): Promise<StackMetricsResponse> {
    const { config } = this.options;
    const prometheus = subject.stackComponents.find(c => c.spec.portal.promql);
    const lookup = prometheus
      ? portalEndpoint(
          config,
          subject.stack,
          prometheus,
          prometheus.spec.portal.promql!,
        )
      : { reason: 'the stack has no Prometheus' };
    const components = await Promise.all(
      subject.components
        .filter(c => c.spec.metrics?.card.length)
        .map(descriptor =>
          'reason' in lookup
            ? { id: descriptor.metadata.id, metrics: [], reason: lookup.reason }
            : this.options.cache.get(
                stackKey('metrics', subject.stack, descriptor.metadata.id),
                () =>
                  this.query(
                    descriptor,
                    new PrometheusClient(
                      baseUrlOf(lookup.endpoint),
                      config.probeTimeoutMs,
                    ),
                  ),
              ),
        ),
    );
    return {
      stack: subject.stack.name,
      rangeSeconds: config.metricsRangeSeconds,
      stepSeconds: config.metricsStepSeconds,
      components,
    };
  }

  private async query(
    descriptor: ComponentDescriptor,
    prometheus: PrometheusClient,
  ): Promise<ComponentMetrics> {
    const { config, limit } = this.options;
    const errors: string[] = [];
    const metrics = await Promise.all(
      descriptor.spec.metrics!.card.map(async (card): Promise<MetricValue> => {
        try {
          const [value, series] = await Promise.all([
            limit(() => prometheus.instant(card.query)),
            limit(() =>
              prometheus.range(
                card.query,
                config.metricsRangeSeconds,
                config.metricsStepSeconds,
              ),
            ),
          ]);
          return { title: card.title, unit: card.unit, value, series };
        } catch (error) {
          errors.push(`${card.title}: ${describeError(error)}`);
          return {
            title: card.title,
            unit: card.unit,
            value: null,
            series: [],
          };
        }
      }),
    );
    return {
      id: descriptor.metadata.id,
      metrics,
      ...(errors.length && { reason: errors[0] }),
    };
  }
}

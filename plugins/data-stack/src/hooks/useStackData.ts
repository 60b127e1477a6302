import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  StackMetricsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import { dataStackApiRef } from '../api/DataStackApi';

/** How often the tab and cards ask again; the backend caches for about as long. */
export const REFRESH_MS = 30_000;

export interface StackData {
  status?: StackStatusResponse;
  statusError?: Error;
  metrics?: StackMetricsResponse;
  metricsError?: Error;
  /** True until the first status answer (or error). */
  loading: boolean;
  /** True while any request is in flight, the first one included. */
  refreshing: boolean;
  /** When the status last arrived. */
  updatedAt?: Date;
  refresh(): void;
}

/**
 * The entity's status and metrics, loaded independently (statuses show
 * before the slower metrics) and refreshed every `refreshMs`, keeping the
 * last answer on screen while a refresh runs.
 */
export function useStackData(
  entity: Entity,
  refreshMs = REFRESH_MS,
): StackData {
  const api = useApi(dataStackApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const ref = useMemo(
    () => ({ kind, namespace, name }),
    [kind, namespace, name],
  );
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [status, loadStatus] = useAsyncFn(async () => {
    const answer = await api.status(ref);
    setUpdatedAt(new Date());
    return answer;
  }, [api, ref]);
  const [metrics, loadMetrics] = useAsyncFn(() => api.metrics(ref), [api, ref]);
  const refresh = useCallback(() => {
    loadStatus();
    loadMetrics();
  }, [loadStatus, loadMetrics]);
  useEffect(refresh, [refresh]);
  useInterval(refresh, refreshMs);
  return {
    status: status.value,
    statusError: status.error,
    metrics: metrics.value,
    metricsError: metrics.error,
    loading: !status.value && !status.error,
    refreshing: status.loading || metrics.loading,
    updatedAt,
    refresh,
  };
}

import type {
  HealthState,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/** A stack's health in one chip and one line. */
export interface StackHealth {
  status: HealthState;
  /** `not running`, or the count per status, e.g. `4 healthy · 1 degraded`. */
  summary: string;
}

const ORDER: HealthState[] = ['healthy', 'degraded', 'down', 'unknown'];

/**
 * Healthy when every probed component is, down when none answers,
 * degraded between; as the backend rates a component by its services
 * (plugins/data-stack-backend/src/service/statusService.ts).
 */
export function stackHealth(answer: StackStatusResponse): StackHealth {
  const { components } = answer;
  if (answer.notRunning) return { status: 'down', summary: 'not running' };
  if (components.length === 0)
    return { status: 'unknown', summary: 'no components in the catalog' };
  const count = new Map<HealthState, number>();
  for (const c of components)
    count.set(c.status, (count.get(c.status) ?? 0) + 1);
  const probed = components.filter(c => c.status !== 'unknown');
  let status: HealthState = 'degraded';
  if (probed.length === 0) status = 'unknown';
  else if (probed.every(c => c.status === 'healthy')) status = 'healthy';
  else if (probed.every(c => c.status === 'down')) status = 'down';
  return {
    status,
    summary: ORDER.flatMap(s =>
      count.get(s) ? [`${count.get(s)} ${s}`] : [],
    ).join(' · '),
  };
}

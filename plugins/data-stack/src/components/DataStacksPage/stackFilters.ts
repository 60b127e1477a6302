import type { StackOverview } from '@big-data-stack/backstage-plugin-data-stack-common';

/** The health a stack is filtered by: any component down wins over unknown. */
export type StackHealth = 'up' | 'down' | 'unknown';

export function overallHealth(stack: StackOverview): StackHealth {
  const { up, down, unknown } = stack.health;
  if (down > 0) return 'down';
  if (unknown > 0 || up === 0) return 'unknown';
  return 'up';
}

export interface StackFilters {
  owner?: string;
  health?: StackHealth;
}

/** The stacks a filter keeps; an empty filter keeps them all. */
export function filterStacks(
  stacks: StackOverview[],
  filters: StackFilters,
): StackOverview[] {
  return stacks.filter(
    s =>
      (!filters.owner || s.owner === filters.owner) &&
      (!filters.health || overallHealth(s) === filters.health),
  );
}

/** The owners to filter by, each once, sorted. */
export const ownersOf = (stacks: StackOverview[]) =>
  [...new Set(stacks.flatMap(s => (s.owner ? [s.owner] : [])))].sort();

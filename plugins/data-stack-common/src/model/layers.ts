/** A component's layer in the stack, from the data up; the portal groups by it in this order. */
export const COMPONENT_LAYERS = [
  'storage',
  'lakehouse',
  'query',
  'ingestion',
  'orchestration',
  'observability',
  'search',
  'support',
] as const;

export type ComponentLayer = (typeof COMPONENT_LAYERS)[number];

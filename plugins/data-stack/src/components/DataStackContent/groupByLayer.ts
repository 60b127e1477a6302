import {
  COMPONENT_LAYERS,
  type ComponentStatus,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/** The library's layers, from the data up; anything else (unknown ids) comes last. */
const LAYER_ORDER: readonly string[] = COMPONENT_LAYERS;

/** Components by layer, layers in a fixed order, components by title. */
export function groupByLayer(
  components: ComponentStatus[],
): [string, ComponentStatus[]][] {
  const groups = new Map<string, ComponentStatus[]>();
  for (const c of components)
    groups.set(c.layer, [...(groups.get(c.layer) ?? []), c]);
  const rank = (layer: string) => {
    const i = LAYER_ORDER.indexOf(layer);
    return i < 0 ? LAYER_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([layer, list]) => [
      layer,
      [...list].sort((a, b) => a.title.localeCompare(b.title)),
    ]);
}

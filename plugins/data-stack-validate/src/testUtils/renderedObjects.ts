import { parseYaml } from '@big-data-stack/backstage-plugin-data-stack-node';
import { renderManifests } from '../helm/renderManifests';

/** Every object `helm template` renders from a stack's charts and values. */
export async function renderedObjects(dir: string): Promise<any[]> {
  return (await renderManifests(dir))
    .filter(f => f.path.endsWith('.yaml'))
    .flatMap(f =>
      f.content
        .split(/^---$/m)
        .map(d => parseYaml(d, f.path))
        .filter(Boolean),
    );
}

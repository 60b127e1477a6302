import {
  LoadedLibrary,
  catalogTarget,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { createRenderAction } from './renderAction';
import { examples } from './catalogRender.examples';

/** `datastack:catalog:render`. */
export function createCatalogRenderAction(options: {
  library: () => Promise<LoadedLibrary>;
}) {
  return createRenderAction({
    id: 'datastack:catalog:render',
    description:
      'Renders catalog-info.yaml for the stack in the workspace (a System, a Component or Resource per component, API entities, relations and Kubernetes annotations) and its TechDocs page (mkdocs.yml, docs/index.md).',
    target: catalogTarget,
    examples,
    library: options.library,
  });
}

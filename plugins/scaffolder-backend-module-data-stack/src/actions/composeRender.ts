import {
  LoadedLibrary,
  composeTarget,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { createRenderAction } from './renderAction';
import { examples } from './composeRender.examples';

/** `datastack:compose:render`. */
export function createComposeRenderAction(options: {
  library: () => Promise<LoadedLibrary>;
}) {
  return createRenderAction({
    id: 'datastack:compose:render',
    description:
      'Renders the Docker Compose target of the stack in the workspace: docker-compose.yml with one included file per component, the config files they mount, .env.example and scripts/init-env.',
    target: composeTarget,
    examples,
    library: options.library,
  });
}

import {
  LoadedLibrary,
  helmfileTarget,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { createRenderAction } from './renderAction';
import { examples } from './helmfileRender.examples';

/** `datastack:helmfile:render`. */
export function createHelmfileRenderAction(options: {
  library: () => Promise<LoadedLibrary>;
}) {
  return createRenderAction({
    id: 'datastack:helmfile:render',
    description:
      'Renders helmfile.yaml for the stack in the workspace: one release per component with needs: in start-up order, and the values files it names.',
    target: helmfileTarget,
    examples,
    library: options.library,
  });
}

import {
  LoadedLibrary,
  helmTarget,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { createRenderAction } from './renderAction';
import { examples } from './helmRender.examples';

/** `datastack:helm:render`. */
export function createHelmRenderAction(options: {
  library: () => Promise<LoadedLibrary>;
}) {
  return createRenderAction({
    id: 'datastack:helm:render',
    description:
      'Renders the Helm target of the stack in the workspace: values/<id>.yaml per release and one chart per component in helm-charts/ (with the common library chart), unless the stack names a chart repository.',
    target: helmTarget,
    examples,
    library: options.library,
  });
}

import { renderCatalog } from './catalog';
import { renderCompose } from './compose';
import { renderHelmTarget, renderHelmfileTarget } from './helm/renderHelm';
import { OutputTarget, OutputTargets } from './outputTargets';
import { renderSecrets } from './secrets';
import { renderStackDocs } from './stackDocs';

export const composeTarget: OutputTarget = {
  id: 'compose',
  description: 'Docker Compose files for local development',
  // Compose mounts the config files; the charts carry them as ConfigMaps.
  render: input => [
    ...renderCompose(input.plan),
    ...input.configFiles,
    ...renderSecrets(input.plan),
  ],
};

export const helmTarget: OutputTarget = {
  id: 'helm',
  description: 'one Helm chart per component and the values of its release',
  readsChartDefaults: true,
  render: renderHelmTarget,
};

export const helmfileTarget: OutputTarget = {
  id: 'helmfile',
  description: 'helmfile.yaml, which installs the releases in start-up order',
  render: renderHelmfileTarget,
};

export const catalogTarget: OutputTarget = {
  id: 'catalog',
  description: 'catalog-info.yaml and the stack docs for Backstage',
  render: input => [renderCatalog(input.plan), ...renderStackDocs(input.plan)],
};

/** The targets every renderer knows (`STACK_TARGETS`). */
export const builtInTargets = new OutputTargets([
  composeTarget,
  helmTarget,
  helmfileTarget,
  catalogTarget,
]);

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { OutputTarget } from '../render/outputTargets';

/**
 * Adds output targets to the scaffolder's data stack module: each one gets
 * a `datastack:<id>:render` action, and `datastack:stack:resolve` accepts
 * stacks that name it. Registered by
 * `@big-data-stack/backstage-plugin-scaffolder-backend-module-data-stack`
 * for modules of the scaffolder plugin (docs/extending.md).
 */
export interface DataStackOutputTargetsExtensionPoint {
  addOutputTargets(...targets: OutputTarget[]): void;
}

export const dataStackOutputTargetsExtensionPoint =
  createExtensionPoint<DataStackOutputTargetsExtensionPoint>({
    id: 'scaffolder.data-stack.output-targets',
  });

import { libraryFromConfig } from '@big-data-stack/backstage-plugin-data-stack-node';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/** The shipped library, with extra directories as app-config would name them. */
export const testLibrary = (directories: string[] = []) =>
  libraryFromConfig(
    new ConfigReader({ dataStack: { library: { directories } } }),
  );

/**
 * An action context on a workspace: a fresh one, or `workspacePath` when a
 * test runs several actions in the same workspace, as a template does.
 */
export function workspaceContext(input: JsonObject, workspacePath?: string) {
  const workspace = workspacePath ? undefined : createMockDirectory();
  const ctx = createMockActionContext({
    input,
    workspacePath: workspacePath ?? workspace!.path,
    logger: mockServices.logger.mock(),
  });
  return { workspacePath: ctx.workspacePath, ctx };
}

import {
  DataStackError,
  StackPlan,
  inFile,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { ComponentLibrary } from '@big-data-stack/backstage-plugin-data-stack-common';
import { readYamlFile } from './yaml';

/** The file name every stack repository keeps its spec in. */
export const STACK_FILE = 'stack.yaml';

/**
 * Reads and resolves a `stack.yaml`. Problems about the spec name the file,
 * so each line says where to look.
 */
export function planStackFile(
  file: string,
  library: ComponentLibrary,
): StackPlan {
  const value = readYamlFile(file);
  try {
    return resolveStack(value, library);
  } catch (error) {
    if (!(error instanceof DataStackError)) throw error;
    // Problems that name no descriptor file are about the spec.
    throw new DataStackError(inFile(error.problems, file));
  }
}

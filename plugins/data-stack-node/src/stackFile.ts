import {
  DataStackError,
  StackPlan,
  inFile,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { ComponentLibrary } from '@big-data-stack/backstage-plugin-data-stack-common';
import type { OutputTargets } from './render/outputTargets';
import { readYamlFile } from './yaml';

/** The file name every stack repository keeps its spec in. */
export const STACK_FILE = 'stack.yaml';

/**
 * The largest stack.yaml read: a real one is a few KB, and parsing is what
 * a huge one costs (a 1 MB list of 500 000 ids took 11 s and 600 MB).
 */
export const MAX_STACK_FILE_BYTES = 64 * 1024;

/** Reads and parses a stack.yaml (regular file, UTF-8, at most MAX_STACK_FILE_BYTES). */
export const readStackFile = (file: string) =>
  readYamlFile(file, { maxBytes: MAX_STACK_FILE_BYTES });

/**
 * Reads and resolves a `stack.yaml`. Problems about the spec name the file,
 * so each line says where to look.
 */
export function planStackFile(
  file: string,
  library: ComponentLibrary,
  targets?: OutputTargets,
): StackPlan {
  const value = readStackFile(file);
  try {
    const plan = resolveStack(value, library);
    // A target is a name until a renderer knows it; say so before rendering.
    targets?.ofPlan(plan);
    return plan;
  } catch (error) {
    if (!(error instanceof DataStackError)) throw error;
    // Problems that name no descriptor file are about the spec.
    throw new DataStackError(inFile(error.problems, file));
  }
}

import { DataStackError } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  OutputTargets,
  builtInTargets,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';

/**
 * The built-in output targets and those of the `--targets-from` modules: a
 * package name or a file, resolved from the working directory, that
 * exports `outputTargets`, the same objects a backend module adds to the
 * portal (docs/extending.md), so CI renders what the portal renders.
 */
export function loadOutputTargets(opts: {
  targetsFrom?: string[];
}): OutputTargets {
  let targets = builtInTargets;
  for (const from of opts.targetsFrom ?? []) {
    let exported: unknown;
    try {
      const request = /^\.{0,2}\//.test(from) ? path.resolve(from) : from;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module the user names at run time
      exported = require(require.resolve(request, {
        paths: [process.cwd()],
      })).outputTargets;
    } catch (error) {
      throw new DataStackError([
        {
          path: from,
          message: `cannot be loaded: ${(error as Error).message}`,
        },
      ]);
    }
    if (!Array.isArray(exported))
      throw new DataStackError([
        {
          path: from,
          message: 'exports no outputTargets list (OutputTarget[])',
        },
      ]);
    targets = targets.with(...exported);
  }
  return targets;
}

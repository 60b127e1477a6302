import {
  LoadedLibrary,
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';

/** The built-in library with the user's `--library` directories layered on top. */
export function loadLibrary(opts: { library?: string[] }): LoadedLibrary {
  return loadComponentLibrary([
    defaultLibraryDir(),
    ...(opts.library ?? []).map(d => path.resolve(d)),
  ]);
}

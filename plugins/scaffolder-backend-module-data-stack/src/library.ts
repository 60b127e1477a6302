import type { Config } from '@backstage/config';
import {
  LoadedLibrary,
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';

/**
 * The component library the actions render from: the shipped one with the
 * directories `dataStack.library.directories` names layered on top, so a
 * platform team's components work without changing plugin code. Loaded on
 * first use and kept.
 */
export function libraryFromConfig(
  config: Config,
): () => Promise<LoadedLibrary> {
  const extra =
    config.getOptionalStringArray('dataStack.library.directories') ?? [];
  let loaded: Promise<LoadedLibrary> | undefined;
  return () => {
    loaded ??= Promise.resolve().then(() =>
      loadComponentLibrary([
        defaultLibraryDir(),
        ...extra.map(dir => path.resolve(dir)),
      ]),
    );
    return loaded;
  };
}

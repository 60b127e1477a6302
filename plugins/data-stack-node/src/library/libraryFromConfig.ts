import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  LibraryLayer,
  LoadedLibrary,
  defaultLibraryDir,
  loadComponentLibrary,
} from './loadLibrary';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The component library the portal's plugins render from (the scaffolder
 * actions and the data stack backend): the one shipped with
 * them, then the directories of `dataStack.library.directories`, then the
 * trees `dataStack.library.urls` names (read through Backstage's URL
 * reader, so any configured integration works), each layered over the
 * ones before. A platform team's components thus need no plugin code.
 * Loaded on first use and kept for the life of the backend.
 */
export function libraryFromConfig(
  config: Config,
  urlReader?: UrlReaderService,
): () => Promise<LoadedLibrary> {
  const directories =
    config.getOptionalStringArray('dataStack.library.directories') ?? [];
  const urls = config.getOptionalStringArray('dataStack.library.urls') ?? [];
  if (urls.length && !urlReader)
    throw new Error('dataStack.library.urls needs the URL reader service');
  let loaded: Promise<LoadedLibrary> | undefined;
  const load = async () => {
    const fetched: LibraryLayer[] = [];
    for (const url of urls) {
      const tree = await urlReader!.readTree(url);
      const dir = await tree.dir({
        targetDir: fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-library-')),
      });
      fetched.push({ dir, origin: { kind: 'url', location: url } });
    }
    return loadComponentLibrary([
      defaultLibraryDir(),
      ...directories.map(dir => ({
        dir: path.resolve(dir),
        origin: { kind: 'directory' as const, location: dir },
      })),
      ...fetched,
    ]);
  };
  return () => {
    loaded ??= load();
    // A failed read is retried on the next use rather than kept.
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
}

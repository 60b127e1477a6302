import {
  ComponentDescriptor,
  ComponentLibrary,
  DataStackError,
  Problem,
  Profile,
  createComponentLibrary,
  parseComponentDescriptor,
  parseProfiles,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { readInputFile } from '../read/readInputFile';
import { parseYaml, readYamlFile } from '../yaml';

export const DESCRIPTOR_FILE = 'component.yaml';
export const PROFILES_FILE = 'profiles.yaml';

/**
 * Which layer of the library a component comes from: the one shipped with
 * the packages, a directory, or a tree read from a URL
 * (`dataStack.library.directories` and `.urls`).
 */
export interface LibraryOrigin {
  kind: 'shipped' | 'directory' | 'url';
  /** The directory or URL, as configured. */
  location: string;
}

/** One directory of a library, and the layer it stands for. */
export interface LibraryLayer {
  dir: string;
  origin: LibraryOrigin;
}

/** A library read from disk: where each component's files live. */
export interface LoadedLibrary extends ComponentLibrary {
  /** Component id → the directory holding its component.yaml and files. */
  sources: ReadonlyMap<string, string>;
  /** Component id → the layer its descriptor was read from (the last one that has it). */
  origins: ReadonlyMap<string, LibraryOrigin>;
}

/** A plain directory's layer: the shipped library, or a directory of its own. */
const layerOf = (dir: string | LibraryLayer): LibraryLayer =>
  typeof dir === 'string'
    ? {
        dir,
        origin:
          path.resolve(dir) === path.resolve(defaultLibraryDir())
            ? { kind: 'shipped', location: dir }
            : { kind: 'directory', location: dir },
      }
    : dir;

/**
 * Reads component libraries: every `<dir>/<id>/component.yaml`, plus an
 * optional `<dir>/profiles.yaml`. Later directories add components, and a
 * component with an id already loaded replaces it, so a platform team can
 * layer its own directory over the shipped library without code.
 */
export function loadComponentLibrary(
  layers: (string | LibraryLayer)[],
): LoadedLibrary {
  const problems: Problem[] = [];
  const descriptors = new Map<string, ComponentDescriptor>();
  const sources = new Map<string, string>();
  const origins = new Map<string, LibraryOrigin>();
  const descriptorFiles = new Map<string, string>();
  const profiles: Profile[] = [];
  for (const { dir, origin } of layers.map(layerOf)) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      problems.push({
        file: dir,
        path: '',
        message: 'is not a component library directory',
      });
      continue;
    }
    const profilesPath = path.join(dir, PROFILES_FILE);
    if (fs.existsSync(profilesPath)) {
      collect(problems, () =>
        profiles.push(
          ...parseProfiles(
            readYamlFile(profilesPath, { noFollow: true }),
            profilesPath,
          ),
        ),
      );
    }
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name, DESCRIPTOR_FILE);
      if (!entry.isDirectory() || !fs.existsSync(file)) continue;
      // Problems name the file as the user would type it.
      const relative = path.relative(process.cwd(), file);
      const source = relative.startsWith('..') ? file : relative;
      collect(problems, () => {
        const descriptor = parseComponentDescriptor(
          parseYaml(readInputFile(file, { noFollow: true }), source),
          source,
        );
        if (descriptor.metadata.id !== entry.name) {
          throw new DataStackError([
            {
              file: source,
              path: 'metadata.id',
              message: `must equal its directory name '${entry.name}'`,
            },
          ]);
        }
        descriptors.set(descriptor.metadata.id, descriptor);
        sources.set(descriptor.metadata.id, path.join(dir, entry.name));
        origins.set(descriptor.metadata.id, origin);
        descriptorFiles.set(descriptor.metadata.id, source);
      });
    }
  }
  if (problems.length) throw new DataStackError(problems);
  return {
    ...createComponentLibrary(
      [...descriptors.values()],
      profiles,
      descriptorFiles,
    ),
    sources,
    origins,
  };
}

function collect(problems: Problem[], load: () => void) {
  try {
    load();
  } catch (error) {
    if (error instanceof DataStackError) problems.push(...error.problems);
    else throw error;
  }
}

/**
 * The library that ships with this package: `library/` in a packed or
 * installed package (scripts/pack.cjs copies it in at `prepack`), the
 * repository's `services/` when running from this monorepo's sources.
 */
export function defaultLibraryDir(): string {
  // eslint-disable-next-line no-restricted-syntax -- the library ships beside the code
  const here = __dirname;
  let dir = here;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      // Only the workspace's sources (src/, which a package never ships)
      // read the repository's services/, the library's one source of truth:
      // an installed package reaches no further than its own folder, and a
      // library/ left over from packing never shadows services/ here.
      if (path.relative(dir, here).split(path.sep)[0] === 'src') {
        return path.resolve(dir, '../../services');
      }
      const shipped = path.join(dir, 'library');
      if (fs.existsSync(shipped)) return shipped;
      throw new Error(
        `the data-stack-node package at ${dir} has no library/ folder; it is copied in when the package is packed`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the data-stack-node package root');
    dir = parent;
  }
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { defaultLibraryDir } from '../library/loadLibrary';
import { listFiles } from '../listFiles';

/** What one reader saw in each file: its documents as JSON-able data. */
export type ReaderView = Map<string, unknown[]>;

/** scripts/yaml-readers, beside the shipped library (services/) in this repository. */
const readersDir = () =>
  path.resolve(defaultLibraryDir(), '../scripts/yaml-readers');

/**
 * The YAML files of a rendered stack a YAML reader loads: everything but
 * the charts' templates, which are Go templates until helm renders them.
 */
export function yamlFilesIn(root: string): string[] {
  return listFiles(root, '').filter(
    f => /\.ya?ml$/.test(f) && !/^helm-charts\/[^/]+\/templates\//.test(f),
  );
}

/** What the JavaScript `yaml` package (our own parser) reads. */
export function readWithJs(root: string, files: string[]): ReaderView {
  return new Map(
    files.map(f => [
      f,
      YAML.parseAllDocuments(fs.readFileSync(path.join(root, f), 'utf8')).map(
        d => d.toJS(),
      ),
    ]),
  );
}

function runReader(command: string, args: string[], root: string) {
  const out = execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return new Map<string, unknown[]>(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const { file, documents } = JSON.parse(line);
        return [file, documents];
      }),
  );
}

/** What Go's yaml.v3 reads (Docker Compose's compose-go): `make setup` builds yaml-v3-json. */
export const readWithGoYamlV3 = (root: string, files: string[]) =>
  runReader('yaml-v3-json', files, root);

/** What PyYAML reads (YAML 1.1, like helm's go-yaml v2). */
export const readWithPyYaml = (root: string, files: string[]) =>
  runReader(
    'python3',
    [path.join(readersDir(), 'pyyaml_json.py'), ...files],
    root,
  );

import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import { renderStack } from './renderStack';
import {
  shippedLibrary,
  stackSpec,
  withTemporaryDirAsync,
} from '../testing/stackFixtures';
import {
  readWithGoYamlV3,
  readWithJs,
  readWithPyYaml,
  yamlFilesIn,
} from '../testing/yamlReaders';
import { writeStackFiles } from '../write/writeStack';

const library = shippedLibrary();
const everyComponent = [...library.components.values()]
  .filter(d => !d.metadata.companion)
  .map(d => d.metadata.id)
  .filter(id => id !== 'presto'); // shares Trino's host ports

/** Stack names YAML 1.1 or 1.2 would read as booleans, numbers or dates. */
const AMBIGUOUS_NAMES = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '123',
  '1e3',
  '0x1f',
  '0o17',
  '2001-12-14',
  '1-2',
  'null',
  'true',
];

/** Descriptions that are one line of text, but full of YAML and Markdown syntax. */
const AWKWARD_DESCRIPTIONS = [
  'key: value # not a comment',
  'it\'s "quoted" & <b>bold</b> <!-- hidden --> <script>alert(1)</script>',
  '- [not, a, list] {not: a map} *alias &anchor !tag %directive @at `tick`',
  '日本語のデータ基盤 — émojis 🚀 and ∑ symbols',
  '   leading and trailing spaces   ',
];

describe('every YAML reader sees the same data in a rendered stack', () => {
  it.each([
    ...AMBIGUOUS_NAMES.map(name => ({ name, description: undefined })),
    ...AWKWARD_DESCRIPTIONS.map((description, i) => ({
      name: `awkward-${i}`,
      description,
    })),
  ])('$name $description', ({ name, description }) =>
    withTemporaryDirAsync(async dir => {
      const spec = stackSpec(everyComponent);
      const plan = resolveStack(
        { ...spec, metadata: { ...spec.metadata, name, description } },
        library,
      );
      writeStackFiles(dir, renderStack(plan, library));
      const files = yamlFilesIn(dir);
      expect(files.length).toBeGreaterThan(40);
      const js = readWithJs(dir, files);
      for (const other of [readWithGoYamlV3, readWithPyYaml]) {
        const view = other(dir, files);
        for (const file of files)
          expect([file, view.get(file)]).toEqual([file, js.get(file)]);
      }
      expect(js.get('mkdocs.yml')).toEqual([
        expect.objectContaining({ site_name: name }),
      ]);
    }),
  );

  // That helm, helmfile and docker-compose accept a stack named like this:
  // data-stack-validate's src/output/ambiguousStackNames.test.ts.
});

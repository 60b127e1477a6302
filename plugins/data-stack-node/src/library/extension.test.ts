import {
  DataStackError,
  formatProblem,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { stackSpec, withTemporaryDir } from '../testing/stackFixtures';
import { defaultLibraryDir, loadComponentLibrary } from './loadLibrary';
import { parseYaml, stringifyYaml } from '../yaml';

/**
 * A platform team's component in its own directory (examples/team-library:
 * QuestDB, a store Trino can catalog, with a config file it ships), copied
 * so a test may change it. No TypeScript is involved.
 */
function writeTeamLibrary(dir: string, connectionUrl?: string) {
  fs.cpSync(
    path.resolve(defaultLibraryDir(), '../examples/team-library'),
    dir,
    {
      recursive: true,
    },
  );
  if (connectionUrl === undefined) return;
  const file = path.join(dir, 'questdb/component.yaml');
  const doc = parseYaml(fs.readFileSync(file, 'utf8'), file) as any;
  doc.spec.provides['trino-catalog'].data.properties['connection-url'] =
    connectionUrl;
  fs.writeFileSync(file, stringifyYaml(doc));
}

describe('a component from a separate library directory', () => {
  // That one renders and validates with the shipped ones, wired by
  // capability: data-stack-validate's src/output/libraryExtension.test.ts.

  it('names its own file in problems, not the shipped layout', () => {
    withTemporaryDir(team => {
      fs.mkdirSync(path.join(team, 'broken'));
      const file = path.join(team, 'broken/component.yaml');
      fs.writeFileSync(
        file,
        stringifyYaml({
          apiVersion: 'datastack.backstage.io/v1alpha1',
          kind: 'DataStackComponent',
          metadata: { id: 'other' },
        }),
      );
      expect(() => loadComponentLibrary([team])).toThrow(
        /broken\/component\.yaml: metadata\.title/,
      );

      fs.rmSync(path.join(team, 'broken'), { recursive: true });
      writeTeamLibrary(team, '{{ uses.nothing.url }}');
      const descriptor = path.join(team, 'questdb/component.yaml');
      const library = loadComponentLibrary([team]);
      const problems = (() => {
        try {
          resolveStack(stackSpec(['questdb']), library);
        } catch (error) {
          return (error as DataStackError).problems.map(formatProblem);
        }
        return [];
      })();
      expect(problems).toEqual([
        `${descriptor}: spec.provides.trino-catalog.data.properties.connection-url: unknown placeholder {{ uses.nothing.url }}`,
      ]);
    });
  });
});

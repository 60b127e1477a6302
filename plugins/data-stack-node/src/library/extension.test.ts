import {
  DataStackError,
  formatProblem,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { renderStack } from '../render/renderStack';
import { stackSpec, withTemporaryDir } from '../testing/stackFixtures';
import { validateComposeDir } from '../validate/validateStack';
import { writeStackFiles } from '../write/writeStack';
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
  it('renders and validates with the shipped ones, wired by capability', () => {
    withTemporaryDir(team =>
      withTemporaryDir(out => {
        writeTeamLibrary(team);
        const library = loadComponentLibrary([defaultLibraryDir(), team]);
        const plan = resolveStack(
          stackSpec(['questdb', 'trino', 'prometheus']),
          library,
        );
        writeStackFiles(out, renderStack(plan, library));
        expect(validateComposeDir(out)).toEqual([]);
        const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
        expect(read('configs/trino/catalog/questdb.properties')).toContain(
          'connection-url=jdbc:postgresql://questdb:8812/qdb',
        );
        expect(read('services/trino/docker-compose.yml')).toContain(
          'QUESTDB_PASSWORD: ${QUESTDB_PASSWORD}',
        );
        expect(read('configs/prometheus/prometheus.yml')).toContain(
          'job_name: questdb',
        );
        expect(read('services/questdb/server.conf')).toBe(
          'http.enabled=true\n',
        );
        expect(read('.env.example')).toMatch(/^QUESTDB_PASSWORD=$/m);
      }),
    );
  });

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

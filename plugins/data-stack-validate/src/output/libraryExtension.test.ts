import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  renderStack,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  stackSpec,
  withTemporaryDir,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { validateComposeDir } from '../validate/validateStack';

/**
 * A platform team's component in its own directory (examples/team-library:
 * QuestDB, a store Trino can catalog, with a config file it ships), copied
 * beside the shipped library. No TypeScript is involved. How its problems
 * name its own file: data-stack-node's src/library/extension.test.ts.
 */
function writeTeamLibrary(dir: string) {
  fs.cpSync(
    path.resolve(defaultLibraryDir(), '../examples/team-library'),
    dir,
    {
      recursive: true,
    },
  );
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
});

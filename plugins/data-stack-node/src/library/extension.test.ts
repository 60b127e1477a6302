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
import { stringifyYaml } from '../yaml';

const sizes = {
  dev: { cpu: 0.25, memory: '256Mi', disk: '1Gi' },
  small: { cpu: 0.5, memory: '512Mi', disk: '5Gi' },
  production: { cpu: 1, memory: '1Gi', disk: '20Gi' },
};

/**
 * A platform team's component, in its own directory: a store Trino can
 * catalog, with a config file it ships. No TypeScript is involved.
 */
function writeTeamLibrary(
  dir: string,
  connectionUrl = 'jdbc:postgresql://questdb:8812/qdb',
) {
  fs.mkdirSync(path.join(dir, 'questdb'));
  fs.writeFileSync(
    path.join(dir, 'questdb/server.conf'),
    'http.enabled=true\n',
  );
  fs.writeFileSync(
    path.join(dir, 'questdb/component.yaml'),
    stringifyYaml({
      apiVersion: 'datastack.backstage.io/v1alpha1',
      kind: 'DataStackComponent',
      metadata: {
        id: 'questdb',
        title: 'QuestDB',
        description: 'Time-series database speaking the PostgreSQL protocol.',
        layer: 'storage',
        version: '9.0.3',
      },
      spec: {
        services: {
          questdb: {
            image: 'questdb/questdb:9.0.3',
            environment: { QDB_PG_PASSWORD: '${QUESTDB_PASSWORD}' },
            ports: [
              { name: 'http', port: 9000, hostPort: 9009 },
              { name: 'pg', port: 8812 },
            ],
            health: {
              compose: {
                test: ['CMD-SHELL', 'curl -fs http://127.0.0.1:9003/status'],
              },
              probe: { type: 'tcp', port: 'pg' },
            },
            volumes: [{ name: 'data', mountPath: '/var/lib/questdb' }],
            mounts: [
              {
                source: 'services/questdb/server.conf',
                target: '/var/lib/questdb/conf/server.conf',
              },
            ],
            resources: sizes,
          },
        },
        secrets: [
          {
            name: 'QUESTDB_PASSWORD',
            description: 'Password of the QuestDB PostgreSQL-wire user admin.',
          },
        ],
        files: ['server.conf'],
        provides: {
          'trino-catalog': {
            data: {
              name: 'questdb',
              secrets: ['QUESTDB_PASSWORD'],
              properties: {
                'connector.name': 'postgresql',
                'connection-url': connectionUrl,
                'connection-user': 'admin',
                'connection-password': '${ENV:QUESTDB_PASSWORD}',
              },
            },
          },
        },
        metrics: {
          port: 'http',
          path: '/metrics',
          card: [{ title: 'Up', query: 'up{job="questdb"}' }],
        },
        catalog: { kind: 'Resource', type: 'database' },
      },
    }),
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

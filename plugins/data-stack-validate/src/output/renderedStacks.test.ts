import { CORE_COMPONENT_IDS } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  renderInto,
  shippedLibrary,
  withTemporaryDir,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { validateComposeDir } from '../validate/validateStack';

const library = shippedLibrary();
const stores = [
  'postgresql',
  'mysql',
  'clickhouse',
  'druid',
  'elasticsearch',
  'delta-lake',
];

/** Renders `components`, requires every validator to pass, then lets `check` look. */
function renderValid(
  components: string[],
  check: (
    read: (file: string) => string,
    plan: ReturnType<typeof renderInto>,
    dir: string,
  ) => void = () => {},
) {
  withTemporaryDir(dir => {
    const plan = renderInto(dir, library, components);
    expect(validateComposeDir(dir)).toEqual([]);
    check(f => fs.readFileSync(path.join(dir, f), 'utf8'), plan, dir);
  });
}

/** The catalog a store's descriptor names for an engine. */
const catalogOf = (
  plan: ReturnType<typeof renderInto>,
  store: string,
  capability: string,
) => plan.components.find(c => c.id === store)!.provides[capability].name;

describe('rendered stacks pass every validator', () => {
  it.each(CORE_COMPONENT_IDS.map(id => [id]))('%s alone', id => {
    renderValid([id]);
  });

  it.each(stores.map(s => [s]))(
    'trino with %s, one catalog per store',
    store => {
      renderValid(['trino', store], (_, plan, dir) => {
        // Companions that are stores themselves (Druid's PostgreSQL) get a catalog too.
        expect(fs.readdirSync(path.join(dir, 'configs/trino/catalog'))).toEqual(
          expect.arrayContaining([
            `${catalogOf(plan, store, 'trino-catalog')}.properties`,
            'tpch.properties',
          ]),
        );
      });
    },
  );

  it.each(stores.map(s => [s]))(
    'presto with %s, one catalog per store',
    store => {
      renderValid(['presto', store], (_, plan, dir) => {
        const name = catalogOf(plan, store, 'presto-catalog');
        expect(
          fs.existsSync(
            path.join(dir, `configs/presto/catalog/${name}.properties`),
          ),
        ).toBe(true);
      });
    },
  );

  it('everything together', () => {
    renderValid([...CORE_COMPONENT_IDS], (read, _, dir) => {
      // The S3 switch follows Trino's rename; Presto keeps its own Hive S3 keys.
      expect(read('configs/trino/catalog/delta.properties')).toContain(
        'fs.s3.enabled=true\n',
      );
      expect(read('configs/trino/catalog/delta.properties')).not.toContain(
        'fs.native-s3.enabled',
      );
      expect(read('configs/presto/catalog/delta.properties')).toContain(
        'connector.name=delta\n',
      );
      expect(read('configs/presto/catalog/clickhouse.properties')).toContain(
        'clickhouse.connection-url=',
      );
      expect(read('configs/trino/catalog/clickhouse.properties')).toContain(
        '\nconnection-url=',
      );
      // Engines sign in as their own users, with their own password in the
      // environment for ${ENV:…}; never as a store's administrator.
      // (Only the jobs that make the users sign in as administrators.)
      const trino = (
        parseYaml(read('services/trino/docker-compose.yml'), 'trino') as any
      ).services.trino;
      expect(trino.environment).toEqual({
        TRINO_CATALOG_PASSWORD: '${TRINO_CATALOG_PASSWORD}',
      });
      for (const engine of ['trino', 'presto']) {
        const catalogs = path.join(dir, `configs/${engine}/catalog`);
        for (const file of fs.readdirSync(catalogs)) {
          const text = fs.readFileSync(path.join(catalogs, file), 'utf8');
          const users = [
            ...text.matchAll(/(?:connection-user|aws-access-key)=(.*)/g),
          ].map(m => m[1]);
          for (const user of users)
            expect(`${file}: ${user}`).toBe(`${file}: ${engine}`);
          const secrets = [...text.matchAll(/\$\{ENV:([A-Z_]+)\}/g)].map(
            m => m[1],
          );
          for (const secret of secrets)
            expect(`${file}: ${secret}`).toBe(
              `${file}: ${engine.toUpperCase()}_CATALOG_PASSWORD`,
            );
        }
      }
      // One scrape job per component with metrics, named after it; exporters
      // are scraped in their component's job, not in one of their own.
      const jobs = [
        ...read('configs/prometheus/prometheus.yml').matchAll(
          /job_name: (\S+)/g,
        ),
      ].map(m => m[1]);
      expect(jobs.sort()).toEqual(
        [
          'airflow',
          'clickhouse',
          'druid',
          'elasticsearch',
          'grafana',
          'hive-metastore',
          'kibana',
          'logstash',
          'minio',
          'mysql',
          'nifi',
          'postgresql',
          'presto',
          'prometheus',
          'trino',
          'zookeeper',
        ].sort(),
      );
      expect(read('configs/prometheus/prometheus.yml')).toContain(
        '- postgres-exporter:9187',
      );
      expect(
        read('configs/grafana/provisioning/datasources/datastack.yaml'),
      ).toContain('url: http://prometheus:9090');
      expect(
        JSON.parse(read('configs/grafana/dashboards/overview.json')).panels
          .length,
      ).toBeGreaterThan(20);
      expect(read('configs/logstash/pipeline/logstash.conf')).toContain(
        'hosts => ["http://elasticsearch:9200"]',
      );
      // Secrets: names only, every one the compose files use.
      expect(read('.env.example')).toMatch(/^POSTGRES_PASSWORD=$/m);
      expect(read('.env.example')).not.toMatch(/^[A-Z_]+=.+$/m);
      expect(
        fs.statSync(path.join(dir, 'scripts/init-env')).mode & 0o111,
      ).toBeTruthy();
      expect(read('.gitignore')).toContain('.env\n');
    });
  });
});

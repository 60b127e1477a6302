import { CORE_COMPONENT_IDS } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  renderInto,
  shippedLibrary,
  temporaryDir,
} from '../testing/stackFixtures';
import { validateStackDir } from '../validate/validateStack';

const library = shippedLibrary();
const stores = [
  'postgresql',
  'mysql',
  'clickhouse',
  'druid',
  'elasticsearch',
  'delta-lake',
];
const catalogName: Record<string, string> = { 'delta-lake': 'delta' };

/** Renders into a fresh directory and runs every validator on it. */
function renderAndValidate(components: string[]) {
  const { dir, cleanup } = temporaryDir();
  try {
    const plan = renderInto(dir, library, components);
    return { plan, problems: validateStackDir(dir) };
  } finally {
    cleanup();
  }
}

describe('rendered stacks pass every validator', () => {
  it.each(CORE_COMPONENT_IDS.map(id => [id]))('%s alone', id => {
    expect(renderAndValidate([id]).problems).toEqual([]);
  });

  it.each(stores.map(s => [s]))(
    'trino with %s, one catalog per store',
    store => {
      const { dir, cleanup } = temporaryDir();
      try {
        renderInto(dir, library, ['trino', store]);
        expect(validateStackDir(dir)).toEqual([]);
        // Companions that are stores themselves (Druid's PostgreSQL) get a catalog too.
        const catalogs = fs.readdirSync(
          path.join(dir, 'configs/trino/catalog'),
        );
        expect(catalogs).toEqual(
          expect.arrayContaining([
            `${catalogName[store] ?? store}.properties`,
            'tpch.properties',
          ]),
        );
      } finally {
        cleanup();
      }
    },
  );

  it.each(stores.map(s => [s]))(
    'presto with %s, one catalog per store',
    store => {
      const { dir, cleanup } = temporaryDir();
      try {
        renderInto(dir, library, ['presto', store]);
        expect(validateStackDir(dir)).toEqual([]);
        expect(
          fs.existsSync(
            path.join(
              dir,
              `configs/presto/catalog/${
                catalogName[store] ?? store
              }.properties`,
            ),
          ),
        ).toBe(true);
      } finally {
        cleanup();
      }
    },
  );

  it('everything together', () => {
    const { dir, cleanup } = temporaryDir();
    try {
      const plan = renderInto(dir, library, [...CORE_COMPONENT_IDS]);
      expect(validateStackDir(dir)).toEqual([]);
      const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
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
      // Catalog passwords reach Trino as environment for ${ENV:…}.
      expect(read('services/trino/docker-compose.yml')).toContain(
        'CLICKHOUSE_PASSWORD: ${CLICKHOUSE_PASSWORD}',
      );
      // Prometheus scrapes every metrics source, Grafana points at it.
      const jobs = [
        ...read('configs/prometheus/prometheus.yml').matchAll(
          /job_name: (\S+)/g,
        ),
      ].map(m => m[1]);
      expect(jobs.sort()).toEqual(
        plan.components
          .filter(c => c.metrics)
          .map(c => c.id)
          .sort(),
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
    } finally {
      cleanup();
    }
  });
});

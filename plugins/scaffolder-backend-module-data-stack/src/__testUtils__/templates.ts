import { listFiles } from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A template's directory as the scaffolder's dry-run endpoint takes it
 * (`directoryContents`): every file, base64-encoded. Used by the end-to-end
 * test and the benchmark (scripts/bench/scaffolder.ts).
 */
export function templateDirectoryContents(dir: string) {
  return listFiles(dir).map(file => ({
    path: file,
    base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
  }));
}

/** The Create data stack form with every component chosen. */
export const everyComponentChoice = {
  name: 'analytics',
  description: 'Sales analytics lakehouse',
  owner: 'group:default/data-platform',
  components: [
    'mysql',
    'postgresql',
    'clickhouse',
    'druid',
    'delta-lake',
    'trino',
    'presto',
    'nifi',
    'logstash',
    'airflow',
    'elasticsearch',
    'prometheus',
    'grafana',
    'kibana',
  ],
  profile: 'dev',
  targets: ['compose', 'helm', 'helmfile'],
  repository: { target: 'local', location: 'this machine: analytics' },
};

/** The same stack published to a GitHub repository. */
export const githubRepository = {
  target: 'github',
  host: 'github.com',
  owner: 'acme',
  repo: 'analytics',
  repoUrl: 'github.com?owner=acme&repo=analytics',
  location: 'github.com/acme/analytics',
};

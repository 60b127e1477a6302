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
  storage: ['mysql', 'postgresql', 'clickhouse', 'druid'],
  lakehouse: ['delta-lake'],
  query: ['trino', 'presto'],
  pipelines: ['nifi', 'logstash', 'airflow'],
  search: ['elasticsearch'],
  observability: ['prometheus', 'grafana', 'kibana'],
  profile: 'dev',
  targets: ['compose', 'helm', 'helmfile'],
  repoUrl: 'github.com?owner=acme&repo=analytics',
};

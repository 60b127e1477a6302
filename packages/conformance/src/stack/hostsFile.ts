import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';

/**
 * The suite's /etc/hosts: every service name of the component library on
 * loopback, so the rendered files' addresses (jdbc:postgresql://postgresql:5432,
 * thrift://hive-metastore:9083) reach the native servers unchanged.
 */
export function hostsFile(): string {
  const names = new Set<string>();
  for (const d of loadComponentLibrary([
    defaultLibraryDir(),
  ]).components.values())
    for (const service of Object.keys(d.spec.services)) names.add(service);
  return `127.0.0.1 localhost ${[...names].sort().join(' ')}\n::1 localhost\n`;
}

if (require.main === module) process.stdout.write(hostsFile());

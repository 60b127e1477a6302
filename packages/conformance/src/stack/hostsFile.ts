import os from 'node:os';
import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';

/**
 * The suite's /etc/hosts: every service name of the component library on
 * loopback, so the rendered files' addresses (jdbc:postgresql://postgresql:5432,
 * thrift://hive-metastore:9083) reach the native servers unchanged. The
 * machine's own name too, as Docker writes a container's into its hosts file:
 * Hadoop's metrics and the metastore's leader election look it up.
 */
export function hostsFile(): string {
  const names = new Set<string>();
  for (const d of loadComponentLibrary([
    defaultLibraryDir(),
  ]).components.values())
    for (const service of Object.keys(d.spec.services)) names.add(service);
  names.add(os.hostname());
  return `127.0.0.1 localhost ${[...names].sort().join(' ')}\n::1 localhost\n`;
}

if (require.main === module) process.stdout.write(hostsFile());

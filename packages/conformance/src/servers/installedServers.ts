import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where scripts/conformance/servers.sh installs the servers: in its download
 * cache, outside the repository (why: servers.sh).
 */
export const SERVERS_DIR = path.join(
  process.env.DATASTACK_CACHE || path.join(os.homedir(), '.cache/datastack'),
  'servers',
);

/**
 * A server that scripts/conformance/servers.sh installed (`make conformance`
 * runs it first); a missing one fails the test with how to get it.
 */
export function installedServer(name: string): string {
  const dir = path.join(SERVERS_DIR, name);
  if (!fs.existsSync(dir))
    throw new Error(
      `${name} is not installed in ${SERVERS_DIR}: run make conformance (scripts/conformance/servers.sh installs it)`,
    );
  return dir;
}

/** The JDKs of this machine kind, by feature release (`ls /usr/lib/jvm`). */
const JDKS: Record<number, string> = {
  17: '/usr/lib/jvm/java-17-openjdk-amd64',
  25: '/usr/lib/jvm/temurin-25-jdk-amd64',
};

/** The home of JDK `feature`; a missing one fails with where it was looked for. */
export function javaHome(feature: 17 | 25): string {
  const home = JDKS[feature];
  if (!fs.existsSync(path.join(home, 'bin/java')))
    throw new Error(`Java ${feature} is missing: looked for ${home}/bin/java`);
  return home;
}

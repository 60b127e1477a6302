import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import type { RenderedStack } from '../stack/renderedStack';
import { runHealthcheck } from '../stack/runService';
import {
  nativeEnvironment,
  nativePaths,
  serviceOf,
} from '../stack/startService';
import { copyMountedEtc, startLauncher } from './launcher';
import { installedServer } from './installedServers';

// The prestodb/presto image, natively: the server tarball from Maven Central
// (0.287, the newest published there, stands in for the pinned 0.296;
// scripts/conformance/servers.sh), run as the image's entrypoint runs it
// (docker/entrypoint.sh in prestodb/presto: node.id=$HOSTNAME appended to
// etc/node.properties, then `bin/launcher run`), with the image's
// node.properties (docker/etc/node.properties) under the stack's mounts.

/** The version that runs here in place of the pinned one. */
export const PRESTO_HERE = '0.287';

const ETC = '/opt/presto-server/etc';

/**
 * Starts the stack's Presto coordinator from its rendered config.properties,
 * jvm.config and catalogs; ready when its compose healthcheck passes. 0.287
 * refuses Java 17 ("Unsupported class file major version 61"), so it runs on
 * the Java 11 runtime servers.sh installs.
 */
export async function startPresto(
  stack: RenderedStack,
  scratch: string,
): Promise<TestServer> {
  const service = serviceOf(stack, 'presto');
  const native = nativePaths(service, scratch);
  const own = fs.mkdtempSync(path.join(scratch, 'presto-'));
  const etc = path.join(own, 'etc');
  copyMountedEtc(service, ETC, etc, native);
  // The Java 11 runtime here lacks the jdk.httpserver module the JMX
  // exporter agent serves its metrics with, so the agent stays out:
  // Presto's metrics are not proven here (docs/conformance.md).
  const jvmConfig = path.join(etc, 'jvm.config');
  fs.writeFileSync(
    jvmConfig,
    fs
      .readFileSync(jvmConfig, 'utf8')
      .split('\n')
      .filter(line => !line.startsWith('-javaagent:'))
      .join('\n'),
  );
  fs.writeFileSync(
    path.join(etc, 'node.properties'),
    [
      'node.environment=test',
      `node.data-dir=${path.join(own, 'data')}`,
      'node.id=presto',
      '',
    ].join('\n'),
  );
  return startLauncher({
    name: 'presto',
    home: installedServer(`presto-${PRESTO_HERE}`),
    own,
    etc,
    java: installedServer('java-11'),
    env: nativeEnvironment(service, native),
    ready: async () => (await runHealthcheck(service)).code === 0,
  });
}

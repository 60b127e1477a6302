import {
  TestServer,
  startProcess,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { XMLBuilder } from 'fast-xml-parser';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LoadedService, RenderedStack } from '../stack/renderedStack';
import { CONFORMANCE_HOME, runHealthcheck } from '../stack/runService';
import {
  nativeEnvironment,
  nativePaths,
  serviceOf,
} from '../stack/startService';
import { installedServer, javaHome } from './installedServers';
import { serverLog } from '../stack/serverLogs';

// The apache/hive:4.0.0 image, natively: the standalone metastore of the same
// release with the Hadoop 3.3.6 the image carries (scripts/conformance/
// servers.sh), started as the image's entrypoint starts it
// (packaging/src/docker/entrypoint.sh at rel/release-4.0.0 in apache/hive):
// HADOOP_CLIENT_OPTS="-Xmx1G $SERVICE_OPTS", `schematool -dbType $DB_DRIVER
// -initOrUpgradeSchema`, then the metastore service, with the conf folder
// holding the image's hive-site.xml and the stack's mounted files.

const CONF_DIR = '/opt/hive/conf';

/**
 * What the image's own hive-site.xml (packaging/src/docker/conf/hive-site.xml
 * at rel/release-4.0.0) sets that a metastore reads; the rendered
 * SERVICE_OPTS override the warehouse.
 */
const IMAGE_HIVE_SITE = {
  'hive.metastore.warehouse.dir': '/opt/hive/data/warehouse',
  'metastore.metastore.event.db.notification.api.auth': 'false',
};

const hadoopXml = (properties: Record<string, string>) =>
  new XMLBuilder({ format: true }).build({
    configuration: {
      property: Object.entries(properties).map(([name, value]) => ({
        name,
        value,
      })),
    },
  });

/** The metastore's JVM: classpath, options and environment, as the image runs it. */
function metastoreJvm(
  stack: RenderedStack,
  scratch: string,
): {
  service: LoadedService;
  command: (mainClass: string, ...args: string[]) => string[];
  env: Record<string, string>;
} {
  const service = serviceOf(stack, 'hive-metastore');
  const native = nativePaths(service, scratch);
  const env = nativeEnvironment(service, native);
  // The image's conf folder: its hive-site.xml and every file the stack
  // mounts into it (core-site.xml, the JMX exporter's rules).
  const conf = path.join(scratch, 'hive-conf');
  fs.mkdirSync(conf, { recursive: true });
  fs.writeFileSync(
    path.join(conf, 'hive-site.xml'),
    hadoopXml(IMAGE_HIVE_SITE),
  );
  for (const v of service.volumes ?? [])
    if (v.type === 'bind' && path.dirname(v.target) === CONF_DIR)
      fs.copyFileSync(v.source, path.join(conf, path.basename(v.target)));
  const home = installedServer('hive-metastore-4.0.0');
  const auxlib = native(env.HIVE_AUX_JARS_PATH ?? '/opt/hive/auxlib');
  const classpath = [
    conf,
    path.join(auxlib, '*'),
    path.join(home, 'lib/*'),
    path.join(installedServer('hadoop-3.3.6'), '*'),
  ].join(':');
  // Unquoted in the image's scripts, so split on whitespace as the shell does.
  const options = `-Xmx1G ${env.SERVICE_OPTS ?? ''}`
    .split(/\s+/)
    .filter(Boolean)
    .map(native);
  const java = path.join(javaHome(17), 'bin/java');
  return {
    service,
    command: (mainClass: string, ...args: string[]) => [
      java,
      ...options,
      '-cp',
      classpath,
      mainClass,
      ...args,
    ],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: CONFORMANCE_HOME,
      ...env,
      HIVE_CONF_DIR: conf,
      // Where the schema tool finds scripts/metastore/upgrade/<db>.
      METASTORE_HOME: home,
    },
  };
}

/**
 * Initialises (or upgrades) the metastore's schema in the stack's
 * PostgreSQL, then starts the metastore; ready when its compose healthcheck
 * (a TCP connect to 9083) passes. `scratch` holds the jars the stack's
 * hive-metastore-jars job downloaded (its named volume).
 */
export async function startHiveMetastore(
  stack: RenderedStack,
  scratch: string,
): Promise<TestServer> {
  const jvm = metastoreJvm(stack, scratch);
  const [java, ...schematool] = jvm.command(
    'org.apache.hadoop.hive.metastore.tools.schematool.MetastoreSchemaTool',
    '-dbType',
    jvm.env.DB_DRIVER ?? 'derby',
    '-initOrUpgradeSchema',
  );
  await promisify(execFile)(java, schematool, {
    env: jvm.env,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 300_000,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(
      `hive-metastore schematool failed: ${error.message}\n${error.stdout}\n${error.stderr}`,
    );
  });
  const own = fs.mkdtempSync(path.join(scratch, 'hive-metastore-'));
  const started = await startProcess({
    name: 'hive-metastore',
    dir: own,
    cwd: own,
    logFile: serverLog('hive-metastore'),
    command: jvm.command('org.apache.hadoop.hive.metastore.HiveMetaStore'),
    env: jvm.env,
    timeoutMs: 180_000,
    ready: async () => (await runHealthcheck(jvm.service)).code === 0,
  });
  return { port: 9083, stop: started.stop };
}

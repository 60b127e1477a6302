import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedService, RenderedStack } from '../stack/renderedStack';
import {
  nativeEnvironment,
  nativePaths,
  serviceOf,
} from '../stack/startService';
import { copyMountedEtc, startLauncher } from './launcher';
import { installedServer, javaHome } from './installedServers';

// The trinodb/trino image, natively: the server tarball from Maven Central
// (476 stands in for the pinned 483, scripts/conformance/servers.sh), run as
// the image's run-trino runs it (`launcher run --etc-dir /etc/trino
// -Dnode.id=$HOSTNAME`, core/docker/bin/run-trino in trinodb/trino), with the
// image's default etc (core/docker/default/etc) under the stack's mounts.

/** The version that runs here in place of the pinned one. */
export const TRINO_HERE = '476';

const ETC = '/etc/trino';

/**
 * The image's jvm.config (core/docker/default/etc/jvm.config) without its
 * libjvmkill agent, which only the image carries. The image sizes the heap
 * at 80 % of the container's memory limit (MaxRAMPercentage=80); natively
 * that is -Xmx of 80 % of the service's limit, so the dev profile holds.
 */
function jvmConfig(service: LoadedService): string {
  const limit = Number(service.deploy?.resources?.limits?.memory);
  if (!limit) throw new Error('trino: the stack sets no memory limit');
  const heapMiB = Math.floor((limit * 0.8) / 2 ** 20);
  return [
    '-server',
    `-Xmx${heapMiB}m`,
    `-Xms${heapMiB}m`,
    '-XX:G1HeapRegionSize=32M',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-XX:+HeapDumpOnOutOfMemoryError',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:ReservedCodeCacheSize=256M',
    '-XX:PerMethodRecompilationCutoff=10000',
    '-XX:PerBytecodeRecompilationCutoff=10000',
    '-Djdk.attach.allowAttachSelf=true',
    '-Djdk.nio.maxCachedBufferSize=2000000',
    '-XX:+EnableDynamicAgentLoading',
    '-XX:+UnlockDiagnosticVMOptions',
    '-XX:G1NumCollectionsKeepPinned=10000000',
    '',
  ].join('\n');
}

/**
 * The catalog property renames the descriptor applies for the pinned
 * version, undone for the version that runs here: the stores write the
 * names 480 and older read, and Trino's catalogs renderer renames them.
 */
function renamesUndone(): Map<string, string> {
  const trino = loadComponentLibrary([defaultLibraryDir()]).components.get(
    'trino',
  );
  const catalogs = (trino?.spec.configs ?? []).find(
    c => c.renderer === 'catalogs',
  ) as { renames?: { from: string; to: string }[] } | undefined;
  return new Map((catalogs?.renames ?? []).map(r => [r.to, r.from]));
}

/** Catalog properties with the pinned version's property names undone. */
function undoRenames(): (text: string) => string {
  const undo = renamesUndone();
  return text =>
    text.replace(/^([^#=\s]+)=/gm, (line, name: string) =>
      undo.has(name) ? `${undo.get(name)}=` : line,
    );
}

/** Trino's image health check (core/docker/bin/health-check): /v1/info says it is no longer starting. */
export async function trinoHealthCheck(port = 8080): Promise<boolean> {
  const res = await fetch(`http://localhost:${port}/v1/info`);
  return res.ok && /"starting":\s*false/.test(await res.text());
}

/**
 * Starts the stack's Trino coordinator from its rendered config.properties
 * and catalogs, with the password of its catalogs from the stack's `.env`;
 * ready when the image's health check passes.
 */
export async function startTrino(
  stack: RenderedStack,
  scratch: string,
): Promise<TestServer> {
  const service = serviceOf(stack, 'trino');
  const native = nativePaths(service, scratch);
  const own = fs.mkdtempSync(path.join(scratch, 'trino-'));
  const etc = path.join(own, 'etc');
  fs.mkdirSync(etc);
  fs.writeFileSync(
    path.join(etc, 'node.properties'),
    `node.environment=docker\nnode.data-dir=${path.join(own, 'data')}\n`,
  );
  fs.writeFileSync(path.join(etc, 'jvm.config'), jvmConfig(service));
  copyMountedEtc(service, ETC, etc, undoRenames());
  return startLauncher({
    name: 'trino',
    home: installedServer(`trino-${TRINO_HERE}`),
    own,
    etc,
    java: javaHome(25),
    env: nativeEnvironment(service, native),
    args: ['-Dnode.id=trino'],
    ready: () => trinoHealthCheck(),
  });
}

/**
 * Metrics the pinned version serves under another name than the stand-in:
 * after 476 the node manager moved to io.trino.node.CoordinatorNodeManager
 * (JMX trino.node:name=CoordinatorNodeManager, core/trino-main in
 * trinodb/trino); 476 registers it as trino.metadata:name=DiscoveryNodeManager.
 * The suite asks the stand-in for the card's query under its own name.
 */
export const TRINO_HERE_METRIC_NAMES: Record<string, string> = {
  trino_node_name_CoordinatorNodeManager_ActiveNodeCount:
    'trino_metadata_name_DiscoveryNodeManager_ActiveNodeCount',
};

/** A query of the pinned version's metrics, as the stand-in names them. */
export const forTrinoHere = (query: string) =>
  Object.entries(TRINO_HERE_METRIC_NAMES).reduce(
    (q, [pinned, here]) => q.split(pinned).join(here),
    query,
  );

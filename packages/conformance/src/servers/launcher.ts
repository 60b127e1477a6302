import {
  TestServer,
  startProcess,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedService } from '../stack/renderedStack';
import { CONFORMANCE_HOME } from '../stack/runService';
import { serverLog } from '../stack/serverLogs';

/**
 * The files a service mounts under its image's configuration folder
 * (`/etc/trino`, `/opt/presto-server/etc`), copied into a native one with
 * `edit` applied to each file's text (container paths made native, names a
 * stand-in version reads). Folders (catalogs) are copied file by file.
 */
export function copyMountedEtc(
  service: LoadedService,
  containerEtc: string,
  etc: string,
  edit: (text: string) => string,
) {
  const copy = (from: string, to: string) => {
    if (fs.statSync(from).isDirectory()) {
      fs.mkdirSync(to, { recursive: true });
      for (const file of fs.readdirSync(from))
        copy(path.join(from, file), path.join(to, file));
    } else fs.writeFileSync(to, edit(fs.readFileSync(from, 'utf8')));
  };
  fs.mkdirSync(etc, { recursive: true });
  for (const v of service.volumes ?? [])
    if (v.type === 'bind' && v.target.startsWith(`${containerEtc}/`))
      copy(v.source, path.join(etc, path.relative(containerEtc, v.target)));
}

/**
 * Runs an Airlift launcher server (Trino, Presto) in the foreground, as
 * their images do (`bin/launcher run`), from `etc` with `java`.
 */
export async function startLauncher(options: {
  name: string;
  /** The unpacked server. */
  home: string;
  /** Its folder, removed when it stops; `etc` lies in it. */
  own: string;
  etc: string;
  java: string;
  env: Record<string, string>;
  args?: string[];
  ready: () => Promise<boolean>;
}): Promise<TestServer> {
  const started = await startProcess({
    name: options.name,
    dir: options.own,
    cwd: options.own,
    logFile: serverLog(options.name),
    command: [
      path.join(options.home, 'bin/launcher'),
      'run',
      '--etc-dir',
      options.etc,
      ...(options.args ?? []),
    ],
    env: {
      PATH: `${options.java}/bin:${process.env.PATH}`,
      JAVA_HOME: options.java,
      HOME: CONFORMANCE_HOME,
      ...options.env,
    },
    timeoutMs: 240_000,
    ready: options.ready,
  });
  return { port: 8080, stop: started.stop };
}

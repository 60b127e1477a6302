import fs from 'node:fs';
import path from 'node:path';
import type { LoadedService } from '../stack/renderedStack';

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

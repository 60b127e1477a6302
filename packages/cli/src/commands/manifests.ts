import { writeStackFiles } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  MANIFESTS_DIR,
  renderManifests,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import path from 'node:path';
import { givenPath } from '../arguments';

/**
 * `datastack manifests`: plain manifests of a rendered stack from its
 * charts and values (`helm template`), into `<dir>/k8s-manifests/`.
 */
export async function manifestsCommand(dir: string) {
  givenPath(dir, '<dir>');
  process.stderr.write(
    `rendering every release of ${dir} with helm template…\n`,
  );
  const files = await renderManifests(dir);
  const changed = writeStackFiles(dir, files);
  for (const f of changed) process.stderr.write(`  wrote ${f}\n`);
  process.stderr.write(
    `${files.length} files in ${path.join(dir, MANIFESTS_DIR)}, ${
      changed.length
    } changed\n`,
  );
}

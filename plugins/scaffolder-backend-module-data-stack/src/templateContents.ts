import { listFiles } from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A template's directory as the scaffolder's dry-run endpoint takes it
 * (`directoryContents`): every file, base64-encoded. Used by the end-to-end
 * test and the benchmark.
 */
export function templateDirectoryContents(dir: string) {
  return listFiles(dir).map(file => ({
    path: file,
    base64Content: fs.readFileSync(path.join(dir, file)).toString('base64'),
  }));
}

import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './renderedStack';

/**
 * Where each server the suite starts keeps what it printed, for reading
 * after a failure: test-output/conformance/<name>.log (git-ignored),
 * written afresh by each run.
 */
export function serverLog(name: string): string {
  const dir = path.join(REPO_ROOT, 'test-output/conformance');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.log`);
  fs.rmSync(file, { force: true });
  return file;
}

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';

const run = promisify(execFile);

// eslint-disable-next-line no-restricted-syntax -- test-only code, always run from source
const repoRoot = path.resolve(__dirname, '../../../..');
const appDir = path.join(repoRoot, 'packages/app');
const distDir = path.join(appDir, 'dist');
/** Written into dist/ last: the inputs the build there was made from. */
const stampFile = path.join(distDir, '.build-inputs');

/**
 * What the app bundle is built from: the app, the frontend plugin and its
 * common package, the lockfile and the config. Tracked and untracked files
 * alike, so an edit not yet committed still rebuilds.
 */
const APP_INPUTS = [
  'packages/app',
  'plugins/data-stack',
  'plugins/data-stack-common',
  'yarn.lock',
  'app-config.yaml',
];

async function inputsHash(): Promise<string> {
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '-c', '-o', '--exclude-standard', '--', ...APP_INPUTS],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  const hash = createHash('sha256');
  for (const file of stdout.split('\0').filter(Boolean).sort()) {
    const full = path.join(repoRoot, file);
    // A file listed by git but deleted in the work tree is not an input.
    if (!fs.existsSync(full)) continue;
    hash.update(file).update('\0').update(fs.readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the app, which the backend then serves as in production, once per
 * set of inputs. Jest runs the browser tests in parallel workers, and a
 * build empties dist/ while another test's portal serves from it; so builds
 * take a lock across processes, and a build whose inputs have not changed
 * since the last one is skipped.
 */
export async function buildApp(): Promise<void> {
  fs.mkdirSync(appDir, { recursive: true });
  const release = await lockfile.lock(appDir, {
    lockfilePath: path.join(appDir, '.dist-build.lock'),
    // A build takes one to two minutes on two cores; wait for it.
    retries: { retries: 300, minTimeout: 1000, maxTimeout: 1000 },
  });
  try {
    const inputs = await inputsHash();
    const built = fs.existsSync(stampFile)
      ? fs.readFileSync(stampFile, 'utf8')
      : undefined;
    if (built === inputs) return;
    fs.rmSync(stampFile, { force: true });
    try {
      await run('yarn', ['workspace', 'app', 'build'], {
        cwd: repoRoot,
        maxBuffer: 64 * 1024 * 1024,
        // Jest's NODE_ENV=test has no browserslist section of the app.
        env: { ...process.env, NODE_ENV: 'production' },
      });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(
        `yarn workspace app build failed:\n${stderr || stdout || error}`,
      );
    }
    fs.writeFileSync(stampFile, inputs);
  } finally {
    await release();
  }
}

/*
 * Frontend plugin size (issue 7 budget: the plugin package's built
 * JavaScript, its dist/ files concatenated and gzip -9, dependencies
 * excluded, at most 40 KB). Run from the repository root after `make setup`:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/frontendSize.ts
 *
 * Builds plugins/data-stack with `backstage-cli package build` (which leaves
 * dependencies as imports), then prints the raw and gzip -9 size of every
 * .js file in dist/ concatenated, and the five largest files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_KB = 40;
const pkgDir = path.resolve('plugins/data-stack');
const dist = path.join(pkgDir, 'dist');

const build = spawnSync('yarn', ['build'], { cwd: pkgDir, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}

function jsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

const files = jsFiles(dist).sort();
const contents = files.map(f => fs.readFileSync(f));
const all = Buffer.concat(contents);
const gzipped = zlib.gzipSync(all, { level: 9 });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${files.length} files in ${path.relative(process.cwd(), dist)}`);
console.log(
  `raw ${kb(all.length)}, gzip -9 ${kb(
    gzipped.length,
  )} (budget ${BUDGET_KB} KB)`,
);
console.log('largest:');
for (const [file, size] of files
  .map((f, i) => [f, contents[i].length] as const)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5))
  console.log(`  ${kb(size).padStart(9)}  ${path.relative(dist, file)}`);
console.log(
  `within budget: ${gzipped.length <= BUDGET_KB * 1024 ? 'yes' : 'NO'}`,
);

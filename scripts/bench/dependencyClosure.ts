/*
 * Production dependency closure of a workspace package (issue 17, design
 * debt 5: what the portal backend installs). Run from the repository root
 * after `make setup`:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/dependencyClosure.ts packages/backend [--list] [--without <name>]
 *
 * Walks `dependencies` (never devDependencies; optional and peer
 * dependencies only when installed) from the package, finding each one the
 * way Node does, through the node_modules folders above the depending
 * package's real directory. Packages are counted once per resolved directory.
 * A package's size is the bytes of every file under its directory, leaving
 * out nested node_modules (the packages there are counted on their own when
 * they are in the closure). --list prints every package with its size;
 * --without leaves a dependency out wherever it appears, to see what it
 * alone brings in.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type Manifest = {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const readManifest = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

/**
 * The real directory of `name` as seen from `fromDir`, or undefined when it
 * is not installed. Looks for `name/package.json` in Node's own lookup paths
 * rather than resolving the package's entry point, which `exports` may hide.
 * The subpath also keeps names of core modules (punycode, string_decoder),
 * which packages may install from the registry, from resolving to Node's.
 */
function resolvePackage(name: string, fromDir: string): string | undefined {
  const lookup =
    createRequire(path.join(fromDir, 'package.json')).resolve.paths(
      `${name}/package.json`,
    ) ?? [];
  for (const modules of lookup) {
    const dir = path.join(modules, name);
    if (fs.existsSync(path.join(dir, 'package.json')))
      return fs.realpathSync(dir);
  }
  return undefined;
}

/** Bytes of every file under dir, not following links or entering node_modules. */
function sizeOf(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') bytes += sizeOf(full);
    } else if (entry.isFile()) {
      bytes += fs.statSync(full).size;
    }
  }
  return bytes;
}

function closure(root: string, without: string[]): Map<string, Manifest> {
  const seen = new Map<string, Manifest>();
  const queue = [fs.realpathSync(root)];
  const wanted = (deps?: Record<string, string>) =>
    Object.keys(deps ?? {}).filter(name => !without.includes(name));
  while (queue.length) {
    const dir = queue.pop()!;
    if (seen.has(dir)) continue;
    const manifest = readManifest(dir);
    seen.set(dir, manifest);
    const required = wanted(manifest.dependencies);
    const ifInstalled = [
      ...wanted(manifest.optionalDependencies),
      ...wanted(manifest.peerDependencies),
    ];
    for (const name of required) {
      const found = resolvePackage(name, dir);
      if (!found)
        throw new Error(`${name}, a dependency of ${dir}, is not installed`);
      queue.push(found);
    }
    for (const name of ifInstalled) {
      const found = resolvePackage(name, dir);
      if (found) queue.push(found);
    }
  }
  return seen;
}

function main() {
  const [target, ...flags] = process.argv.slice(2);
  if (!target) {
    console.error(
      'usage: dependencyClosure.ts <package dir> [--list] [--without <name>]',
    );
    process.exit(2);
  }
  const without = flags.flatMap((flag, i) =>
    flag === '--without' ? [flags[i + 1]] : [],
  );
  const packages = closure(path.resolve(target), without);
  const sizes = [...packages.keys()].map(dir => [dir, sizeOf(dir)] as const);
  const total = sizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (flags.includes('--list')) {
    for (const [dir, bytes] of sizes.sort(([a], [b]) => a.localeCompare(b))) {
      const { name, version } = packages.get(dir)!;
      console.log(`${String(bytes).padStart(11)}  ${name}@${version}`);
    }
  }
  const leftOut = without.length ? ` without ${without.join(', ')}` : '';
  console.log(
    `${target}${leftOut}: ${packages.size} packages, ${mib(
      total,
    )} (${total} bytes)`,
  );
}

main();

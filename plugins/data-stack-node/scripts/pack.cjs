#!/usr/bin/env node
/* eslint-disable no-restricted-syntax */
/*
 * The package's prepack and postpack (`node scripts/pack.cjs prepack|postpack`,
 * which `yarn pack` and `yarn npm publish` run in the package's folder).
 *
 * prepack copies the component library into library/, so that a package
 * installed from a registry has it (defaultLibraryDir() reads it there),
 * then runs `backstage-cli package prepack` (entry points and publishConfig
 * into package.json, config.schema.json). postpack undoes both.
 *
 * The library is the content of the repository's services/ that is not
 * rendered output of this repository's own stack: each component's
 * component.yaml and the files it ships as they are (`spec.files`), and
 * services/profiles.yaml when there is one. Its docker-compose.yml and the
 * files of `spec.configs` are rendered from stack.yaml and stay behind.
 *
 * The Backstage commands run from here rather than in the package.json
 * scripts: `backstage-cli migrate package-scripts` resets a script that
 * mentions backstage-cli to the plain one, which would drop the library.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const packageDir = path.resolve(__dirname, '..');
const servicesDir = path.resolve(packageDir, '../../services');
const libraryDir = path.join(packageDir, 'library');
const DESCRIPTOR_FILE = 'component.yaml';
const PROFILES_FILE = 'profiles.yaml';

/** A regular file, never a link: the package ships what it names. */
function copyRegularFile(from, to) {
  const stat = fs.lstatSync(from);
  if (!stat.isFile()) {
    throw new Error(`${from} is not a regular file`);
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, stat.mode & 0o111 ? 0o755 : 0o644);
}

function copyLibrary() {
  fs.rmSync(libraryDir, { recursive: true, force: true });
  let components = 0;
  let files = 0;
  for (const entry of fs
    .readdirSync(servicesDir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const source = path.join(servicesDir, entry.name);
    const descriptor = path.join(source, DESCRIPTOR_FILE);
    if (!entry.isDirectory() || !fs.existsSync(descriptor)) continue;
    const target = path.join(libraryDir, entry.name);
    copyRegularFile(descriptor, path.join(target, DESCRIPTOR_FILE));
    components += 1;
    const doc = parse(fs.readFileSync(descriptor, 'utf8'));
    const shipped = (doc && doc.spec && doc.spec.files) || [];
    if (!Array.isArray(shipped)) {
      throw new Error(`${descriptor}: spec.files must be a list`);
    }
    for (const file of shipped) {
      const from = path.resolve(source, String(file));
      if (!from.startsWith(source + path.sep)) {
        throw new Error(`${descriptor}: spec.files '${file}' leaves ${source}`);
      }
      copyRegularFile(from, path.join(target, path.relative(source, from)));
      files += 1;
    }
  }
  if (components === 0) {
    throw new Error(`no ${DESCRIPTOR_FILE} found under ${servicesDir}`);
  }
  const profiles = path.join(servicesDir, PROFILES_FILE);
  if (fs.existsSync(profiles)) {
    copyRegularFile(profiles, path.join(libraryDir, PROFILES_FILE));
  }
  console.log(
    `library/: ${components} components and ${files} shipped files from ${path.relative(
      process.cwd(),
      servicesDir,
    )}`,
  );
}

function removeLibrary() {
  fs.rmSync(libraryDir, { recursive: true, force: true });
}

/** `backstage-cli package <command>` in the package's folder. */
function backstageCli(command) {
  const bin = require.resolve('@backstage/cli/bin/backstage-cli', {
    paths: [packageDir],
  });
  const result = spawnSync(process.execPath, [bin, 'package', command], {
    cwd: packageDir,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `backstage-cli package ${command} failed (${
        result.signal ?? `exit ${result.status}`
      })`,
    );
  }
}

function main(step) {
  if (step === 'prepack') {
    try {
      copyLibrary();
      backstageCli('prepack');
    } catch (error) {
      removeLibrary();
      throw error;
    }
  } else if (step === 'postpack') {
    try {
      backstageCli('postpack');
    } finally {
      removeLibrary();
    }
  } else {
    throw new Error('usage: node scripts/pack.cjs prepack|postpack');
  }
}

try {
  main(process.argv[2]);
} catch (error) {
  console.error(`data-stack-node pack: ${error.message}`);
  process.exit(1);
}

/*
 * The packages as a registry would serve them (issue 17, item 6): builds and
 * packs the `datastack` CLI and every workspace package it depends on
 * (`yarn pack`, which runs each package's prepack and postpack), installs
 * the tarballs with npm into an empty temporary folder, and runs the
 * installed `datastack` there: it lists the library, renders a stack written
 * in that folder, validates and drift-checks the result, and the rendered
 * files must equal what the workspace's sources render. `make packages`
 * (part of `make test`) runs it from the repository root after `make setup`:
 *
 *   PATH=$PWD/.tools/bin:$PATH node -r @backstage/cli/config/nodeTransform.cjs scripts/pack/checkPackages.ts
 *
 * `yarn tsc` comes first, for the declarations the builds bundle; a type
 * error in a packed package fails the run, others are `make typecheck`'s.
 * npm fetches the packages' dependencies from the registry (its cache makes
 * later runs faster). Any problem fails the run with a message; the
 * temporary folder, the tarballs, the library/ copy and the dist/ folders
 * the run built are removed however it ends (a dist/ that was there before
 * is left, rebuilt).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const CLI = '@big-data-stack/cli';
const NODE = '@big-data-stack/backstage-plugin-data-stack-node';
/** What the installed CLI renders: one component shipping a file as it is (clickhouse), one with rendered configs (trino). */
const STACK_COMPONENTS = ['postgresql', 'clickhouse', 'trino'];
const STACK_YAML = stringifyYaml({
  apiVersion: 'datastack.backstage.io/v1alpha1',
  kind: 'DataStack',
  metadata: {
    name: 'pack-check',
    description: 'A small stack rendered by the installed datastack command',
    owner: 'group:default/data-platform',
  },
  spec: {
    profile: 'dev',
    components: STACK_COMPONENTS,
    targets: ['compose', 'helm', 'helmfile', 'catalog'],
    kubernetes: { namespace: 'pack-check' },
  },
});

const started = Date.now();
const log = (message: string) =>
  console.log(
    `[packages +${Math.round((Date.now() - started) / 1000)}s] ${message}`,
  );

class CheckFailed extends Error {}

function fail(message: string): never {
  throw new CheckFailed(message);
}

/** The child's environment: the repository's tools first, no NODE_PATH (the installed CLI finds nothing of the workspace). */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  env.PATH = [path.join(ROOT, '.tools/bin'), env.PATH].join(path.delimiter);
  return env;
}

function spawn(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const shown = `${command} ${args.join(' ')} (in ${cwd})`;
  if (result.error) fail(`${shown}: ${result.error.message}`);
  return { ...result, shown };
}

/** Runs a command; its output is shown only when it fails. */
function run(command: string, args: string[], cwd: string): string {
  const result = spawn(command, args, cwd);
  const shown = result.shown;
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    fail(
      `${shown} failed with ${
        result.signal ? `signal ${result.signal}` : `exit code ${result.status}`
      }`,
    );
  }
  return result.stdout;
}

interface Workspace {
  name: string;
  dir: string;
  manifest: {
    name: string;
    dependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
}

function readWorkspaces(): Map<string, Workspace> {
  const workspaces = new Map<string, Workspace>();
  for (const parent of ['packages', 'plugins']) {
    for (const entry of fs.readdirSync(path.join(ROOT, parent))) {
      const dir = path.join(ROOT, parent, entry);
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      workspaces.set(manifest.name, { name: manifest.name, dir, manifest });
    }
  }
  return workspaces;
}

/** The CLI and every workspace package its `dependencies` reach. */
function packagesToPack(): Workspace[] {
  const workspaces = readWorkspaces();
  const found = new Map<string, Workspace>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    const workspace = workspaces.get(name) ?? fail(`no workspace ${name}`);
    found.set(name, workspace);
    for (const [dep, range] of Object.entries(
      workspace.manifest.dependencies ?? {},
    ))
      if (range.startsWith('workspace:')) visit(dep);
  };
  visit(CLI);
  return [...found.values()];
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    })
    .sort();
}

/** Component ids of the repository's library (services/<id>/component.yaml). */
function libraryIds(): string[] {
  const services = path.join(ROOT, 'services');
  return fs
    .readdirSync(services)
    .filter(id => fs.existsSync(path.join(services, id, 'component.yaml')))
    .sort();
}

/** The library in the node package's tarball: every descriptor, no rendered output. */
function checkNodeTarball(tarball: string) {
  const entries = run('tar', ['-tzf', tarball], ROOT)
    .split('\n')
    .filter(Boolean);
  const library = entries.filter(e => e.startsWith('package/library/'));
  for (const id of libraryIds()) {
    if (!library.includes(`package/library/${id}/component.yaml`))
      fail(`${path.basename(tarball)} lacks library/${id}/component.yaml`);
  }
  const rendered = library.filter(e => e.endsWith('/docker-compose.yml'));
  if (rendered.length)
    fail(
      `${path.basename(tarball)} ships rendered output: ${rendered.join(', ')}`,
    );
  if (entries.some(e => e.startsWith('package/src/')))
    fail(`${path.basename(tarball)} ships src/`);
}

/** The files a render of STACK_YAML must have written. */
function checkRendered(out: string) {
  const expected = [
    'docker-compose.yml',
    'helmfile.yaml',
    'catalog-info.yaml',
    '.env.example',
    'helm-charts/common/Chart.yaml',
    // Shipped by the clickhouse descriptor as it is (spec.files).
    'services/clickhouse/prometheus.xml',
  ];
  const planned = fs
    .readdirSync(path.join(out, 'services'))
    .filter(id =>
      fs.existsSync(path.join(out, 'services', id, 'docker-compose.yml')),
    );
  for (const id of STACK_COMPONENTS)
    if (!planned.includes(id)) fail(`the render has no services/${id}/`);
  for (const id of planned)
    expected.push(
      `services/${id}/docker-compose.yml`,
      `helm-charts/${id}/Chart.yaml`,
      `helm-charts/${id}/values.schema.json`,
      `helm-charts/${id}/templates/workloads.yaml`,
      `values/${id}.yaml`,
    );
  const missing = expected.filter(f => !fs.existsSync(path.join(out, f)));
  if (missing.length)
    fail(`the installed datastack rendered no ${missing.join(', ')}`);
  return planned;
}

/** The installed render must equal the workspace's, file for file. */
function compareTrees(installed: string, workspace: string) {
  const a = listFiles(installed);
  const b = listFiles(workspace);
  const onlyOne = [
    ...a.filter(f => !b.includes(f)).map(f => `${f} (installed only)`),
    ...b.filter(f => !a.includes(f)).map(f => `${f} (workspace only)`),
  ];
  const differ = a.filter(
    f =>
      b.includes(f) &&
      !fs
        .readFileSync(path.join(installed, f))
        .equals(fs.readFileSync(path.join(workspace, f))),
  );
  if (onlyOne.length || differ.length)
    fail(
      `the installed packages render differently from the workspace: ${[
        ...onlyOne,
        ...differ.map(f => `${f} differs`),
      ].join(', ')}`,
    );
}

/** Puts a package folder back as it was if a pack stopped half-way. */
function restorePackage(workspace: Workspace, builtDist: boolean) {
  const problems: string[] = [];
  const attempt = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  if (fs.existsSync(path.join(workspace.dir, 'package.json-prepack')))
    attempt('postpack', () => {
      log(`restoring ${workspace.name} (its postpack did not run)`);
      if (workspace.manifest.scripts?.postpack)
        run('yarn', ['run', 'postpack'], workspace.dir);
    });
  if (workspace.name === NODE)
    attempt('library/', () =>
      fs.rmSync(path.join(workspace.dir, 'library'), {
        recursive: true,
        force: true,
      }),
    );
  if (builtDist)
    attempt('dist/', () =>
      fs.rmSync(path.join(workspace.dir, 'dist'), {
        recursive: true,
        force: true,
      }),
    );
  return problems;
}

/**
 * `yarn tsc`, which writes dist-types/ even when it finds errors. Errors in
 * a packed package fail the run; errors elsewhere are `make typecheck`'s to
 * report, so they are only named here.
 */
function typeDeclarations(packages: Workspace[]) {
  const result = spawn('yarn', ['tsc', '--pretty', 'false'], ROOT);
  if (result.status === 0) return;
  const errors = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter(line => /^\S.*\(\d+,\d+\): error TS\d+/.test(line));
  const files = [...new Set(errors.map(line => line.replace(/\(.*/, '')))];
  const packed = packages.map(w => `${path.relative(ROOT, w.dir)}/`);
  const ours = errors.filter(line => packed.some(dir => line.startsWith(dir)));
  if (!errors.length || ours.length) {
    process.stderr.write(
      ours.length ? `${ours.join('\n')}\n` : result.stdout + result.stderr,
    );
    fail(`${result.shown} failed with exit code ${result.status}`);
  }
  log(
    `yarn tsc reports errors outside the packed packages (make typecheck fails on them): ${files.join(
      ', ',
    )}`,
  );
}

function check(tmp: string, packages: Workspace[], built: Set<Workspace>) {
  log('yarn tsc (the declarations the builds bundle)');
  typeDeclarations(packages);

  for (const workspace of packages) {
    log(`building ${workspace.name}`);
    if (!fs.existsSync(path.join(workspace.dir, 'dist'))) built.add(workspace);
    run('yarn', ['backstage-cli', 'package', 'build'], workspace.dir);
  }

  const tarballs: string[] = [];
  for (const workspace of packages) {
    log(`packing ${workspace.name}`);
    const tarball = path.join(
      tmp,
      `${workspace.name.replace(/^@/, '').replace('/', '-')}.tgz`,
    );
    run('yarn', ['pack', '--out', tarball], workspace.dir);
    // What prepack adds and postpack must take away again.
    const added = ['package.json-prepack', 'config.schema.json'];
    if (workspace.name === NODE) added.push('library');
    for (const left of added)
      if (fs.existsSync(path.join(workspace.dir, left)))
        fail(`packing ${workspace.name} left ${left} in ${workspace.dir}`);
    if (workspace.name === NODE) checkNodeTarball(tarball);
    tarballs.push(tarball);
  }

  const install = path.join(tmp, 'install');
  fs.mkdirSync(install);
  fs.writeFileSync(
    path.join(install, 'package.json'),
    `${JSON.stringify({ name: 'pack-check', private: true }, null, 2)}\n`,
  );
  log(`installing ${tarballs.length} tarballs with npm in ${install}`);
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs],
    install,
  );
  const datastack = path.join(install, 'node_modules/.bin/datastack');
  if (!fs.existsSync(datastack)) fail('npm installed no datastack command');

  log('the installed library');
  const libraryDir = run(
    'node',
    ['-p', `require('${NODE}').defaultLibraryDir()`],
    install,
  ).trim();
  const nodePackage = fs.realpathSync(path.join(install, 'node_modules', NODE));
  if (path.relative(nodePackage, libraryDir) !== 'library')
    fail(
      `the installed defaultLibraryDir() is ${libraryDir}, not ${nodePackage}/library`,
    );
  const listed = (
    JSON.parse(run(datastack, ['components', '--json'], install))
      .components as { id: string }[]
  )
    .map(c => c.id)
    .sort();
  if (listed.join() !== libraryIds().join())
    fail(
      `datastack components lists ${listed.join(
        ', ',
      )}; the library has ${libraryIds().join(', ')}`,
    );

  log(`rendering a stack of ${STACK_COMPONENTS.join(', ')}`);
  fs.writeFileSync(path.join(install, 'stack.yaml'), STACK_YAML);
  run(datastack, ['render', 'stack.yaml', '--out', 'out'], install);
  const planned = checkRendered(path.join(install, 'out'));

  log(`validating the render (${planned.length} components)`);
  run(datastack, ['validate', 'out', '--require-tools'], install);
  run(datastack, ['check', 'out'], install);

  log('comparing with a render from the workspace sources');
  const workspaceOut = path.join(tmp, 'workspace-out');
  run(
    'node',
    [
      path.join(ROOT, 'packages/cli/bin/datastack'),
      'render',
      path.join(install, 'stack.yaml'),
      '--out',
      workspaceOut,
    ],
    ROOT,
  );
  compareTrees(path.join(install, 'out'), workspaceOut);
}

function main() {
  const packages = packagesToPack();
  const built = new Set<Workspace>();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-packages-'));
  // Ctrl-C stops the child first; the run then fails and cleans up below.
  const interrupted = (signal: NodeJS.Signals) =>
    log(`${signal}: stopping after the current step`);
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  let failure: unknown;
  try {
    check(tmp, packages, built);
  } catch (error) {
    failure = error;
  }
  const problems = packages.flatMap(w => restorePackage(w, built.has(w)));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (failure || problems.length) {
    if (failure)
      console.error(
        `[packages] FAILED: ${
          failure instanceof CheckFailed
            ? failure.message
            : (failure as Error).stack
        }`,
      );
    for (const problem of problems)
      console.error(`[packages] FAILED to clean up ${problem}`);
    process.exit(1);
  }
  log(`ok: ${packages.map(w => w.name).join(', ')} install and render`);
}

main();

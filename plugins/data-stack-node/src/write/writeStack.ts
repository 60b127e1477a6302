import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_HEADER, RenderedFile } from '../render/files';
import { CHARTS_DIR } from '../render/helm/chart';
import { listFiles } from '../listFiles';

const HELM_DEPENDENCY_BUILDS = `${CHARTS_DIR}/*/charts/`;
const HELM_DEPENDENCY_LOCKS = `${CHARTS_DIR}/*/Chart.lock`;

/**
 * Writes rendered files under `root`. Everything is rendered and validated
 * before this runs, so bad input never leaves a half-written stack; each file
 * goes through a temporary name and a rename, and unchanged files are not
 * touched. Returns the paths that changed.
 */
export function writeStackFiles(root: string, files: RenderedFile[]): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const target = path.join(root, file.path);
    if (!path.resolve(target).startsWith(path.resolve(root) + path.sep)) {
      throw new Error(`refusing to write ${file.path} outside ${root}`);
    }
    const mode = file.mode ?? 0o644;
    if (
      fs.existsSync(target) &&
      fs.readFileSync(target, 'utf8') === file.content
    ) {
      if ((fs.statSync(target).mode & 0o777) !== mode)
        fs.chmodSync(target, mode);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.datastack-${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.content, { mode });
    fs.renameSync(temporary, target);
    changed.push(file.path);
  }
  ensureGitignored(root, '.env');
  // What `helm dependency build` adds to a vendored chart.
  if (files.some(f => f.path.startsWith(`${CHARTS_DIR}/`))) {
    ensureGitignored(root, HELM_DEPENDENCY_BUILDS);
    ensureGitignored(root, HELM_DEPENDENCY_LOCKS);
  }
  return changed;
}

/** Keeps a path out of git in the stack repository: `.env` (the generated secrets), helm's build output. */
export function ensureGitignored(root: string, entry: string) {
  const file = path.join(root, '.gitignore');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (
    current
      .split('\n')
      .some(line => line.trim() === entry || line.trim() === `/${entry}`)
  )
    return;
  fs.writeFileSync(
    file,
    `${current}${current && !current.endsWith('\n') ? '\n' : ''}${entry}\n`,
  );
}

export interface StackDrift {
  /** Rendered files whose content on disk differs. */
  changed: string[];
  /** Rendered files missing on disk. */
  missing: string[];
  /** Generated files on disk the render no longer produces. */
  stale: string[];
}

/** A chart this render writes, or one an earlier render wrote (its Chart.yaml says so). */
function isGeneratedChart(root: string, chart: string, rendered: Set<string>) {
  if ([...rendered].some(f => f.startsWith(`${CHARTS_DIR}/${chart}/`)))
    return true;
  const chartYaml = path.join(root, CHARTS_DIR, chart, 'Chart.yaml');
  return (
    fs.existsSync(chartYaml) &&
    fs.readFileSync(chartYaml, 'utf8').includes(GENERATED_HEADER)
  );
}

/** Compares a render with what is on disk: what `datastack check` reports. */
export function diffStackFiles(
  root: string,
  files: RenderedFile[],
): StackDrift {
  const drift: StackDrift = { changed: [], missing: [], stale: [] };
  const rendered = new Set(files.map(f => f.path));
  for (const file of files) {
    const target = path.join(root, file.path);
    if (!fs.existsSync(target)) drift.missing.push(file.path);
    else if (fs.readFileSync(target, 'utf8') !== file.content)
      drift.changed.push(file.path);
  }
  // Generated: every component compose file, every file in a config
  // directory the render writes to, every release's values and every file of
  // a generated chart (hand-written files elsewhere are left alone).
  const configDirs = new Set(
    files
      .filter(f => f.path.startsWith('configs/'))
      .map(f => path.posix.dirname(f.path)),
  );
  const generated = [
    ...listFiles(path.join(root, 'configs'), 'configs/').filter(f =>
      configDirs.has(path.posix.dirname(f)),
    ),
    ...listFiles(path.join(root, 'services'), 'services/').filter(f =>
      f.endsWith('/docker-compose.yml'),
    ),
    ...listFiles(path.join(root, 'values'), 'values/').filter(f =>
      f.endsWith('.yaml'),
    ),
    ...listFiles(path.join(root, CHARTS_DIR), `${CHARTS_DIR}/`).filter(f => {
      const [, chart, part] = f.split('/');
      // helm dependency build output is git-ignored, not stale.
      const built = part === 'charts' || part === 'Chart.lock';
      return (
        f.split('/').length > 2 &&
        !built &&
        isGeneratedChart(root, chart, rendered)
      );
    }),
  ];
  drift.stale = generated.filter(f => !rendered.has(f)).sort();
  return drift;
}

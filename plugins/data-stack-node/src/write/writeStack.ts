import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_HEADER, RenderedFile } from '../render/files';
import { CHARTS_DIR } from '../render/helm/chart';
import { listFiles } from '../listFiles';
import { writeFilesAtomically } from './writeFiles';

const HELM_DEPENDENCY_BUILDS = `${CHARTS_DIR}/*/charts/`;
const GITIGNORE = '.gitignore';
const HELM_DEPENDENCY_LOCKS = `${CHARTS_DIR}/*/Chart.lock`;

/**
 * Writes rendered files under `root`, all or nothing (writeFilesAtomically),
 * with the stack's `.gitignore` entries: `.env` (the generated secrets) and
 * what `helm dependency build` adds to a vendored chart. Everything is
 * rendered and validated before this runs. Returns the paths that changed.
 */
export function writeStackFiles(root: string, files: RenderedFile[]): string[] {
  const ignored = ['.env'];
  if (files.some(f => f.path.startsWith(`${CHARTS_DIR}/`)))
    ignored.push(HELM_DEPENDENCY_BUILDS, HELM_DEPENDENCY_LOCKS);
  const gitignore = gitignoreWith(root, ignored);
  const changed = writeFilesAtomically(
    root,
    gitignore ? [...files, gitignore] : files,
  );
  return changed.filter(f => f !== GITIGNORE);
}

/**
 * The stack repository's `.gitignore` with `entries` added, or undefined
 * when it lists them all. Only a regular file is read (the writer refuses a
 * link there).
 */
function gitignoreWith(
  root: string,
  entries: string[],
): RenderedFile | undefined {
  const file = path.join(root, GITIGNORE);
  const exists = fs.existsSync(file) && fs.lstatSync(file).isFile();
  const current = exists ? fs.readFileSync(file, 'utf8') : '';
  const lines = new Set(current.split('\n').map(l => l.trim()));
  const missing = entries.filter(e => !lines.has(e) && !lines.has(`/${e}`));
  if (!missing.length) return undefined;
  const separator = current && !current.endsWith('\n') ? '\n' : '';
  return {
    path: GITIGNORE,
    content: `${current}${separator}${missing.map(e => `${e}\n`).join('')}`,
  };
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

import {
  DataStackError,
  Problem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import type { RenderedFile } from '../render/files';

/** What is at a path, without following a symbolic link. */
function kindAt(
  file: string,
): 'missing' | 'file' | 'dir' | 'symlink' | 'other' {
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return 'symlink';
    if (stat.isDirectory()) return 'dir';
    return stat.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Why `relative` cannot be written under `root`, checking every component
 * of the path with lstat: a symbolic link anywhere (a folder or the file
 * itself) would send the write somewhere else, and a file where a folder
 * belongs (or the reverse) would fail half-way.
 */
function blockedPath(root: string, relative: string): string | undefined {
  const parts = relative.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    const kind = kindAt(path.join(root, at));
    const last = i === parts.length;
    if (kind === 'missing') return undefined;
    if (kind === 'symlink')
      return `${at} is a symbolic link; datastack never writes through one, remove it`;
    if (last && kind !== 'file')
      return `${at} is ${
        kind === 'dir' ? 'a directory' : 'not a regular file'
      } where a file is rendered; remove it`;
    if (!last && kind !== 'dir')
      return `${at} is a file where a directory is rendered; remove it`;
  }
  return undefined;
}

/** The root itself: a directory (it may be a link the user gave), or missing. */
function checkRoot(root: string) {
  if (fs.existsSync(root) && !fs.statSync(root).isDirectory())
    throw new DataStackError([
      { file: root, path: '', message: 'exists and is not a directory' },
    ]);
}

/**
 * Writes files under `root` all or nothing: every path is checked first
 * (see blockedPath), then every changed file is written to a temporary
 * name beside its target (created exclusively, never through a link), and
 * only when all of them are written are they renamed into place. A failure
 * before the renames removes the temporary files and the folders it made.
 * Unchanged files are not touched (a mode change is applied). Returns the
 * paths whose content changed.
 */
export function writeFilesAtomically(
  root: string,
  files: RenderedFile[],
): string[] {
  checkRoot(root);
  const problems: Problem[] = files.flatMap(f => {
    const blocked = blockedPath(root, f.path);
    return blocked ? [{ file: root, path: '', message: blocked }] : [];
  });
  if (problems.length) throw new DataStackError(problems);

  const createdDirs: string[] = [];
  const staged: { temporary: string; target: string; path: string }[] = [];
  const modes: { target: string; mode: number }[] = [];
  const makeDir = (dir: string) => {
    if (fs.existsSync(dir)) return;
    makeDir(path.dirname(dir));
    fs.mkdirSync(dir);
    createdDirs.push(dir);
  };
  try {
    makeDir(root);
    for (const file of files) {
      const target = path.join(root, file.path);
      const mode = file.mode ?? 0o644;
      if (kindAt(target) === 'file') {
        const current = fs.readFileSync(target, 'utf8');
        if (current === file.content) {
          if ((fs.lstatSync(target).mode & 0o777) !== mode)
            modes.push({ target, mode });
          continue;
        }
      }
      makeDir(path.dirname(target));
      const temporary = `${target}.datastack-${process.pid}.tmp`;
      const fd = fs.openSync(
        temporary,
        fs.constants.O_WRONLY |
          fs.constants.O_CREAT |
          fs.constants.O_EXCL |
          fs.constants.O_NOFOLLOW,
        mode,
      );
      staged.push({ temporary, target, path: file.path });
      try {
        fs.writeFileSync(fd, file.content);
        fs.fchmodSync(fd, mode);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (error) {
    for (const s of staged) fs.rmSync(s.temporary, { force: true });
    for (const dir of createdDirs.reverse()) fs.rmdirSync(dir);
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataStackError([
      {
        file: root,
        path: '',
        message: `nothing was written: ${code ? `${code} ` : ''}${(
          error as Error
        ).message.replace(/^\w+: /, '')}`,
      },
    ]);
  }
  for (const s of staged) fs.renameSync(s.temporary, s.target);
  for (const m of modes) fs.chmodSync(m.target, m.mode);
  return staged.map(s => s.path);
}

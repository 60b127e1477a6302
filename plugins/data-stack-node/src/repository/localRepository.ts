import { ConflictError, InputError } from '@backstage/errors';
import { createTwoFilesPatch, diffLines } from 'diff';
import ignore from 'ignore';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Stack repositories as real git repositories on this machine, the portal's
 * publishing target when no forge is configured. isomorphic-git (the git
 * implementation Backstage's scaffolder uses) rather than the git command,
 * so the portal needs no git installed; what it writes is an ordinary
 * repository that `git log`, `git diff` and `git merge` read.
 */

/** Who a commit is by. */
export interface CommitAuthor {
  name: string;
  email: string;
}

/** The branch a stack repository starts with and pull requests merge into. */
export const DEFAULT_BRANCH = 'main';

/** A file a branch adds, changes or removes. */
export interface FileChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
}

const FILE_MODE = '100644';
const EXECUTABLE_MODE = '100755';
const TREE_MODE = '040000';
const GITIGNORE = '.gitignore';

/** Regular files below `dir` (relative, `/`-separated), `.git` left out; symlinks refused. */
function regularFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (!prefix && entry.name === '.git') return [];
      if (entry.isDirectory()) return regularFiles(dir, relative);
      if (entry.isFile()) return [relative];
      throw new InputError(
        `${relative} is not a regular file; a stack repository holds only files and folders`,
      );
    })
    .sort();
}

/**
 * The files `git add .` would add when the only ignore file is the root
 * `.gitignore` (what a rendered stack has): those it does not ignore, read
 * once with the `ignore` package (git's own rules, which isomorphic-git
 * applies per file). Undefined when a folder has its own `.gitignore`:
 * then isomorphic-git's walk decides.
 */
function notIgnoredByRoot(dir: string, files: string[]): string[] | undefined {
  const ignoreFiles = files.filter(f => path.posix.basename(f) === GITIGNORE);
  if (ignoreFiles.some(f => f !== GITIGNORE)) return undefined;
  if (!ignoreFiles.length) return files;
  const rules = ignore().add(
    fs.readFileSync(path.join(dir, GITIGNORE), 'utf8'),
  );
  return files.filter(f => !rules.ignores(f));
}

/** Whether `name` is taken in `directory` (a file, folder or link of that name). */
export function repositoryExists(directory: string, name: string): boolean {
  try {
    fs.lstatSync(path.join(directory, name));
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `<directory>/<name>` as a git repository whose `main` holds the
 * files of `sourceDir` in one commit. All or nothing: the files are copied
 * into a temporary folder beside it and renamed into place, a name already
 * taken is refused before anything is written, and should the commit fail
 * the folder is removed.
 *
 * Git writes one object per file, which takes a second or more for a large
 * stack; `whileCommitting` runs side by side with it once the files are in
 * place (the portal has the catalog read catalog-info.yaml meanwhile).
 */
export async function createLocalRepository<T = undefined>(options: {
  directory: string;
  name: string;
  sourceDir: string;
  message: string;
  author: CommitAuthor;
  whileCommitting?: (repository: string) => Promise<T>;
}): Promise<{ path: string; commit: string; whileCommitting?: T }> {
  const { directory, name } = options;
  const target = path.join(directory, name);
  const taken = () =>
    new ConflictError(
      `a stack repository named '${name}' already exists at ${target}; choose another name`,
    );
  if (repositoryExists(directory, name)) throw taken();
  fs.mkdirSync(directory, { recursive: true });
  const staging = fs.mkdtempSync(path.join(directory, `.${name}-`));
  let reserved = false;
  let files: string[];
  try {
    // Refuses links before anything is copied; cpSync keeps the modes.
    files = regularFiles(options.sourceDir);
    fs.cpSync(options.sourceDir, staging, {
      recursive: true,
      filter: source => source !== path.join(options.sourceDir, '.git'),
    });
    await git.init({ fs, dir: staging, defaultBranch: DEFAULT_BRANCH });
    // mkdir reserves the name atomically; rename then replaces that empty
    // folder, so a repository created meanwhile is never overwritten.
    try {
      fs.mkdirSync(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw taken();
      throw error;
    }
    reserved = true;
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (reserved && fs.existsSync(target) && !fs.readdirSync(target).length)
      fs.rmdirSync(target);
    throw error;
  }
  const committing = (async () => {
    // `.gitignore` applies, as it would to `git add .`; it is read once
    // here, which spares isomorphic-git reading it beside every file.
    const added = notIgnoredByRoot(target, files);
    await git.add(
      added
        ? { fs, dir: target, filepath: added, force: true }
        : { fs, dir: target, filepath: '.' },
    );
    return git.commit({
      fs,
      dir: target,
      message: options.message,
      author: options.author,
    });
  })();
  const [commit, during] = await Promise.allSettled([
    committing,
    options.whileCommitting?.(target),
  ]);
  if (commit.status === 'rejected') {
    fs.rmSync(target, { recursive: true, force: true });
    throw commit.reason;
  }
  if (during.status === 'rejected') throw during.reason;
  return {
    path: target,
    commit: commit.value,
    whileCommitting: during.value,
  };
}

/** The commit a branch points at, or a clear error when there is none. */
async function branchCommit(
  repository: string,
  branch: string,
): Promise<string> {
  try {
    return await git.resolveRef({ fs, dir: repository, ref: branch });
  } catch {
    throw new InputError(
      `the repository ${repository} has no branch '${branch}'`,
    );
  }
}

/** Writes the files of `dir` as git objects; returns the root tree's id. */
async function writeDirectoryTree(
  repository: string,
  dir: string,
): Promise<string> {
  type Folder = Map<string, Folder | { oid: string; mode: string }>;
  const root: Folder = new Map();
  for (const file of regularFiles(dir)) {
    const full = path.join(dir, file);
    const oid = await git.writeBlob({
      fs,
      dir: repository,
      blob: fs.readFileSync(full),
    });
    const parts = file.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.has(part)) folder.set(part, new Map());
      folder = folder.get(part) as Folder;
    }
    const executable = (fs.statSync(full).mode & 0o111) !== 0;
    folder.set(parts[parts.length - 1], {
      oid,
      mode: executable ? EXECUTABLE_MODE : FILE_MODE,
    });
  }
  const writeFolder = async (folder: Folder): Promise<string> => {
    const tree = [];
    for (const [entryName, entry] of folder) {
      if (entry instanceof Map)
        tree.push({
          path: entryName,
          mode: TREE_MODE,
          type: 'tree' as const,
          oid: await writeFolder(entry),
        });
      else
        tree.push({
          path: entryName,
          mode: entry.mode,
          type: 'blob' as const,
          oid: entry.oid,
        });
    }
    return git.writeTree({ fs, dir: repository, tree });
  };
  return writeFolder(root);
}

/**
 * Commits the files of `sourceDir` as a new branch of `repository`, on top
 * of `base`. The working tree and the checked-out branch are left alone:
 * the change waits on its branch until someone merges it.
 */
export async function commitToNewBranch(options: {
  repository: string;
  sourceDir: string;
  branch: string;
  base?: string;
  message: string;
  author: CommitAuthor;
}): Promise<{ commit: string; changes: FileChange[] }> {
  const { repository, branch } = options;
  const base = options.base ?? DEFAULT_BRANCH;
  try {
    await git.expandRef({ fs, dir: repository, ref: `refs/heads/${branch}` });
    throw new ConflictError(
      `the repository ${repository} already has a branch '${branch}'; merge or delete it first (git -C ${repository} branch -D ${branch})`,
    );
  } catch (error) {
    if (error instanceof ConflictError) throw error;
  }
  const parent = await branchCommit(repository, base);
  const tree = await writeDirectoryTree(repository, options.sourceDir);
  const commit = await git.commit({
    fs,
    dir: repository,
    message: options.message,
    author: options.author,
    parent: [parent],
    tree,
    ref: `refs/heads/${branch}`,
  });
  return { commit, changes: await changedFiles(repository, base, branch) };
}

/**
 * Writes the files `ref` holds into `targetDir` (executable bits kept), as
 * committed: what the working tree holds besides is not read.
 */
export async function checkoutInto(
  repository: string,
  ref: string,
  targetDir: string,
): Promise<string[]> {
  const commit = await branchCommit(repository, ref);
  const written: string[] = [];
  await git.walk({
    fs,
    dir: repository,
    trees: [git.TREE({ ref: commit })],
    map: async (filepath, [entry]) => {
      if (!entry || filepath === '.') return true;
      if ((await entry.type()) !== 'blob') return true;
      const to = path.join(targetDir, filepath);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, (await entry.content()) as Uint8Array);
      const mode = await entry.mode();
      fs.chmodSync(to, mode === 0o100755 ? 0o755 : 0o644);
      written.push(filepath);
      return true;
    },
  });
  return written;
}

/** The text of `file` at `ref`, or undefined when the ref has no such file. */
export async function readFileAt(
  repository: string,
  ref: string,
  file: string,
): Promise<string | undefined> {
  const commit = await branchCommit(repository, ref);
  try {
    const { blob } = await git.readBlob({
      fs,
      dir: repository,
      oid: commit,
      filepath: file,
    });
    return Buffer.from(blob).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The files that differ between two refs, by path. */
export async function changedFiles(
  repository: string,
  from: string,
  to: string,
): Promise<FileChange[]> {
  const [a, b] = await Promise.all([
    branchCommit(repository, from),
    branchCommit(repository, to),
  ]);
  const changes: FileChange[] = [];
  await git.walk({
    fs,
    dir: repository,
    trees: [git.TREE({ ref: a }), git.TREE({ ref: b })],
    map: async (filepath, [before, after]) => {
      if (filepath === '.') return true;
      const [typeA, typeB] = await Promise.all([before?.type(), after?.type()]);
      if (typeA === 'tree' || typeB === 'tree') {
        // A folder on one side and a file on the other: the walk descends
        // into the folder; the file is a change of its own.
        if (typeA === 'blob')
          changes.push({ path: filepath, change: 'deleted' });
        if (typeB === 'blob') changes.push({ path: filepath, change: 'added' });
        return true;
      }
      if (!before) changes.push({ path: filepath, change: 'added' });
      else if (!after) changes.push({ path: filepath, change: 'deleted' });
      else if (
        (await before.oid()) !== (await after.oid()) ||
        (await before.mode()) !== (await after.mode())
      )
        changes.push({ path: filepath, change: 'modified' });
      return true;
    },
  });
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}

/** A changed file with its line counts, as `git diff --stat` shows it. */
export interface FileDiff extends FileChange {
  added: number;
  removed: number;
}

/** The changes between two refs with their line counts. */
export async function diffStat(
  repository: string,
  from: string,
  to: string,
): Promise<FileDiff[]> {
  const changes = await changedFiles(repository, from, to);
  return Promise.all(
    changes.map(async change => {
      const [before, after] = await Promise.all([
        readFileAt(repository, from, change.path),
        readFileAt(repository, to, change.path),
      ]);
      let added = 0;
      let removed = 0;
      for (const part of diffLines(before ?? '', after ?? '')) {
        if (part.added) added += part.count ?? 0;
        if (part.removed) removed += part.count ?? 0;
      }
      return { ...change, added, removed };
    }),
  );
}

/** One file's change between two refs as a unified diff, as `git diff` prints it. */
export async function filePatch(
  repository: string,
  from: string,
  to: string,
  file: string,
): Promise<string> {
  const [before, after] = await Promise.all([
    readFileAt(repository, from, file),
    readFileAt(repository, to, file),
  ]);
  // jsdiff starts with a `===` rule that git's patches do not have.
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${file}`,
    after === undefined ? '/dev/null' : `b/${file}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, '');
}

/** Working-tree paths that differ from the checked-out commit (ignored files left out). */
async function uncommittedChanges(repository: string): Promise<string[]> {
  const matrix = await git.statusMatrix({ fs, dir: repository });
  // [path, HEAD, workdir, stage]: 1,1,1 is unchanged.
  return matrix
    .filter(
      ([, head, workdir, stage]) =>
        !(head === 1 && workdir === 1 && stage === 1),
    )
    .map(([file]) => file);
}

/**
 * Merges `branch` into the checked-out `main` and updates the working tree,
 * as `git merge` would. Refused while the working tree has uncommitted
 * changes (they could be lost) or when the branches conflict; the
 * repository is then as it was.
 */
export async function mergeBranch(options: {
  repository: string;
  branch: string;
  author: CommitAuthor;
}): Promise<{ commit: string; fastForward: boolean }> {
  const { repository, branch } = options;
  const current = await git.currentBranch({ fs, dir: repository });
  if (current !== DEFAULT_BRANCH)
    throw new ConflictError(
      `${repository} has '${
        current ?? 'a detached HEAD'
      }' checked out, not ${DEFAULT_BRANCH}; check out ${DEFAULT_BRANCH} to merge`,
    );
  await branchCommit(repository, branch);
  const dirty = await uncommittedChanges(repository);
  if (dirty.length)
    throw new ConflictError(
      `${repository} has uncommitted changes (${dirty.slice(0, 5).join(', ')}${
        dirty.length > 5 ? ', …' : ''
      }); commit or stash them, then merge again`,
    );
  const before = await branchCommit(repository, DEFAULT_BRANCH);
  let result;
  try {
    result = await git.merge({
      fs,
      dir: repository,
      ours: DEFAULT_BRANCH,
      theirs: branch,
      author: options.author,
      abortOnConflict: true,
      message: `Merge branch '${branch}'`,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'MergeConflictError')
      throw new ConflictError(
        `${branch} conflicts with ${DEFAULT_BRANCH}; merge it with git (git -C ${repository} merge ${branch}) and resolve the conflicts`,
      );
    throw error;
  }
  // merge moves the branch only; checkout brings the working tree along.
  await git.checkout({ fs, dir: repository, ref: DEFAULT_BRANCH, force: true });
  // isomorphic-git leaves the folders of deleted files behind; git does not.
  for (const { path: file, change } of await changedFiles(
    repository,
    before,
    DEFAULT_BRANCH,
  )) {
    if (change !== 'deleted') continue;
    for (
      let folder = path.dirname(path.join(repository, file));
      folder !== repository &&
      fs.existsSync(folder) &&
      !fs.readdirSync(folder).length;
      folder = path.dirname(folder)
    )
      fs.rmdirSync(folder);
  }
  return {
    commit: result.oid!,
    fastForward: Boolean(result.fastForward),
  };
}

/** The branches proposed on a repository: every branch but main, sorted. */
export async function proposedBranches(repository: string): Promise<string[]> {
  return (await git.listBranches({ fs, dir: repository }))
    .filter(b => b !== DEFAULT_BRANCH)
    .sort();
}

/** Deletes a merged branch. */
export async function deleteBranch(
  repository: string,
  branch: string,
): Promise<void> {
  await git.deleteBranch({ fs, dir: repository, ref: branch });
}

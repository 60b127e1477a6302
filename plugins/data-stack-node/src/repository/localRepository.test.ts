import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  changedFiles,
  diffStat,
  filePatch,
  checkoutInto,
  commitToNewBranch,
  createLocalRepository,
  mergeBranch,
  readFileAt,
} from './localRepository';

const author = { name: 'Test User', email: 'test@example.com' };

/** The git command, which reads what isomorphic-git wrote as any user's git would. */
function gitCli(repository: string, ...args: string[]): string {
  try {
    return execFileSync('git', ['-C', repository, ...args], {
      encoding: 'utf8',
    }).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('git is not installed: apt-get install git');
    throw error;
  }
}

function writeTree(dir: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

describe('local stack repositories', () => {
  let root: string;
  let stacks: string;
  let source: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-repo-'));
    stacks = path.join(root, 'stacks');
    source = path.join(root, 'source');
    writeTree(source, {
      'stack.yaml': 'components: [postgresql]\n',
      'services/postgresql/docker-compose.yml': 'services: {}\n',
      'scripts/init-env': '#!/bin/sh\n',
      '.gitignore': '.env\n',
      '.env': 'SECRET=1\n',
    });
    fs.chmodSync(path.join(source, 'scripts/init-env'), 0o755);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** The analytics repository from the source folder. */
  const createAnalytics = (
    extra: Partial<Parameters<typeof createLocalRepository>[0]> = {},
  ) =>
    createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author,
      ...extra,
    });

  /** What git tracks in a repository it reads as clean. */
  const trackedFiles = (repo: string) => {
    expect(gitCli(repo, 'status', '--porcelain')).toBe('');
    return gitCli(repo, 'ls-files').split('\n');
  };

  it('creates a repository git reads as clean, with one commit on main', async () => {
    const created = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create the analytics data stack',
      author,
    });
    expect(created.path).toBe(path.join(stacks, 'analytics'));
    expect(gitCli(created.path, 'status', '--porcelain')).toBe('');
    expect(gitCli(created.path, 'branch', '--show-current')).toBe('main');
    expect(gitCli(created.path, 'log', '--format=%an <%ae> %s')).toBe(
      'Test User <test@example.com> Create the analytics data stack',
    );
    // The ignored file is on disk but not committed; the script stays executable.
    expect(gitCli(created.path, 'ls-files', '-s').split('\n')).toEqual([
      expect.stringMatching(/^100644 \w+ 0\t\.gitignore$/),
      expect.stringMatching(/^100755 \w+ 0\tscripts\/init-env$/),
      expect.stringMatching(
        /^100644 \w+ 0\tservices\/postgresql\/docker-compose\.yml$/,
      ),
      expect.stringMatching(/^100644 \w+ 0\tstack\.yaml$/),
    ]);
    // Nothing but the repository is left in the stacks folder.
    expect(fs.readdirSync(stacks)).toEqual(['analytics']);
  });

  it('runs whileCommitting with the files in place, beside the commit', async () => {
    const created = await createAnalytics({
      whileCommitting: async repository =>
        fs.readFileSync(path.join(repository, 'stack.yaml'), 'utf8'),
    });
    expect(created.whileCommitting).toBe(
      fs.readFileSync(path.join(source, 'stack.yaml'), 'utf8'),
    );
    expect(gitCli(created.path, 'status', '--porcelain')).toBe('');
  });

  it('applies a .gitignore below its own folder, as git does', async () => {
    fs.writeFileSync(path.join(source, 'services/.gitignore'), '*.yml\n');
    fs.writeFileSync(path.join(source, 'services/keep.txt'), 'kept\n');
    fs.writeFileSync(path.join(source, 'top.yml'), 'x: 1\n');
    expect(trackedFiles((await createAnalytics()).path)).toEqual([
      '.gitignore',
      'scripts/init-env',
      'services/.gitignore',
      'services/keep.txt',
      'stack.yaml',
      'top.yml',
    ]);
  });

  it('commits every file of a source with no .gitignore', async () => {
    fs.rmSync(path.join(source, '.gitignore'));
    expect(trackedFiles((await createAnalytics()).path)).toEqual([
      '.env',
      'scripts/init-env',
      'services/postgresql/docker-compose.yml',
      'stack.yaml',
    ]);
  });

  it('removes the folder when the commit fails', async () => {
    const seen: string[] = [];
    await expect(
      createAnalytics({
        whileCommitting: async repository => {
          seen.push(...fs.readdirSync(repository));
          // Pulls the repository from under the commit.
          fs.rmSync(path.join(repository, '.git'), { recursive: true });
        },
      }),
    ).rejects.toThrow();
    expect(seen).toContain('stack.yaml');
    expect(fs.readdirSync(stacks)).toEqual([]);
  });

  it('refuses a name that exists and writes nothing', async () => {
    fs.mkdirSync(path.join(stacks, 'analytics'), { recursive: true });
    fs.writeFileSync(path.join(stacks, 'analytics', 'keep'), 'mine');
    await expect(
      createLocalRepository({
        directory: stacks,
        name: 'analytics',
        sourceDir: source,
        message: 'x',
        author,
      }),
    ).rejects.toThrow(
      `a stack repository named 'analytics' already exists at ${path.join(
        stacks,
        'analytics',
      )}; choose another name`,
    );
    expect(fs.readdirSync(stacks)).toEqual(['analytics']);
    expect(fs.readdirSync(path.join(stacks, 'analytics'))).toEqual(['keep']);
  });

  it('refuses a symlink in the files and leaves no temporary folder', async () => {
    fs.symlinkSync('/etc/passwd', path.join(source, 'passwd'));
    await expect(
      createLocalRepository({
        directory: stacks,
        name: 'analytics',
        sourceDir: source,
        message: 'x',
        author,
      }),
    ).rejects.toThrow('passwd is not a regular file');
    expect(fs.readdirSync(stacks)).toEqual([]);
  });

  it('commits a change as a branch, leaves main alone and merges it', async () => {
    const { path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author,
    });
    const work = path.join(root, 'work');
    expect((await checkoutInto(repo, 'main', work)).sort()).toEqual([
      '.gitignore',
      'scripts/init-env',
      'services/postgresql/docker-compose.yml',
      'stack.yaml',
    ]);
    expect(fs.statSync(path.join(work, 'scripts/init-env')).mode & 0o111).toBe(
      0o111,
    );
    writeTree(work, {
      'stack.yaml': 'components: [postgresql, trino]\n',
      'services/trino/docker-compose.yml': 'services: {}\n',
    });
    fs.rmSync(path.join(work, 'services/postgresql'), { recursive: true });

    const branch = await commitToNewBranch({
      repository: repo,
      sourceDir: work,
      branch: 'datastack/add-trino',
      message: 'Add trino',
      author,
    });
    expect(branch.changes).toEqual([
      { path: 'services/postgresql/docker-compose.yml', change: 'deleted' },
      { path: 'services/trino/docker-compose.yml', change: 'added' },
      { path: 'stack.yaml', change: 'modified' },
    ]);
    expect(await changedFiles(repo, 'main', 'datastack/add-trino')).toEqual(
      branch.changes,
    );
    // git sees the same change; main and the working tree are untouched.
    expect(
      gitCli(
        repo,
        'diff',
        '--name-status',
        '--no-renames',
        'main',
        'datastack/add-trino',
      ),
    ).toBe(
      [
        'D\tservices/postgresql/docker-compose.yml',
        'A\tservices/trino/docker-compose.yml',
        'M\tstack.yaml',
      ].join('\n'),
    );
    expect(gitCli(repo, 'status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo, 'stack.yaml'), 'utf8')).toBe(
      'components: [postgresql]\n',
    );
    expect(await readFileAt(repo, 'datastack/add-trino', 'stack.yaml')).toBe(
      'components: [postgresql, trino]\n',
    );
    await expect(
      commitToNewBranch({
        repository: repo,
        sourceDir: work,
        branch: 'datastack/add-trino',
        message: 'again',
        author,
      }),
    ).rejects.toThrow("already has a branch 'datastack/add-trino'");

    const merged = await mergeBranch({
      repository: repo,
      branch: 'datastack/add-trino',
      author,
    });
    expect(merged.fastForward).toBe(true);
    expect(gitCli(repo, 'status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo, 'stack.yaml'), 'utf8')).toBe(
      'components: [postgresql, trino]\n',
    );
    expect(fs.existsSync(path.join(repo, 'services/postgresql'))).toBe(false);
    expect(gitCli(repo, 'rev-parse', 'main')).toBe(merged.commit);
  });

  it('refuses to merge over uncommitted changes', async () => {
    const { path: repo } = await createLocalRepository({
      directory: stacks,
      name: 'analytics',
      sourceDir: source,
      message: 'Create',
      author,
    });
    const work = path.join(root, 'work');
    await checkoutInto(repo, 'main', work);
    writeTree(work, { 'stack.yaml': 'components: [trino]\n' });
    await commitToNewBranch({
      repository: repo,
      sourceDir: work,
      branch: 'change',
      message: 'change',
      author,
    });
    fs.writeFileSync(path.join(repo, 'stack.yaml'), 'edited by hand\n');
    await expect(
      mergeBranch({ repository: repo, branch: 'change', author }),
    ).rejects.toThrow('has uncommitted changes (stack.yaml)');
    expect(fs.readFileSync(path.join(repo, 'stack.yaml'), 'utf8')).toBe(
      'edited by hand\n',
    );
    expect(gitCli(repo, 'log', '--format=%s', 'main')).toBe('Create');
  });
});

describe('diffs between branches', () => {
  it('counts lines and prints a unified diff git would apply', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-repo-'));
    try {
      const source = path.join(root, 'source');
      writeTree(source, { 'stack.yaml': 'a\nb\nc\n', 'old.txt': 'x\n' });
      const { path: repo } = await createLocalRepository({
        directory: path.join(root, 'stacks'),
        name: 's',
        sourceDir: source,
        message: 'Create',
        author,
      });
      const work = path.join(root, 'work');
      writeTree(work, { 'stack.yaml': 'a\nB\nc\nd\n', 'new.txt': 'y\n' });
      await commitToNewBranch({
        repository: repo,
        sourceDir: work,
        branch: 'change',
        message: 'change',
        author,
      });
      expect(await diffStat(repo, 'main', 'change')).toEqual([
        { path: 'new.txt', change: 'added', added: 1, removed: 0 },
        { path: 'old.txt', change: 'deleted', added: 0, removed: 1 },
        { path: 'stack.yaml', change: 'modified', added: 2, removed: 1 },
      ]);
      const patch = await filePatch(repo, 'main', 'change', 'stack.yaml');
      expect(patch).toMatch(/^--- a\/stack\.yaml\n\+\+\+ b\/stack\.yaml\n/);
      expect(patch).toContain('-b\n+B\n c\n+d\n');
      // The patch applies to main with git's own apply.
      fs.writeFileSync(path.join(root, 'change.patch'), patch);
      gitCli(repo, 'apply', '--check', path.join(root, 'change.patch'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

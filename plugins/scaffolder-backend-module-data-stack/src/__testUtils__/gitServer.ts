import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';

/**
 * The real git on this machine, on the server's side of the stand-in forges
 * (forges.ts): its smart HTTP (`git http-backend`) takes the scaffolder's
 * pushes, and its object database answers the forges' git APIs, so a
 * repository is exactly what a git client would find.
 */

/** Runs git; resolves with its output, rejects with its stderr. */
export function runGit(
  args: string[],
  options: {
    cwd?: string;
    input?: string | Buffer;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => err.push(d));
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(
            new Error(
              `git ${args.join(' ')} exited with ${code}: ${Buffer.concat(
                err,
              ).toString()}`,
            ),
          ),
    );
    // git may exit before reading its stdin (rev-parse does not read it).
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** A commit or other revision of a bare repository, or undefined. */
export async function resolveRevision(
  gitDir: string,
  revision: string,
): Promise<string | undefined> {
  try {
    return (
      await runGit(
        ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
        {
          cwd: gitDir,
        },
      )
    )
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/**
 * A new bare repository at `<root>/<repoPath>.git` whose HEAD is
 * `defaultBranch` (unborn until the first push). `http.receivepack` lets
 * `git http-backend` take pushes: by default it refuses them unless the
 * web server authenticated the user (git-http-backend(1), SERVICES).
 */
export async function createBareRepository(
  root: string,
  repoPath: string,
  defaultBranch: string,
): Promise<string> {
  const gitDir = path.join(root, `${repoPath}.git`);
  fs.mkdirSync(gitDir, { recursive: true });
  await runGit(
    ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`],
    {
      cwd: gitDir,
    },
  );
  await runGit(['config', 'http.receivepack', 'true'], { cwd: gitDir });
  return gitDir;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

/** Every entry of a tree, recursively (trees too when `withTrees`), by path. */
export async function listTree(
  gitDir: string,
  treeish: string,
  withTrees = false,
): Promise<Map<string, TreeEntry>> {
  const out = await runGit(
    ['ls-tree', '-r', ...(withTrees ? ['-t'] : []), '-z', treeish],
    { cwd: gitDir },
  );
  const entries = new Map<string, TreeEntry>();
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), {
      mode,
      type: type as TreeEntry['type'],
      sha,
    });
  }
  return entries;
}

/** Writes a blob; its id. */
export async function writeBlob(gitDir: string, content: Buffer) {
  return (
    await runGit(['hash-object', '-w', '--stdin'], {
      cwd: gitDir,
      input: content,
    })
  )
    .toString()
    .trim();
}

/**
 * Writes the tree of these blobs (path to mode and blob id) through a
 * temporary index, as `git write-tree` builds a commit's tree; its id.
 */
export async function writeTree(
  gitDir: string,
  blobs: Map<string, { mode: string; sha: string }>,
): Promise<string> {
  const index = path.join(os.tmpdir(), `stand-in-index-${crypto.randomUUID()}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await runGit(['read-tree', '--empty'], { cwd: gitDir, env });
    const records = [...blobs].map(
      ([file, { mode, sha }]) => `${mode} blob ${sha}\t${file}\0`,
    );
    await runGit(['update-index', '-z', '--index-info'], {
      cwd: gitDir,
      env,
      input: records.join(''),
    });
    return (await runGit(['write-tree'], { cwd: gitDir, env }))
      .toString()
      .trim();
  } finally {
    fs.rmSync(index, { force: true });
  }
}

export interface Signature {
  name: string;
  email: string;
  date?: string;
}

/** Writes a commit object; its id. */
export async function writeCommit(
  gitDir: string,
  options: {
    tree: string;
    parents: string[];
    message: string;
    author: Signature;
    committer?: Signature;
  },
): Promise<string> {
  const committer = options.committer ?? options.author;
  return (
    await runGit(
      [
        'commit-tree',
        options.tree,
        ...options.parents.flatMap(p => ['-p', p]),
        '-F',
        '-',
      ],
      {
        cwd: gitDir,
        input: options.message,
        env: {
          GIT_AUTHOR_NAME: options.author.name,
          GIT_AUTHOR_EMAIL: options.author.email,
          ...(options.author.date && { GIT_AUTHOR_DATE: options.author.date }),
          GIT_COMMITTER_NAME: committer.name,
          GIT_COMMITTER_EMAIL: committer.email,
          ...(committer.date && { GIT_COMMITTER_DATE: committer.date }),
        },
      },
    )
  )
    .toString()
    .trim();
}

/** Moves a branch to `sha`; with `expected`, only if it is still there. */
export async function updateRef(
  gitDir: string,
  ref: string,
  sha: string,
  expected?: string,
) {
  await runGit(['update-ref', ref, sha, ...(expected ? [expected] : [])], {
    cwd: gitDir,
  });
}

/**
 * Serves git's smart HTTP protocol for the bare repositories under
 * `projectRoot` by running `git http-backend` as a CGI program per
 * request, as git-http-backend(1) describes for Apache: the request's
 * method, path, query and content type go in the CGI environment, its body
 * to the program's stdin, and the program's output (CGI headers, a blank
 * line, the body) back to the client. `remoteUser` is who the request
 * authenticated as (`REMOTE_USER`), or undefined to answer 401 with a
 * Basic challenge, as a forge does for a private repository.
 */
export function gitHttpBackend(options: {
  projectRoot: string;
  remoteUser: (req: IncomingMessage) => string | undefined;
}) {
  return (req: IncomingMessage, res: ServerResponse, pathInfo: string) => {
    const user = options.remoteUser(req);
    if (!user) {
      res.writeHead(401, {
        'www-authenticate': 'Basic realm="stand-in forge"',
        'content-type': 'text/plain',
      });
      res.end('authentication required\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        GATEWAY_INTERFACE: 'CGI/1.1',
        SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: pathInfo,
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] && {
          CONTENT_LENGTH: req.headers['content-length'],
        }),
        // A gzipped request body (git's own client gzips large ones).
        ...(req.headers['content-encoding'] && {
          HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']),
        }),
        // Protocol v2, when the client asks for it (gitprotocol-http(5)).
        ...(req.headers['git-protocol'] && {
          GIT_PROTOCOL: String(req.headers['git-protocol']),
        }),
        REMOTE_USER: user,
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      // The CGI headers end at a blank line (CRLF or LF line ends).
      const blank = /\r?\n\r?\n/.exec(head.toString('latin1'));
      if (!blank) return;
      const end = blank.index + blank[0].length;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head
        .subarray(0, end)
        .toString('latin1')
        .split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(end));
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', d => stderr.push(d));
    child.on('close', code => {
      if (!headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(
          `git http-backend exited with ${code}: ${Buffer.concat(stderr)}`,
        );
        return;
      }
      res.end();
    });
  };
}

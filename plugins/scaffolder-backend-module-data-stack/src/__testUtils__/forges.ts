import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  Signature,
  createBareRepository,
  gitHttpBackend,
  listTree,
  resolveRevision,
  runGit,
  updateRef,
  writeBlob,
  writeCommit,
  writeTree,
} from './gitServer';

/**
 * Stand-ins of GitHub and GitLab on loopback, for the templates' forge
 * paths run for real (forges.test.ts): neither forge can be installed
 * here. Each answers the REST calls the scaffolder's publish actions, the
 * pull/merge request actions and Backstage's URL readers make, with the
 * response shapes GitHub's and GitLab's REST API documentation give, and
 * serves its repositories over git's smart HTTP from the same origin, as
 * both forges do. The git side is not a stand-in: pushes and clones go
 * through the real `git http-backend` (gitServer.ts), and the git APIs
 * (blobs, trees, commits, refs, repository files and archives) read and
 * write the same bare repositories with the real git.
 *
 * Calls the forges answer, from the sources they were read from
 * (backstage/backstage):
 * - publish:github (plugins/scaffolder-backend-module-github/src/actions/
 *   github.ts, helpers.ts, gitHelpers.ts): GET /users/{owner}, POST
 *   /orgs/{org}/repos or /user/repos, a git push to `clone_url`, PUT
 *   /repos/{o}/{r}/branches/{b}/protection.
 * - publish:github:pull-request (githubPullRequest.ts, through
 *   octokit-plugin-create-pull-request): GET /repos/{o}/{r}, GET
 *   /repos/{o}/{r}/commits, POST git/blobs, git/trees, git/commits, the
 *   GraphQL query for the head branch, POST git/refs (or PATCH), POST pulls.
 * - publish:gitlab (plugins/scaffolder-backend-module-gitlab/src/actions/
 *   gitlab.ts): GET /namespaces/{id}, GET /user, GET
 *   /groups/{id}/projects or /users/{id}/projects, POST /projects, a git
 *   push to `http_url_to_repo`.
 * - publish:gitlab:merge-request (gitlabMergeRequest.ts): GET
 *   /projects/{id}, GET repository/tree, GET and POST repository/branches,
 *   POST repository/commits, POST merge_requests.
 * - the URL readers (packages/backend-defaults/src/entrypoints/urlReader/
 *   lib/GithubUrlReader.ts, GitlabUrlReader.ts): GitHub's
 *   commits/{ref}/status, tarball and contents; GitLab's projects/{id},
 *   repository/commits, repository/archive and repository/files/{path}/raw.
 */

/** A request a stand-in received, as the client sent it. */
export interface RecordedRequest {
  method: string;
  /** The path as sent, percent-encoding included. */
  path: string;
  query: Record<string, string>;
  /** A JSON body, parsed. */
  body?: any;
  /** Who a git request authenticated as (`REMOTE_USER`). */
  gitUser?: string;
}

interface Reply {
  status?: number;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Streams git's output (an archive) as the body. */
  git?: { args: string[]; cwd: string };
}

class HttpError extends Error {
  constructor(readonly status: number, readonly json: unknown) {
    super(JSON.stringify(json));
  }
}

interface RouteContext {
  params: string[];
  query: Record<string, string>;
  body: any;
  req: IncomingMessage;
}

type Route = [
  method: string,
  pattern: RegExp,
  handle: (ctx: RouteContext) => Promise<Reply> | Reply,
];

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function parseBody(type: string, raw: Buffer): any {
  if (!raw.length) return undefined;
  const text = raw.toString('utf8');
  if (type.includes('json')) return JSON.parse(text);
  if (type.includes('x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return text;
}

const basicAuth = (req: IncomingMessage) => {
  const match = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * What both stand-ins share: an HTTP server on loopback, the bare
 * repositories in a temporary folder, git's smart HTTP for
 * `/<path>.git/…`, the routes of its API and the log of every request.
 */
abstract class StandInForge {
  readonly requests: RecordedRequest[] = [];
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-forge-'));
  origin = '';
  host = '';
  #server?: http.Server;
  #git = gitHttpBackend({
    projectRoot: this.root,
    // A forge takes the token as the password of any user name
    // (x-access-token on GitHub, oauth2 on GitLab).
    remoteUser: req => {
      const auth = basicAuth(req);
      return auth?.password === this.token ? auth.user : undefined;
    },
  });

  constructor(readonly token: string) {}

  protected abstract routes(): Route[];
  protected abstract authorized(req: IncomingMessage): boolean;
  protected abstract unauthorized(): unknown;
  protected abstract notFound(): unknown;

  /** Routes that need no token (a redirect target). */
  protected publicRoutes(): Route[] {
    return [];
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch(error => {
        if (!res.headersSent)
          res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.host = `127.0.0.1:${port}`;
    this.origin = `http://${this.host}`;
    return this;
  }

  async stop() {
    const server = this.#server;
    if (server) {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** The bare repository of `owner/…/repo`. */
  gitDir(repoPath: string) {
    return path.join(this.root, `${repoPath}.git`);
  }

  /**
   * Clones `owner/…/repo` into `dir` (a branch of it, or its default
   * branch) through the smart HTTP endpoint, as a person would.
   */
  async clone(repoPath: string, dir: string, branch?: string) {
    const url = new URL(`${this.origin}/${repoPath}.git`);
    url.username = 'clone';
    url.password = this.token;
    await runGit([
      'clone',
      '--quiet',
      ...(branch ? ['--branch', branch] : []),
      url.toString(),
      dir,
    ]);
  }

  /** The requests of a method whose path matches. */
  calls(method: string, pathPattern: RegExp | string) {
    return this.requests.filter(
      r =>
        r.method === method &&
        (typeof pathPattern === 'string'
          ? r.path === pathPattern
          : pathPattern.test(r.path)),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const query = Object.fromEntries(url.searchParams);
    const git =
      /^\/(.+\.git)(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD))$/.exec(
        url.pathname,
      );
    if (git) {
      this.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        gitUser: basicAuth(req)?.user,
      });
      this.#git(req, res, decodeURIComponent(url.pathname));
      return;
    }
    const raw = await readBody(req);
    const body = parseBody(req.headers['content-type'] ?? '', raw);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      ...(body !== undefined && { body }),
    });

    const find = (routes: Route[]) => {
      for (const [method, pattern, handle] of routes) {
        const methods = method === 'GET' ? ['GET', 'HEAD'] : [method];
        const match = pattern.exec(url.pathname);
        if (match && methods.includes(req.method ?? 'GET'))
          return { handle, params: match.slice(1).map(decodeURIComponent) };
      }
      return undefined;
    };
    const open = find(this.publicRoutes());
    if (!open && !this.authorized(req)) {
      this.send(req, res, { status: 401, json: this.unauthorized() });
      return;
    }
    const route = open ?? find(this.routes());
    if (!route) {
      this.send(req, res, { status: 404, json: this.notFound() });
      return;
    }
    let reply: Reply;
    try {
      reply = await route.handle({
        params: route.params,
        query,
        body: body ?? {},
        req,
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = { status: error.status, json: error.json };
    }
    this.send(req, res, reply);
  }

  private send(req: IncomingMessage, res: ServerResponse, reply: Reply) {
    const headers = { ...this.headers(), ...reply.headers };
    if (reply.git) {
      const child = spawn('git', reply.git.args, { cwd: reply.git.cwd });
      res.writeHead(reply.status ?? 200, headers);
      child.stdout.pipe(res);
      return;
    }
    const body =
      reply.json !== undefined ? JSON.stringify(reply.json) : reply.body ?? '';
    if (reply.json !== undefined)
      headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(reply.status ?? 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Headers of every API answer. */
  protected headers(): Record<string, string> {
    return {};
  }

  protected async headOf(gitDir: string, branch: string) {
    return resolveRevision(gitDir, `refs/heads/${branch}`);
  }
}

const json = (value: unknown, status = 200): Reply => ({ json: value, status });

const isoDate = (epochSeconds: string) =>
  new Date(Number(epochSeconds) * 1000).toISOString();

/** A commit as git log prints it, for both forges' commit shapes. */
interface LoggedCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

async function logCommits(
  gitDir: string,
  revision: string,
  limit: number,
  filePath?: string,
): Promise<LoggedCommit[]> {
  const out = await runGit(
    [
      'log',
      `-n${limit}`,
      '--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%B%x1e',
      revision,
      '--',
      ...(filePath ? [filePath] : []),
    ],
    { cwd: gitDir },
  );
  return out
    .toString('utf8')
    .split('\x1e')
    .map(r => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map(record => {
      const [sha, tree, parents, an, ae, at, cn, ce, ct, message] =
        record.split('\0');
      return {
        sha,
        tree,
        parents: parents ? parents.split(' ') : [],
        author: { name: an, email: ae, date: isoDate(at) },
        committer: { name: cn, email: ce, date: isoDate(ct) },
        message: message.replace(/\n$/, ''),
      };
    });
}

/** A file's content at a revision, or undefined. */
async function fileAt(gitDir: string, revision: string, file: string) {
  try {
    return await runGit(['cat-file', 'blob', `${revision}:${file}`], {
      cwd: gitDir,
    });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- GitHub

interface GitHubRepo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  description: string | null;
  homepage: string | null;
  defaultBranch: string;
  createdAt: string;
}

interface GitHubPull {
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string | null;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
}

/**
 * GitHub (Enterprise Server's layout: REST at /api/v3, GraphQL at
 * /api/graphql, git and web pages at the root), with one user the token
 * belongs to and the organizations given. Shapes from
 * https://docs.github.com/en/rest (repos, git database, pulls, commit
 * statuses, repository contents).
 */
export class FakeGitHub extends StandInForge {
  readonly repos = new Map<string, GitHubRepo>();
  readonly pulls: GitHubPull[] = [];
  /** Branch protection bodies, by `owner/repo/branch`. */
  readonly protections = new Map<string, any>();
  #ids = 1000;

  constructor(
    token: string,
    readonly user: string,
    readonly organizations: string[],
  ) {
    super(token);
  }

  get apiBaseUrl() {
    return `${this.origin}/api/v3`;
  }

  protected authorized(req: IncomingMessage) {
    const match = /^(?:token|bearer) (.+)$/i.exec(
      req.headers.authorization ?? '',
    );
    return match?.[1] === this.token;
  }

  protected unauthorized() {
    return {
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    };
  }

  protected notFound() {
    return {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    };
  }

  protected headers() {
    // A classic personal access token's scopes: octokit-plugin-create-
    // pull-request reads them to tell a user token from an app's.
    return {
      'x-oauth-scopes': 'repo, workflow',
      'x-github-media-type': 'github.v3',
    };
  }

  private ownerJson(login: string) {
    const type = this.organizations.includes(login) ? 'Organization' : 'User';
    return {
      login,
      id: [...login].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 100000,
      type,
      site_admin: false,
      url: `${this.apiBaseUrl}/${type === 'User' ? 'users' : 'orgs'}/${login}`,
      html_url: `${this.origin}/${login}`,
    };
  }

  private repo(owner: string, name: string) {
    const repo = this.repos.get(`${owner}/${name}`);
    if (!repo) throw new HttpError(404, this.notFound());
    return repo;
  }

  private async repoJson(repo: GitHubRepo) {
    const full = `${repo.owner}/${repo.name}`;
    const api = `${this.apiBaseUrl}/repos/${full}`;
    const empty = !(await resolveRevision(this.gitDir(full), 'HEAD'));
    return {
      id: repo.id,
      node_id: Buffer.from(`Repository${repo.id}`).toString('base64'),
      name: repo.name,
      full_name: full,
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      owner: this.ownerJson(repo.owner),
      html_url: `${this.origin}/${full}`,
      description: repo.description,
      homepage: repo.homepage,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      trees_url: `${api}/git/trees{/sha}`,
      pulls_url: `${api}/pulls{/number}`,
      clone_url: `${this.origin}/${full}.git`,
      ssh_url: `git@127.0.0.1:${full}.git`,
      default_branch: repo.defaultBranch,
      size: empty ? 0 : 1,
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      pushed_at: empty ? null : new Date().toISOString(),
      permissions: {
        admin: true,
        maintain: true,
        push: true,
        triage: true,
        pull: true,
      },
    };
  }

  private async createRepo(owner: string, body: any) {
    const name = String(body.name ?? '');
    if (!/^[A-Za-z0-9._-]+$/.test(name))
      throw new HttpError(422, {
        message: 'Repository creation failed.',
        errors: [{ resource: 'Repository', code: 'custom', field: 'name' }],
      });
    if (this.repos.has(`${owner}/${name}`))
      throw new HttpError(422, {
        message: 'Repository creation failed.',
        errors: [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'name',
            message: 'name already exists on this account',
          },
        ],
      });
    const repo: GitHubRepo = {
      id: this.#ids++,
      owner,
      name,
      private: body.private ?? body.visibility !== 'public',
      description: body.description ?? null,
      homepage: body.homepage ?? null,
      // A repository created with no initial commit: the account's default
      // branch name, which the first push makes.
      defaultBranch: 'main',
      createdAt: new Date().toISOString(),
    };
    await createBareRepository(
      this.root,
      `${owner}/${name}`,
      repo.defaultBranch,
    );
    this.repos.set(`${owner}/${name}`, repo);
    return json(await this.repoJson(repo), 201);
  }

  private commitJson(full: string, c: LoggedCommit) {
    const api = `${this.apiBaseUrl}/repos/${full}`;
    return {
      sha: c.sha,
      node_id: Buffer.from(`Commit${c.sha}`).toString('base64'),
      url: `${api}/commits/${c.sha}`,
      html_url: `${this.origin}/${full}/commit/${c.sha}`,
      commit: {
        author: c.author,
        committer: c.committer,
        message: c.message,
        tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
        url: `${api}/git/commits/${c.sha}`,
      },
      parents: c.parents.map(sha => ({ sha, url: `${api}/commits/${sha}` })),
    };
  }

  private pullJson(pull: GitHubPull, heads: { head?: string; base?: string }) {
    const full = `${pull.owner}/${pull.repo}`;
    return {
      id: 5000 + pull.number,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      user: this.ownerJson(this.user),
      url: `${this.apiBaseUrl}/repos/${full}/pulls/${pull.number}`,
      html_url: `${this.origin}/${full}/pull/${pull.number}`,
      head: {
        label: `${pull.owner}:${pull.head}`,
        ref: pull.head,
        sha: heads.head,
      },
      base: {
        label: `${pull.owner}:${pull.base}`,
        ref: pull.base,
        sha: heads.base,
      },
      merged: false,
    };
  }

  /** A tree of `base_tree` with the entries changed (docs: Create a tree). */
  private async createTree(full: string, body: any) {
    const gitDir = this.gitDir(full);
    const blobs = new Map<string, { mode: string; sha: string }>();
    if (body.base_tree)
      for (const [file, entry] of await listTree(gitDir, body.base_tree))
        blobs.set(file, entry);
    for (const entry of body.tree ?? []) {
      if (entry.sha === null) {
        blobs.delete(entry.path);
        continue;
      }
      if (entry.type === 'tree' || entry.mode === '040000')
        throw new HttpError(422, {
          message: 'the stand-in takes blobs only',
        });
      const sha =
        entry.content !== undefined
          ? await writeBlob(gitDir, Buffer.from(String(entry.content), 'utf8'))
          : entry.sha;
      blobs.set(entry.path, { mode: entry.mode ?? '100644', sha });
    }
    const sha = await writeTree(gitDir, blobs);
    const top = await runGit(['ls-tree', '-z', sha], { cwd: gitDir });
    return json(
      {
        sha,
        url: `${this.apiBaseUrl}/repos/${full}/git/trees/${sha}`,
        truncated: false,
        tree: top
          .toString('utf8')
          .split('\0')
          .filter(Boolean)
          .map(record => {
            const [meta, file] = record.split('\t');
            const [mode, type, object] = meta.split(' ');
            return { path: file, mode, type, sha: object };
          }),
      },
      201,
    );
  }

  protected publicRoutes(): Route[] {
    // codeload: where the tarball endpoint redirects to; its URL is the key.
    return [
      [
        'GET',
        /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/,
        ({ params: [owner, name, sha] }) => {
          this.repo(owner, name);
          return {
            headers: {
              'content-type': 'application/x-gzip',
              'content-disposition': `attachment; filename=${owner}-${name}-${sha.slice(
                0,
                7,
              )}.tar.gz`,
            },
            git: {
              cwd: this.gitDir(`${owner}/${name}`),
              args: [
                'archive',
                '--format=tar.gz',
                `--prefix=${owner}-${name}-${sha.slice(0, 7)}/`,
                sha,
              ],
            },
          };
        },
      ],
    ];
  }

  protected routes(): Route[] {
    const repo = '/api/v3/repos/([^/]+)/([^/]+)';
    return [
      ['GET', /^\/api\/v3\/user$/, () => json(this.ownerJson(this.user))],
      [
        'GET',
        /^\/api\/v3\/users\/([^/]+)$/,
        ({ params: [login] }) => {
          if (login !== this.user && !this.organizations.includes(login))
            throw new HttpError(404, this.notFound());
          return json(this.ownerJson(login));
        },
      ],
      [
        'GET',
        /^\/api\/v3\/orgs\/([^/]+)$/,
        ({ params: [org] }) => {
          if (!this.organizations.includes(org))
            throw new HttpError(404, this.notFound());
          return json(this.ownerJson(org));
        },
      ],
      [
        'POST',
        /^\/api\/v3\/orgs\/([^/]+)\/repos$/,
        ({ params: [org], body }) => {
          if (!this.organizations.includes(org))
            throw new HttpError(404, this.notFound());
          return this.createRepo(org, body);
        },
      ],
      [
        'POST',
        /^\/api\/v3\/user\/repos$/,
        ({ body }) => this.createRepo(this.user, body),
      ],
      [
        'GET',
        new RegExp(`^${repo}$`),
        async ({ params: [owner, name] }) =>
          json(await this.repoJson(this.repo(owner, name))),
      ],
      [
        'PUT',
        new RegExp(`^${repo}/branches/(.+)/protection$`),
        async ({ params: [owner, name, branch], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          if (!(await this.headOf(this.gitDir(full), branch)))
            throw new HttpError(404, {
              message: 'Branch not found',
              documentation_url: 'https://docs.github.com/rest',
            });
          this.protections.set(`${full}/${branch}`, body);
          return json({
            url: `${this.apiBaseUrl}/repos/${full}/branches/${branch}/protection`,
            required_status_checks: body.required_status_checks,
            enforce_admins: { enabled: Boolean(body.enforce_admins) },
            required_pull_request_reviews: body.required_pull_request_reviews,
            required_linear_history: {
              enabled: Boolean(body.required_linear_history),
            },
          });
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/commits$`),
        async ({ params: [owner, name], query }) => {
          const full = `${owner}/${name}`;
          const r = this.repo(owner, name);
          const sha = await resolveRevision(
            this.gitDir(full),
            query.sha ?? r.defaultBranch,
          );
          // An empty repository answers 409 (docs: List commits).
          if (!sha)
            throw new HttpError(409, { message: 'Git Repository is empty.' });
          const commits = await logCommits(
            this.gitDir(full),
            sha,
            Number(query.per_page ?? 30),
          );
          return json(commits.map(c => this.commitJson(full, c)));
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/commits/(.+)/status$`),
        async ({ params: [owner, name, ref] }) => {
          const full = `${owner}/${name}`;
          const r = this.repo(owner, name);
          const sha = await resolveRevision(this.gitDir(full), ref);
          if (!sha)
            throw new HttpError(404, {
              message: `No commit found for SHA: ${ref}`,
            });
          return json({
            state: 'pending',
            statuses: [],
            sha,
            total_count: 0,
            repository: await this.repoJson(r),
            commit_url: `${this.apiBaseUrl}/repos/${full}/commits/${sha}`,
            url: `${this.apiBaseUrl}/repos/${full}/commits/${sha}/status`,
          });
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/tarball(?:/(.+))?$`),
        async ({ params: [owner, name, ref] }) => {
          const r = this.repo(owner, name);
          const sha = await resolveRevision(
            this.gitDir(`${owner}/${name}`),
            ref ?? r.defaultBranch,
          );
          if (!sha) throw new HttpError(404, this.notFound());
          // "This endpoint redirects" (docs: Download a repository archive).
          return {
            status: 302,
            headers: {
              location: `${this.origin}/_codeload/${owner}/${name}/legacy.tar.gz/${sha}`,
            },
          };
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/contents/(.+)$`),
        async ({ params: [owner, name, file], query, req }) => {
          const full = `${owner}/${name}`;
          const r = this.repo(owner, name);
          const ref = query.ref ?? r.defaultBranch;
          const content = await fileAt(this.gitDir(full), ref, file);
          if (!content) throw new HttpError(404, this.notFound());
          if (/raw/.test(String(req.headers.accept)))
            return {
              body: content,
              headers: { 'content-type': 'application/vnd.github.v3.raw' },
            };
          return json({
            type: 'file',
            encoding: 'base64',
            size: content.length,
            name: path.posix.basename(file),
            path: file,
            content: content.toString('base64'),
            sha: await writeBlob(this.gitDir(full), content),
          });
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/git/ref/(.+)$`),
        async ({ params: [owner, name, ref] }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          const sha = await resolveRevision(this.gitDir(full), `refs/${ref}`);
          if (!sha) throw new HttpError(404, this.notFound());
          return json({
            ref: `refs/${ref}`,
            url: `${this.apiBaseUrl}/repos/${full}/git/refs/${ref}`,
            object: { type: 'commit', sha },
          });
        },
      ],
      [
        'POST',
        new RegExp(`^${repo}/git/blobs$`),
        async ({ params: [owner, name], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          const sha = await writeBlob(
            this.gitDir(full),
            Buffer.from(
              String(body.content ?? ''),
              body.encoding === 'base64' ? 'base64' : 'utf8',
            ),
          );
          return json(
            { sha, url: `${this.apiBaseUrl}/repos/${full}/git/blobs/${sha}` },
            201,
          );
        },
      ],
      [
        'POST',
        new RegExp(`^${repo}/git/trees$`),
        ({ params: [owner, name], body }) => {
          this.repo(owner, name);
          return this.createTree(`${owner}/${name}`, body);
        },
      ],
      [
        'POST',
        new RegExp(`^${repo}/git/commits$`),
        async ({ params: [owner, name], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          // Without an author, the token's user (docs: Create a commit).
          const me: Signature = {
            name: this.user,
            email: `${this.user}@users.noreply.github.com`,
          };
          const sha = await writeCommit(this.gitDir(full), {
            tree: body.tree,
            parents: body.parents ?? [],
            message: body.message,
            author: body.author ?? me,
            committer: body.committer ?? body.author ?? me,
          });
          const [c] = await logCommits(this.gitDir(full), sha, 1);
          return json(
            {
              sha,
              url: `${this.apiBaseUrl}/repos/${full}/git/commits/${sha}`,
              html_url: `${this.origin}/${full}/commit/${sha}`,
              author: c.author,
              committer: c.committer,
              message: c.message,
              tree: { sha: c.tree },
              parents: c.parents.map(p => ({ sha: p })),
              verification: {
                verified: false,
                reason: 'unsigned',
                signature: null,
                payload: null,
              },
            },
            201,
          );
        },
      ],
      [
        'POST',
        new RegExp(`^${repo}/git/refs$`),
        async ({ params: [owner, name], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          const ref = String(body.ref ?? '');
          if (!/^refs\/[^/]+\/.+/.test(ref))
            throw new HttpError(422, {
              message:
                "ref must start with 'refs' and have at least two slashes.",
            });
          if (await resolveRevision(this.gitDir(full), ref))
            throw new HttpError(422, { message: 'Reference already exists' });
          await updateRef(this.gitDir(full), ref, body.sha, '0'.repeat(40));
          return json(
            {
              ref,
              url: `${this.apiBaseUrl}/repos/${full}/git/${ref}`,
              object: { type: 'commit', sha: body.sha },
            },
            201,
          );
        },
      ],
      [
        'PATCH',
        new RegExp(`^${repo}/git/refs/(.+)$`),
        async ({ params: [owner, name, ref], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          const gitDir = this.gitDir(full);
          const old = await resolveRevision(gitDir, `refs/${ref}`);
          if (!old)
            throw new HttpError(422, { message: 'Reference does not exist' });
          if (!body.force) {
            try {
              await runGit(['merge-base', '--is-ancestor', old, body.sha], {
                cwd: gitDir,
              });
            } catch {
              throw new HttpError(422, {
                message: 'Update is not a fast forward',
              });
            }
          }
          await updateRef(gitDir, `refs/${ref}`, body.sha, old);
          return json({
            ref: `refs/${ref}`,
            object: { type: 'commit', sha: body.sha },
          });
        },
      ],
      [
        'GET',
        new RegExp(`^${repo}/pulls$`),
        ({ params: [owner, name] }) =>
          json(
            this.pulls
              .filter(p => p.owner === owner && p.repo === name)
              .map(p => this.pullJson(p, {})),
          ),
      ],
      [
        'POST',
        new RegExp(`^${repo}/pulls$`),
        async ({ params: [owner, name], body }) => {
          const full = `${owner}/${name}`;
          this.repo(owner, name);
          // head is "branch" or "owner:branch" (docs: Create a pull request).
          const head = String(body.head ?? '').replace(/^[^:]+:/, '');
          const base = String(body.base ?? '');
          const heads = {
            head: await this.headOf(this.gitDir(full), head),
            base: await this.headOf(this.gitDir(full), base),
          };
          const invalid = [
            ...(heads.head ? [] : ['head']),
            ...(heads.base ? [] : ['base']),
            ...(body.title ? [] : ['title']),
          ];
          if (invalid.length)
            throw new HttpError(422, {
              message: 'Validation Failed',
              errors: invalid.map(field => ({
                resource: 'PullRequest',
                field,
                code: 'invalid',
              })),
            });
          if (
            this.pulls.some(
              p =>
                p.owner === owner &&
                p.repo === name &&
                p.head === head &&
                p.base === base &&
                p.state === 'open',
            )
          )
            throw new HttpError(422, {
              message: 'Validation Failed',
              errors: [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `A pull request already exists for ${owner}:${head}.`,
                },
              ],
            });
          const pull: GitHubPull = {
            number: this.pulls.length + 1,
            owner,
            repo: name,
            title: body.title,
            body: body.body ?? null,
            head,
            base,
            draft: Boolean(body.draft),
            state: 'open',
          };
          this.pulls.push(pull);
          return json(this.pullJson(pull, heads), 201);
        },
      ],
      [
        'POST',
        /^\/api\/graphql$/,
        async ({ body }) => {
          // The one query the pull request plugin sends: does the head
          // branch exist, and has it an open pull request.
          const { owner, repo: name, head } = body.variables ?? {};
          if (!/ref\(qualifiedName/.test(body.query ?? ''))
            return json({
              errors: [{ message: 'a query the stand-in does not answer' }],
            });
          if (!this.repos.has(`${owner}/${name}`))
            return json({
              data: { repository: null },
              errors: [
                {
                  type: 'NOT_FOUND',
                  message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
                },
              ],
            });
          const branch = String(head).replace(/^refs\/heads\//, '');
          const exists = await this.headOf(
            this.gitDir(`${owner}/${name}`),
            branch,
          );
          const open = this.pulls.filter(
            p =>
              p.owner === owner &&
              p.repo === name &&
              p.head === branch &&
              p.state === 'open',
          );
          return json({
            data: {
              repository: {
                ref: exists
                  ? {
                      associatedPullRequests: {
                        edges: open.map(p => ({
                          node: {
                            id: `PR_${p.number}`,
                            number: p.number,
                            url: `${this.origin}/${owner}/${name}/pull/${p.number}`,
                          },
                        })),
                      },
                    }
                  : null,
              },
            },
          });
        },
      ],
    ];
  }
}

/** A GitHub stand-in: `organizations` are organizations, `user` owns the token. */
export function startFakeGitHub(options: {
  token: string;
  user?: string;
  organizations?: string[];
}) {
  return new FakeGitHub(
    options.token,
    options.user ?? 'backstage-bot',
    options.organizations ?? [],
  ).start();
}

// ---------------------------------------------------------------- GitLab

interface GitLabNamespace {
  id: number;
  name: string;
  path: string;
  kind: 'group' | 'user';
  full_path: string;
  parent_id: number | null;
}

interface GitLabProject {
  id: number;
  name: string;
  path: string;
  namespace: GitLabNamespace;
  visibility: string;
  description: string | null;
  createdAt: string;
}

interface GitLabMergeRequest {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'merged';
  removeSourceBranch: boolean;
}

/**
 * GitLab (REST at /api/v4, git and web pages at the root), with one user
 * the token belongs to and the groups given (a nested group's parents
 * too). Shapes from https://docs.gitlab.com/api/ (namespaces, projects,
 * repositories, repository files, commits, branches, merge requests),
 * arrays paginated as "Pagination" there describes.
 */
export class FakeGitLab extends StandInForge {
  readonly namespaces: GitLabNamespace[] = [];
  readonly projects: GitLabProject[] = [];
  readonly mergeRequests: GitLabMergeRequest[] = [];
  readonly me: { id: number; username: string };
  #ids = 100;

  constructor(token: string, user: string, groups: string[]) {
    super(token);
    this.me = { id: 1, username: user };
    this.namespaces.push({
      id: this.#ids++,
      name: user,
      path: user,
      kind: 'user',
      full_path: user,
      parent_id: null,
    });
    for (const group of groups) {
      const segments = group.split('/');
      segments.forEach((segment, i) => {
        const full = segments.slice(0, i + 1).join('/');
        if (this.namespaces.some(n => n.full_path === full)) return;
        const parent = this.namespaces.find(
          n => n.full_path === segments.slice(0, i).join('/'),
        );
        this.namespaces.push({
          id: this.#ids++,
          name: segment,
          path: segment,
          kind: 'group',
          full_path: full,
          parent_id: parent?.id ?? null,
        });
      });
    }
  }

  get apiBaseUrl() {
    return `${this.origin}/api/v4`;
  }

  protected authorized(req: IncomingMessage) {
    const bearer = /^bearer (.+)$/i.exec(req.headers.authorization ?? '');
    return (
      req.headers['private-token'] === this.token || bearer?.[1] === this.token
    );
  }

  protected unauthorized() {
    return { message: '401 Unauthorized' };
  }

  protected notFound() {
    return { error: '404 Not Found' };
  }

  private namespace(id: string) {
    const ns = this.namespaces.find(n =>
      /^\d+$/.test(id) ? n.id === Number(id) : n.full_path === id,
    );
    if (!ns) throw new HttpError(404, { message: '404 Namespace Not Found' });
    return ns;
  }

  private fullPath(p: GitLabProject) {
    return `${p.namespace.full_path}/${p.path}`;
  }

  private project(id: string) {
    const p = this.projects.find(x =>
      /^\d+$/.test(id) ? x.id === Number(id) : this.fullPath(x) === id,
    );
    if (!p) throw new HttpError(404, { message: '404 Project Not Found' });
    return p;
  }

  private async projectJson(p: GitLabProject) {
    const full = this.fullPath(p);
    const empty = !(await resolveRevision(this.gitDir(full), 'HEAD'));
    const head = empty
      ? null
      : (
          await runGit(['symbolic-ref', '--short', 'HEAD'], {
            cwd: this.gitDir(full),
          })
        )
          .toString()
          .trim();
    return {
      id: p.id,
      description: p.description,
      name: p.name,
      name_with_namespace: `${p.namespace.name} / ${p.name}`,
      path: p.path,
      path_with_namespace: full,
      created_at: p.createdAt,
      // No default branch until the first push (docs: Get a single project).
      default_branch: head,
      visibility: p.visibility,
      ssh_url_to_repo: `git@127.0.0.1:${full}.git`,
      http_url_to_repo: `${this.origin}/${full}.git`,
      web_url: `${this.origin}/${full}`,
      empty_repo: empty,
      archived: false,
      namespace: {
        id: p.namespace.id,
        name: p.namespace.name,
        path: p.namespace.path,
        kind: p.namespace.kind,
        full_path: p.namespace.full_path,
      },
    };
  }

  /** GitLab's offset pagination: page, per_page (20, at most 100), headers. */
  private paginate(
    items: unknown[],
    query: Record<string, string>,
    req: IncomingMessage,
  ): Reply {
    const perPage = Math.min(Number(query.per_page ?? 20) || 20, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const pages = Math.max(Math.ceil(items.length / perPage), 1);
    const url = new URL(req.url ?? '/', this.origin);
    const link = (n: number) => {
      url.searchParams.set('page', String(n));
      url.searchParams.set('per_page', String(perPage));
      return url.toString();
    };
    const links = [
      ...(page < pages ? [`<${link(page + 1)}>; rel="next"`] : []),
      ...(page > 1 ? [`<${link(page - 1)}>; rel="prev"`] : []),
      `<${link(1)}>; rel="first"`,
      `<${link(pages)}>; rel="last"`,
    ];
    return {
      json: items.slice((page - 1) * perPage, page * perPage),
      headers: {
        link: links.join(', '),
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(items.length),
        'x-total-pages': String(pages),
        'x-next-page': page < pages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
      },
    };
  }

  private async commitJson(full: string, c: LoggedCommit) {
    return {
      id: c.sha,
      short_id: c.sha.slice(0, 8),
      title: c.message.split('\n')[0],
      message: c.message,
      author_name: c.author.name,
      author_email: c.author.email,
      authored_date: c.author.date,
      committer_name: c.committer.name,
      committer_email: c.committer.email,
      committed_date: c.committer.date,
      created_at: c.committer.date,
      parent_ids: c.parents,
      web_url: `${this.origin}/${full}/-/commit/${c.sha}`,
    };
  }

  private async branchJson(full: string, name: string, sha: string) {
    const [c] = await logCommits(this.gitDir(full), sha, 1);
    const head = (
      await runGit(['symbolic-ref', '--short', 'HEAD'], {
        cwd: this.gitDir(full),
      })
    )
      .toString()
      .trim();
    return {
      name,
      merged: false,
      protected: false,
      default: name === head,
      developers_can_push: false,
      developers_can_merge: false,
      can_push: true,
      web_url: `${this.origin}/${full}/-/tree/${name}`,
      commit: await this.commitJson(full, c),
    };
  }

  private mergeRequestJson(mr: GitLabMergeRequest) {
    const p = this.projects.find(x => x.id === mr.projectId)!;
    const full = this.fullPath(p);
    return {
      id: mr.id,
      iid: mr.iid,
      project_id: mr.projectId,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      source_branch: mr.sourceBranch,
      target_branch: mr.targetBranch,
      source_project_id: mr.projectId,
      target_project_id: mr.projectId,
      force_remove_source_branch: mr.removeSourceBranch,
      author: { id: this.me.id, username: this.me.username },
      web_url: `${this.origin}/${full}/-/merge_requests/${mr.iid}`,
    };
  }

  /** Applies a commit's actions (docs: Create a commit with multiple files and actions). */
  private async commit(p: GitLabProject, body: any) {
    const full = this.fullPath(p);
    const gitDir = this.gitDir(full);
    const branch = String(body.branch ?? '');
    const start = body.start_branch ?? body.start_sha ?? branch;
    const parent = await resolveRevision(
      gitDir,
      body.start_sha ?? `refs/heads/${start}`,
    );
    if (!parent)
      throw new HttpError(400, {
        message: `You can only create or edit files when you are on a branch`,
      });
    const old = await this.headOf(gitDir, branch);
    const blobs = new Map<string, { mode: string; sha: string }>();
    for (const [file, entry] of await listTree(gitDir, parent))
      blobs.set(file, entry);
    for (const action of body.actions ?? []) {
      const file = String(action.file_path ?? '');
      const exists = blobs.has(file);
      switch (action.action) {
        case 'create':
        case 'update': {
          if (action.action === 'create' && exists)
            throw new HttpError(400, {
              message: 'A file with this name already exists',
            });
          if (action.action === 'update' && !exists)
            throw new HttpError(400, {
              message: "A file with this name doesn't exist",
            });
          const content = Buffer.from(
            String(action.content ?? ''),
            action.encoding === 'base64' ? 'base64' : 'utf8',
          );
          // execute_filemode sets or clears the executable bit; without
          // it a file keeps its mode.
          let mode = blobs.get(file)?.mode ?? '100644';
          if (action.execute_filemode === true) mode = '100755';
          if (action.execute_filemode === false) mode = '100644';
          blobs.set(file, { mode, sha: await writeBlob(gitDir, content) });
          break;
        }
        case 'delete':
          if (!exists)
            throw new HttpError(400, {
              message: "A file with this name doesn't exist",
            });
          blobs.delete(file);
          break;
        default:
          throw new HttpError(400, {
            message: `actions[${file}] action ${action.action} is not served by the stand-in`,
          });
      }
    }
    const tree = await writeTree(gitDir, blobs);
    const sha = await writeCommit(gitDir, {
      tree,
      parents: [parent],
      message: String(body.commit_message ?? ''),
      author: {
        name: body.author_name ?? this.me.username,
        email: body.author_email ?? `${this.me.username}@example.com`,
      },
      committer: {
        name: this.me.username,
        email: `${this.me.username}@example.com`,
      },
    });
    await updateRef(gitDir, `refs/heads/${branch}`, sha, old ?? '0'.repeat(40));
    const [c] = await logCommits(gitDir, sha, 1);
    return json(await this.commitJson(full, c), 201);
  }

  protected routes(): Route[] {
    const project = '/api/v4/projects/([^/]+)';
    const projectsOf = (
      namespace: GitLabNamespace,
      query: Record<string, string>,
      req: IncomingMessage,
    ) =>
      Promise.all(
        this.projects
          .filter(p => p.namespace.id === namespace.id)
          .filter(
            p =>
              !query.search ||
              p.path.includes(query.search) ||
              p.name.includes(query.search),
          )
          .map(p => this.projectJson(p)),
      ).then(items => this.paginate(items, query, req));
    return [
      [
        'GET',
        /^\/api\/v4\/user$/,
        () =>
          json({
            id: this.me.id,
            username: this.me.username,
            name: this.me.username,
            state: 'active',
            web_url: `${this.origin}/${this.me.username}`,
          }),
      ],
      [
        'GET',
        /^\/api\/v4\/namespaces\/([^/]+)$/,
        ({ params: [id] }) => {
          const ns = this.namespace(id);
          return json({
            ...ns,
            web_url: `${this.origin}/${ns.kind === 'group' ? 'groups/' : ''}${
              ns.full_path
            }`,
          });
        },
      ],
      [
        'GET',
        /^\/api\/v4\/groups\/([^/]+)\/projects$/,
        ({ params: [id], query, req }) => {
          const ns = this.namespace(id);
          if (ns.kind !== 'group')
            throw new HttpError(404, { message: '404 Group Not Found' });
          return projectsOf(ns, query, req);
        },
      ],
      [
        'GET',
        /^\/api\/v4\/users\/([^/]+)\/projects$/,
        ({ params: [id], query, req }) => {
          if (id !== this.me.username && id !== String(this.me.id))
            throw new HttpError(404, { message: '404 User Not Found' });
          return projectsOf(this.namespace(this.me.username), query, req);
        },
      ],
      [
        'POST',
        /^\/api\/v4\/projects$/,
        async ({ body }) => {
          const namespace = body.namespace_id
            ? this.namespace(String(body.namespace_id))
            : this.namespace(this.me.username);
          const name = String(body.name ?? body.path ?? '');
          const projectPath = String(body.path ?? name);
          if (
            this.projects.some(
              p => p.namespace.id === namespace.id && p.path === projectPath,
            )
          )
            throw new HttpError(400, {
              message: {
                name: ['has already been taken'],
                path: ['has already been taken'],
              },
            });
          const p: GitLabProject = {
            id: this.#ids++,
            name,
            path: projectPath,
            namespace,
            visibility: body.visibility ?? 'private',
            description: body.description ?? null,
            createdAt: new Date().toISOString(),
          };
          // An empty project; its default branch is the first one pushed.
          await createBareRepository(this.root, this.fullPath(p), 'main');
          this.projects.push(p);
          return json(await this.projectJson(p), 201);
        },
      ],
      [
        'GET',
        new RegExp(`^${project}$`),
        async ({ params: [id] }) =>
          json(await this.projectJson(this.project(id))),
      ],
      [
        'GET',
        new RegExp(`^${project}/repository/files/([^/]+)(/raw)?$`),
        async ({ params: [id, file, raw], query }) => {
          const p = this.project(id);
          const full = this.fullPath(p);
          const gitDir = this.gitDir(full);
          const ref =
            query.ref ?? (await this.projectJson(p)).default_branch ?? '';
          const commit = await resolveRevision(gitDir, ref);
          const content = commit && (await fileAt(gitDir, commit, file));
          if (!commit || !content)
            throw new HttpError(404, { message: '404 File Not Found' });
          if (raw)
            return {
              body: content,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            };
          return json({
            file_name: path.posix.basename(file),
            file_path: file,
            size: content.length,
            encoding: 'base64',
            content: content.toString('base64'),
            content_sha256: crypto
              .createHash('sha256')
              .update(content)
              .digest('hex'),
            ref,
            blob_id: await writeBlob(gitDir, content),
            commit_id: commit,
            last_commit_id: commit,
          });
        },
      ],
      [
        'GET',
        new RegExp(`^${project}/repository/tree$`),
        async ({ params: [id], query, req }) => {
          const p = this.project(id);
          const gitDir = this.gitDir(this.fullPath(p));
          const ref =
            query.ref ?? (await this.projectJson(p)).default_branch ?? '';
          const commit = await resolveRevision(gitDir, ref);
          if (!commit)
            throw new HttpError(404, { message: '404 Tree Not Found' });
          const recursive = query.recursive === 'true';
          const prefix = query.path ? `${query.path.replace(/\/$/, '')}/` : '';
          const entries = [...(await listTree(gitDir, commit, true))]
            .filter(([file]) => file.startsWith(prefix))
            .filter(
              ([file]) => recursive || !file.slice(prefix.length).includes('/'),
            )
            .map(([file, e]) => ({
              id: e.sha,
              name: path.posix.basename(file),
              type: e.type,
              path: file,
              mode: e.mode,
            }));
          return this.paginate(entries, query, req);
        },
      ],
      [
        'GET',
        new RegExp(`^${project}/repository/commits$`),
        async ({ params: [id], query, req }) => {
          const p = this.project(id);
          const full = this.fullPath(p);
          const ref =
            query.ref_name ?? (await this.projectJson(p)).default_branch ?? '';
          const commit = await resolveRevision(this.gitDir(full), ref);
          if (!commit)
            throw new HttpError(404, { message: '404 Commit Not Found' });
          const commits = await logCommits(
            this.gitDir(full),
            commit,
            1000,
            query.path,
          );
          return this.paginate(
            await Promise.all(commits.map(c => this.commitJson(full, c))),
            query,
            req,
          );
        },
      ],
      [
        'POST',
        new RegExp(`^${project}/repository/commits$`),
        ({ params: [id], body }) => this.commit(this.project(id), body),
      ],
      [
        'GET',
        new RegExp(`^${project}/repository/archive(?:\\.tar\\.gz)?$`),
        async ({ params: [id], query }) => {
          const p = this.project(id);
          const gitDir = this.gitDir(this.fullPath(p));
          const ref =
            query.sha ?? (await this.projectJson(p)).default_branch ?? '';
          const sha = await resolveRevision(gitDir, ref);
          if (!sha) throw new HttpError(404, { message: '404 File Not Found' });
          const top = `${p.path}-${ref.replace(/\//g, '-')}-${sha}${
            query.path ? `-${query.path.replace(/\//g, '-')}` : ''
          }`;
          return {
            headers: {
              'content-type': 'application/octet-stream',
              'content-disposition': `attachment; filename="${top}.tar.gz"`,
            },
            git: {
              cwd: gitDir,
              args: [
                'archive',
                '--format=tar.gz',
                `--prefix=${top}/`,
                sha,
                ...(query.path ? ['--', query.path] : []),
              ],
            },
          };
        },
      ],
      [
        'GET',
        new RegExp(`^${project}/repository/branches/([^/]+)$`),
        async ({ params: [id, branch] }) => {
          const full = this.fullPath(this.project(id));
          const sha = await this.headOf(this.gitDir(full), branch);
          if (!sha)
            throw new HttpError(404, { message: '404 Branch Not Found' });
          return json(await this.branchJson(full, branch, sha));
        },
      ],
      [
        'POST',
        new RegExp(`^${project}/repository/branches$`),
        async ({ params: [id], body, query }) => {
          const full = this.fullPath(this.project(id));
          const gitDir = this.gitDir(full);
          const branch = String(body.branch ?? query.branch ?? '');
          const ref = String(body.ref ?? query.ref ?? '');
          try {
            await runGit(['check-ref-format', '--branch', branch], {
              cwd: gitDir,
            });
          } catch {
            throw new HttpError(400, { message: 'Branch name is invalid' });
          }
          if (await this.headOf(gitDir, branch))
            throw new HttpError(400, { message: 'Branch already exists' });
          const sha = await resolveRevision(gitDir, ref);
          if (!sha)
            throw new HttpError(400, {
              message: `Invalid reference name: ${ref}`,
            });
          await updateRef(gitDir, `refs/heads/${branch}`, sha, '0'.repeat(40));
          return json(await this.branchJson(full, branch, sha), 201);
        },
      ],
      [
        'GET',
        new RegExp(`^${project}/merge_requests$`),
        ({ params: [id], query, req }) => {
          const p = this.project(id);
          return this.paginate(
            this.mergeRequests
              .filter(mr => mr.projectId === p.id)
              .filter(
                mr =>
                  !query.source_branch ||
                  mr.sourceBranch === query.source_branch,
              )
              .filter(
                mr =>
                  !query.state ||
                  query.state === 'all' ||
                  mr.state === query.state,
              )
              .map(mr => this.mergeRequestJson(mr)),
            query,
            req,
          );
        },
      ],
      [
        'POST',
        new RegExp(`^${project}/merge_requests$`),
        async ({ params: [id], body }) => {
          const p = this.project(id);
          const gitDir = this.gitDir(this.fullPath(p));
          const source = String(body.source_branch ?? '');
          const target = String(body.target_branch ?? '');
          if (!body.title)
            throw new HttpError(400, { message: 'title is missing' });
          if (
            !(await this.headOf(gitDir, source)) ||
            !(await this.headOf(gitDir, target))
          )
            throw new HttpError(400, {
              message: ['Source branch or target branch does not exist'],
            });
          const other = this.mergeRequests.find(
            mr =>
              mr.projectId === p.id &&
              mr.sourceBranch === source &&
              mr.targetBranch === target &&
              mr.state === 'opened',
          );
          if (other)
            throw new HttpError(409, {
              message: [
                `Another open merge request already exists for this source branch: !${other.iid}`,
              ],
            });
          const mr: GitLabMergeRequest = {
            id: 9000 + this.mergeRequests.length,
            iid:
              this.mergeRequests.filter(m => m.projectId === p.id).length + 1,
            projectId: p.id,
            title: String(body.title),
            description: body.description ?? null,
            sourceBranch: source,
            targetBranch: target,
            state: 'opened',
            removeSourceBranch: Boolean(body.remove_source_branch),
          };
          this.mergeRequests.push(mr);
          return json(this.mergeRequestJson(mr), 201);
        },
      ],
    ];
  }
}

/** A GitLab stand-in: `groups` are group paths (`data/platform`), `user` owns the token. */
export function startFakeGitLab(options: {
  token: string;
  user?: string;
  groups?: string[];
}) {
  return new FakeGitLab(
    options.token,
    options.user ?? 'backstage-bot',
    options.groups ?? [],
  ).start();
}

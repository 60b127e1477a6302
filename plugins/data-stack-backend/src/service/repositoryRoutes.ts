import type {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import {
  ExistingStack,
  LocalNameResponse,
  MergeResponse,
  PublishTargetsResponse,
  StackChange,
  StackChangesResponse,
  dataStackChangeMergePermission,
  dnsLabel,
  mergeRequestSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  CATALOG_FILE,
  DEFAULT_BRANCH,
  DOWNLOAD_ID,
  DOWNLOAD_TTL_MS,
  STACK_FILE,
  StackRepository,
  deleteBranch,
  diffStat,
  downloadsDirectory,
  filePatch,
  localStacksDirectory,
  mergeBranch,
  proposedBranches,
  publishTargets,
  repositoryExists,
  stackRepositoryOf,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import express from 'express';
import Router from 'express-promise-router';
import fs from 'node:fs';
import path from 'node:path';
import type { StackSpecReader } from './stackSpecReader';
import { readStackSystem } from './stackSystem';

/** Who a merge commit is by: the user, or the service that asked. */
function httpAuthUser(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'Backstage';
}

/**
 * Where stacks live and how they change: the places Create data stack can
 * publish to, a stack's repository and components (for Add data stack
 * components), the changes proposed on this machine and their merge, and
 * the downloads of stacks that had nowhere to go.
 */
export function repositoryRoutes(options: {
  config: Config;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  specs: StackSpecReader;
}): express.Router {
  const { config, httpAuth, catalog } = options;
  const router = Router();

  /** The stack's System of the path, read with the caller's credentials. */
  async function stackSystem(
    req: express.Request,
  ): Promise<{ entity: Entity; credentials: BackstageCredentials }> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { namespace, name } = req.params;
    return {
      entity: await readStackSystem(catalog, { namespace, name }, credentials),
      credentials,
    };
  }

  function repositoryOf(entity: Entity): StackRepository {
    const repository = stackRepositoryOf(entity, config);
    if ('problem' in repository) throw new InputError(repository.problem);
    return repository;
  }

  function localRepositoryOf(entity: Entity) {
    const repository = repositoryOf(entity);
    if (repository.type !== 'local')
      throw new InputError(
        `${entity.metadata.name} lives on ${repository.location}; review and merge its changes there`,
      );
    return repository;
  }

  /** Where Create data stack can put a new stack. */
  router.get('/publish-targets', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const answer: PublishTargetsResponse = { targets: publishTargets(config) };
    res.json(answer);
  });

  /** Whether a stack name is free on this machine and in the catalog. */
  router.get('/publish-targets/local/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const directory = localStacksDirectory(config);
    if (!directory)
      throw new NotFoundError('publishing on this machine is off');
    const { name } = req.params;
    if (!dnsLabel.safeParse(name).success)
      throw new InputError('not a stack name');
    const folder = path.join(directory, name);
    const system = await catalog.getEntityByRef(`system:default/${name}`, {
      credentials,
    });
    let reason: string | undefined;
    if (repositoryExists(directory, name))
      reason = `a stack repository named '${name}' already exists at ${folder}`;
    else if (system)
      reason = `the catalog already has a System named '${name}'`;
    const answer: LocalNameResponse = {
      name,
      path: folder,
      available: !reason,
      reason,
    };
    res.json(answer);
  });

  /** A stack's repository and components, as its stack.yaml on main holds them. */
  router.get('/stacks/:namespace/:name', async (req, res) => {
    const { entity } = await stackSystem(req);
    const repository = repositoryOf(entity);
    const plan = await options.specs.plan(repository);
    const answer: ExistingStack = {
      name: plan.stack.name,
      repository: { type: repository.type, location: repository.location },
      profile: plan.profile.id,
      components: plan.components.map(c => c.id),
      selected: plan.components.filter(c => c.selected).map(c => c.id),
    };
    res.json(answer);
  });

  /** The branches proposed on a local stack, each with its changed files. */
  router.get('/stacks/:namespace/:name/changes', async (req, res) => {
    const { entity } = await stackSystem(req);
    const repository = localRepositoryOf(entity);
    const branches = await proposedBranches(repository.path);
    const answer: StackChangesResponse = {
      repository: repository.location,
      changes: await Promise.all(
        branches.map(async branch => ({
          branch,
          files: await diffStat(repository.path, DEFAULT_BRANCH, branch),
          mergeCommand: `git -C ${repository.path} merge ${branch}`,
        })),
      ),
    };
    res.json(answer);
  });

  /** One proposed branch: its files and the stack.yaml diff. */
  router.get('/stacks/:namespace/:name/changes/diff', async (req, res) => {
    const { entity } = await stackSystem(req);
    const repository = localRepositoryOf(entity);
    const branch = String(req.query.branch ?? '');
    if (!(await proposedBranches(repository.path)).includes(branch))
      throw new NotFoundError(
        `${repository.location} has no branch '${branch}'`,
      );
    const files = await diffStat(repository.path, DEFAULT_BRANCH, branch);
    const answer: StackChange = {
      branch,
      files,
      stackFilePatch: files.some(f => f.path === STACK_FILE)
        ? await filePatch(repository.path, DEFAULT_BRANCH, branch, STACK_FILE)
        : '',
      mergeCommand: `git -C ${repository.path} merge ${branch}`,
    };
    res.json(answer);
  });

  /**
   * Merges a proposed branch into main, as `git merge` would, deletes it,
   * and has the catalog read the stack again. Needs the merge permission.
   */
  router.post('/stacks/:namespace/:name/changes/merge', async (req, res) => {
    const { entity, credentials } = await stackSystem(req);
    const [decision] = await options.permissions.authorize(
      [{ permission: dataStackChangeMergePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError('you may not merge changes to data stacks');
    const repository = localRepositoryOf(entity);
    const parsed = mergeRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new InputError('body: give the branch to merge');
    const { branch } = parsed.data;
    if (!(await proposedBranches(repository.path)).includes(branch))
      throw new NotFoundError(
        `${repository.location} has no branch '${branch}'`,
      );
    const user = httpAuthUser(credentials);
    // A conflict or uncommitted work comes back as a 409 with what to do.
    const merged = await mergeBranch({
      repository: repository.path,
      branch,
      author: { name: user, email: 'portal@backstage.invalid' },
    });
    await deleteBranch(repository.path, branch);
    options.logger.info(
      `merged ${branch} into ${DEFAULT_BRANCH} of ${repository.path} for ${user}`,
    );
    // The catalog reads file locations on its own schedule; ask it now.
    const target = path.join(repository.path, CATALOG_FILE);
    try {
      await catalog.refreshEntity(
        `location:default/${locationSpecToMetadataName({
          type: 'file',
          target,
        })}`,
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
    } catch (error) {
      options.logger.warn(`could not refresh ${target}: ${error}`);
    }
    const answer: MergeResponse = {
      branch,
      commit: merged.commit,
      fastForward: merged.fastForward,
    };
    res.json(answer);
  });

  /**
   * A stack packed by datastack:stack:archive. The random id is the key
   * (the link is shown only to the task's viewers) and lives a day.
   */
  router.get('/downloads/:id/:file', async (req, res) => {
    const { id, file } = req.params;
    const stack = file.endsWith('.tar.gz')
      ? file.slice(0, -'.tar.gz'.length)
      : '';
    if (!DOWNLOAD_ID.test(id) || !dnsLabel.safeParse(stack).success)
      throw new NotFoundError('no such download');
    const full = path.join(downloadsDirectory(config), id, file);
    let stat;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new NotFoundError('no such download');
    }
    if (!stat.isFile() || Date.now() - stat.mtimeMs > DOWNLOAD_TTL_MS) {
      fs.rmSync(path.dirname(full), { recursive: true, force: true });
      throw new NotFoundError('the download has expired; run the task again');
    }
    res.setHeader('content-type', 'application/gzip');
    res.setHeader('content-disposition', `attachment; filename="${file}"`);
    fs.createReadStream(full).pipe(res);
  });

  return router;
}

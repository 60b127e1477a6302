import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the portal can put a new stack repository: this machine's stacks
 * folder (`dataStack.publish.local`), or a GitHub or GitLab host of
 * `integrations` that has credentials to create repositories with. The
 * Create data stack form offers exactly these; with none, the task offers
 * the rendered files as a download.
 */
export interface PublishTarget {
  type: 'local' | 'github' | 'gitlab';
  /** The integration's host; `local` for this machine. */
  host: string;
  /** What the form shows. */
  title: string;
}

/**
 * The events-service topic on which the scaffolder announces a stack
 * repository it wrote on this machine, so the catalog reads it at once.
 */
export const LOCAL_STACKS_TOPIC = 'datastack.local-stacks';

/** The forges the templates publish to, by integration type. */
export const FORGE_TYPES = ['github', 'gitlab'] as const;

/**
 * The folder stack repositories are written to on this machine, absolute;
 * undefined when local publishing is not configured. Relative paths are
 * resolved from the backend's working directory, as Backstage does for
 * other local paths (e.g. the local TechDocs publisher).
 */
export function localStacksDirectory(config: Config): string | undefined {
  const local = config.getOptionalConfig('dataStack.publish.local');
  if (!local || local.getOptionalBoolean('enabled') === false) return undefined;
  return path.resolve(local.getString('directory'));
}

/**
 * The integrations a scaffolder action can create a repository on: GitHub
 * with a token or an app, GitLab with a token. Backstage lists github.com
 * and gitlab.com even when unconfigured; without credentials a publish
 * there fails ("No token available for host"), so they are left out.
 */
function forgeTargets(config: Config): PublishTarget[] {
  const integrations = ScmIntegrations.fromConfig(config);
  const github = integrations.github
    .list()
    .filter(i => i.config.token || i.config.apps?.length)
    .map(i => ({
      type: 'github' as const,
      host: i.config.host,
      title: `GitHub (${i.config.host})`,
    }));
  const gitlab = integrations.gitlab
    .list()
    .filter(i => i.config.token)
    .map(i => ({
      type: 'gitlab' as const,
      host: i.config.host,
      title: `GitLab (${i.config.host})`,
    }));
  return [...github, ...gitlab];
}

/** Every place a new stack repository can go, this machine first. */
export function publishTargets(config: Config): PublishTarget[] {
  const directory = localStacksDirectory(config);
  return [
    ...(directory
      ? [
          {
            type: 'local' as const,
            host: 'local',
            title: `This machine (${directory})`,
          },
        ]
      : []),
    ...forgeTargets(config),
  ];
}

/**
 * Where tasks keep the stacks they offer as downloads
 * (`dataStack.publish.downloads.directory`, else the system's temporary
 * folder), absolute.
 */
export function downloadsDirectory(config: Config): string {
  return path.resolve(
    config.getOptionalString('dataStack.publish.downloads.directory') ??
      path.join(os.tmpdir(), 'datastack-downloads'),
  );
}

/** A download's id: a random UUID, the only key to it. */
export const DOWNLOAD_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** How long a download is kept. */
export const DOWNLOAD_TTL_MS = 24 * 60 * 60 * 1000;

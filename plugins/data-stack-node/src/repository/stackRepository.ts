import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import path from 'node:path';
import { CATALOG_FILE } from '../render/catalog';
import { STACK_FILE } from '../stackFile';
import { localStacksDirectory } from './publishTargets';

/**
 * Where a stack's repository is, found from where the catalog read its
 * System: the catalog sets `backstage.io/managed-by-location` itself, so
 * the answer never comes from what an entity's author wrote. Nothing
 * outside this machine's stacks folder or a configured GitHub or GitLab
 * integration is a stack repository.
 */
export type StackRepository =
  | {
      type: 'local';
      /** The repository's folder name in the stacks folder. */
      name: string;
      path: string;
      /** How people read it: the folder. */
      location: string;
    }
  | {
      type: 'github' | 'gitlab';
      host: string;
      owner: string;
      repo: string;
      /** The scaffolder's `repoUrl` form: `host?owner=…&repo=…`. */
      repoUrl: string;
      /** The folder of its catalog file on the forge, at the ref the catalog read; for the URL reader. */
      url: string;
      /** Its stack.yaml on the forge, beside the catalog file. */
      stackFileUrl: string;
      location: string;
    };

/** The repository of a stack's System, or a sentence saying why there is none. */
export function stackRepositoryOf(
  entity: Entity,
  config: Config,
): StackRepository | { problem: string } {
  const ref = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!ref)
    return {
      problem: `${entity.metadata.name} has no ${ANNOTATION_LOCATION} annotation, so its repository is unknown`,
    };
  const { type, target } = parseLocationRef(ref);
  if (type === 'file') {
    const directory = localStacksDirectory(config);
    const folder = path.dirname(target);
    if (
      !directory ||
      path.basename(target) !== CATALOG_FILE ||
      path.dirname(folder) !== directory
    )
      return {
        problem: `${
          entity.metadata.name
        } is read from ${target}, which is not a stack repository of this machine's stacks folder${
          directory
            ? ` (${directory})`
            : ' (dataStack.publish.local is not configured)'
        }`,
      };
    return {
      type: 'local',
      name: path.basename(folder),
      path: folder,
      location: folder,
    };
  }
  if (type !== 'url')
    return {
      problem: `${entity.metadata.name} is read from a ${type} location; only stack repositories on this machine, GitHub and GitLab can be changed`,
    };
  const integrations = ScmIntegrations.fromConfig(config);
  const integration = integrations.byUrl(target);
  if (integration?.type !== 'github' && integration?.type !== 'gitlab')
    return {
      problem: `${target} is not on a GitHub or GitLab host of the configured integrations`,
    };
  const url = new URL(target);
  // github.com/<owner>/<repo>/blob/<ref>/…; GitLab's owner may be a group
  // path, its file URLs read <owner…>/<repo>/-/blob/<ref>/….
  const segments = url.pathname.split('/').filter(Boolean);
  const end =
    integration.type === 'gitlab'
      ? segments.indexOf('-')
      : segments.findIndex(s => s === 'blob' || s === 'tree');
  const repoPath = end > 1 ? segments.slice(0, end) : [];
  if (repoPath.length < 2 || segments[segments.length - 1] !== CATALOG_FILE)
    return {
      problem: `${target} is not the ${CATALOG_FILE} of a repository`,
    };
  // The folder the catalog read, at the ref it read: …/tree/<ref>/….
  const tree = segments
    .slice(0, -1)
    .map((s, i) =>
      i === end + (integration.type === 'gitlab' ? 1 : 0) && s === 'blob'
        ? 'tree'
        : s,
    );
  const owner = repoPath.slice(0, -1).join('/');
  const repo = repoPath[repoPath.length - 1];
  const host = url.host;
  return {
    type: integration.type,
    host,
    owner,
    repo,
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
    url: `${url.origin}/${tree.join('/')}`,
    stackFileUrl: integrations.resolveUrl({ url: STACK_FILE, base: target }),
    location: `${host}/${repoPath.join('/')}`,
  };
}

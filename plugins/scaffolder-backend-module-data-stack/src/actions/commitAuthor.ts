import type { CommitAuthor } from '@big-data-stack/backstage-plugin-data-stack-node';

/** The task's user as a commit author: the catalog profile when there is one. */
export function commitAuthor(ctx: {
  user?: {
    entity?: {
      metadata: { name: string };
      spec?: { profile?: { displayName?: string; email?: string } };
    };
    ref?: string;
  };
}): CommitAuthor {
  const profile = ctx.user?.entity?.spec?.profile;
  const name =
    profile?.displayName ??
    ctx.user?.entity?.metadata.name ??
    ctx.user?.ref ??
    'Backstage scaffolder';
  // git needs an address; a user without one gets a non-routable one.
  return { name, email: profile?.email ?? 'scaffolder@backstage.invalid' };
}

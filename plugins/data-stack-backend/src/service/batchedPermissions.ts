import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
} from '@backstage/plugin-permission-common';
import DataLoader from 'dataloader';

/** Checks per call to the permission backend. */
export const MAX_BATCH = 100;

/** The one permission call this plugin makes: `authorize`. */
export type Authorizer = Pick<PermissionsService, 'authorize'>;

/**
 * The permission checks of one request, for one caller, sent together.
 * The Data stacks page resolves every stack at once, and each stack asks
 * for its System and members; the permission service makes one HTTP call
 * (with a fresh on-behalf-of token) per `authorize`, so fifty stacks were
 * fifty calls. Checks asked for in the same turn of the event loop go as
 * one call here, as the frontend's `IdentityPermissionApi` batches its own
 * (`@backstage/plugin-permission-react`, with DataLoader too).
 */
export function batchedPermissions(
  permissions: Authorizer,
  credentials: BackstageCredentials,
): Authorizer {
  const loader = new DataLoader<
    AuthorizePermissionRequest,
    AuthorizePermissionResponse
  >(requests => permissions.authorize([...requests], { credentials }), {
    // Decisions are per request; nothing outlives it.
    cache: false,
    // Let every stack's cached catalog reads settle before the call goes.
    batchScheduleFn: callback => setImmediate(callback),
    // The permission backend reads bodies with express.json()'s default
    // 100 kB limit (plugins/permission-backend/src/service/router.ts in
    // backstage/backstage): an item is about 200 bytes, and up to 350 with
    // the longest entity refs, so 100 items stay well within it.
    maxBatchSize: MAX_BATCH,
  });
  return {
    authorize: async (requests, options) =>
      options.credentials === credentials
        ? Promise.all(requests.map(r => loader.load(r)))
        : permissions.authorize(requests, options),
  };
}

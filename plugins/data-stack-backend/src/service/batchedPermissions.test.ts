import {
  type PermissionsService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { MAX_BATCH, batchedPermissions } from './batchedPermissions';

const read = (resourceRef: string): AuthorizePermissionRequest => ({
  permission: catalogEntityReadPermission,
  resourceRef,
});

/** Allows only the refs in `allowed`, and records each call. */
function permissionBackend(allowed: string[]) {
  const calls: string[][] = [];
  return {
    calls,
    authorize: jest.fn(async (requests: AuthorizePermissionRequest[]) => {
      calls.push(requests.map(r => (r as { resourceRef: string }).resourceRef));
      return requests.map(r => ({
        result: allowed.includes((r as { resourceRef: string }).resourceRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      }));
    }),
  };
}

describe('batchedPermissions', () => {
  const credentials = mockCredentials.user();

  it('sends the checks of concurrent callers as one call, each answered its own', async () => {
    const backend = permissionBackend([
      'system:default/a',
      'resource:default/a-db',
    ]);
    const permissions = batchedPermissions(backend, credentials);
    const [a, b] = await Promise.all([
      permissions.authorize(
        [read('system:default/a'), read('resource:default/a-db')],
        { credentials },
      ),
      // A caller whose own reads took a turn of the microtask queue first.
      Promise.resolve().then(() =>
        permissions.authorize([read('system:default/b')], { credentials }),
      ),
    ]);
    expect(a.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
    expect(b.map(d => d.result)).toEqual([AuthorizeResult.DENY]);
    expect(backend.calls).toEqual([
      ['system:default/a', 'resource:default/a-db', 'system:default/b'],
    ]);
  });

  it('never answers from an earlier call: each batch asks again', async () => {
    const backend = permissionBackend(['system:default/a']);
    const permissions = batchedPermissions(backend, credentials);
    await permissions.authorize([read('system:default/a')], { credentials });
    await permissions.authorize([read('system:default/a')], { credentials });
    expect(backend.calls).toHaveLength(2);
  });

  it('passes checks for other credentials straight through', async () => {
    const backend = permissionBackend([]);
    const permissions = batchedPermissions(backend, credentials);
    const other = mockCredentials.user('user:default/other');
    await permissions.authorize([read('system:default/a')], {
      credentials: other,
    });
    expect(backend.authorize).toHaveBeenCalledWith([read('system:default/a')], {
      credentials: other,
    });
  });
});

describe('batchedPermissions against the real permission backend', () => {
  let permissions: PermissionsService;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        allowAllPolicy,
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { permissions: coreServices.permissions },
              async init(deps) {
                permissions = deps.permissions;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    stop = () => backend.stop();
  });

  afterAll(() => stop?.());

  it('answers a page of fifty stacks of eleven entities, in calls the backend accepts', async () => {
    const credentials = mockCredentials.user();
    const batched = batchedPermissions(permissions, credentials);
    const refs = Array.from({ length: 50 }, (_, s) => [
      `system:default/stack-${s}`,
      ...Array.from(
        { length: 10 },
        (__, c) =>
          `resource:default/stack-${s}-component-with-a-long-name-${c}`,
      ),
    ]);
    const spy = jest.spyOn(permissions, 'authorize');
    const answers = await Promise.all(
      refs.map(stack => batched.authorize(stack.map(read), { credentials })),
    );
    expect(answers.flat()).toHaveLength(550);
    expect(answers.flat().every(a => a.result === AuthorizeResult.ALLOW)).toBe(
      true,
    );
    expect(spy).toHaveBeenCalledTimes(Math.ceil(550 / MAX_BATCH));
  });
});

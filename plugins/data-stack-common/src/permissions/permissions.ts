import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Merging a proposed change into a stack repository on the portal's
 * machine (the change page's Merge button). Reading the stack is the
 * catalog's read permission; merging writes, so a policy can keep it to
 * the stack's owners.
 */
export const dataStackChangeMergePermission = createPermission({
  name: 'datastack.change.merge',
  attributes: { action: 'update' },
});

/** Every permission of the data stack plugins. */
export const dataStackPermissions = [dataStackChangeMergePermission];

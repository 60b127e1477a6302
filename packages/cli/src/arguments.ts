import { DataStackError } from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * A path argument that says where it points: an empty one would silently
 * mean the current directory (under `yarn datastack`, the repository root).
 */
export function givenPath(value: string, name: string): string {
  if (!value.trim())
    throw new DataStackError([
      { path: name, message: "is empty; give a path ('.' for this directory)" },
    ]);
  return value;
}

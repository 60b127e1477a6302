import {
  ANNOTATION_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { StackStatusResponse } from '@big-data-stack/backstage-plugin-data-stack-common';

type RunsOn = NonNullable<StackStatusResponse['notRunning']>['runsOn'];

/** How to start a stack, and where. */
export interface StartAdvice {
  /** The command line, with `cd <folder> &&` when the folder is known. */
  command: string;
  /** The folder of the stack's catalog-info.yaml, when it is a file here. */
  folder?: string;
  /** The catalog-info.yaml's URL, when the stack was registered from one. */
  url?: string;
}

/** What `datastack render` writes into a stack's folder (docs/stacks.md, docs/kubernetes.md). */
const COMMANDS: Record<RunsOn, string> = {
  compose: 'scripts/init-env && docker compose up -d',
  kubernetes: 'helmfile apply',
};

/** A POSIX shell word: as it is when it is safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text)
    ? text
    : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that starts the stack of a System. The catalog sets
 * `backstage.io/managed-by-location` to where it read the entity; the
 * stack's catalog-info.yaml sits at the top of the stack's folder, so a
 * `file:` location names the folder to run the command in.
 */
export function startAdvice(entity: Entity, runsOn: RunsOn): StartAdvice {
  const base = COMMANDS[runsOn];
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  let ref: { type: string; target: string } | undefined;
  try {
    ref = location ? parseLocationRef(location) : undefined;
  } catch {
    ref = undefined;
  }
  if (ref?.type === 'file') {
    const folder = ref.target.replace(/[\\/][^\\/]*$/, '') || '/';
    return { command: `cd ${shellWord(folder)} && ${base}`, folder };
  }
  return {
    command: base,
    ...(ref?.type === 'url' && /^https?:\/\//.test(ref.target)
      ? { url: ref.target }
      : {}),
  };
}

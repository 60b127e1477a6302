import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { dnsLabel } from '@big-data-stack/backstage-plugin-data-stack-common';
import { localStacksDirectory } from '@big-data-stack/backstage-plugin-data-stack-node';

/** This machine's stacks folder, or the setting to turn it on. */
export function stacksFolder(config: Config): string {
  const directory = localStacksDirectory(config);
  if (!directory)
    throw new InputError(
      'publishing on this machine is off: set dataStack.publish.local.directory in app-config.yaml',
    );
  return directory;
}

/**
 * A stack's name as a folder or archive name: a DNS-1123 label, so never
 * a path (`..`, `/`) nor anything a shell or URL would read otherwise.
 */
export function requireStackName(name: string): string {
  if (!dnsLabel.safeParse(name).success)
    throw new InputError(
      `'${name}' is not a stack name: lowercase letters, digits and dashes, at most 63`,
    );
  return name;
}

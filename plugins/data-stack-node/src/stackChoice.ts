import { InputError } from '@backstage/errors';
import {
  DATA_STACK_API_VERSION,
  DataStackInput,
  StackChoice,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * The stack spec the action writes: a new one from the choice, or an
 * existing one (`base`, read from the stack's repository) with the chosen
 * components added and any other given field replaced. Validation is the
 * resolver's; this only refuses what it cannot build.
 */
export function stackSpecFromChoice(
  choice: StackChoice,
  base?: DataStackInput,
): DataStackInput {
  if (base && choice.name && base.metadata.name !== choice.name)
    throw new InputError(
      `the stack.yaml to extend describes '${base.metadata.name}', not '${choice.name}'; pick its repository`,
    );
  const name = choice.name ?? base?.metadata.name;
  if (!name) throw new InputError('name is required for a new stack');
  const spec = base?.spec;
  return {
    apiVersion: DATA_STACK_API_VERSION,
    kind: 'DataStack',
    metadata: {
      name,
      ...((choice.description ?? base?.metadata.description) && {
        description: choice.description ?? base?.metadata.description,
      }),
      ...((choice.owner ?? base?.metadata.owner) && {
        owner: choice.owner ?? base?.metadata.owner,
      }),
    },
    spec: {
      ...spec,
      profile: choice.profile ?? spec?.profile ?? 'dev',
      components: [
        ...new Set([...(spec?.components ?? []), ...choice.components]),
      ],
      ...((choice.targets ?? spec?.targets) && {
        targets: (choice.targets ??
          spec?.targets) as DataStackInput['spec']['targets'],
      }),
      ...(choice.namespace && {
        kubernetes: { ...spec?.kubernetes, namespace: choice.namespace },
      }),
      ...((choice.overrides ?? spec?.overrides) && {
        overrides: { ...spec?.overrides, ...choice.overrides },
      }),
    },
  };
}

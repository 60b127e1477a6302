import { InputError } from '@backstage/errors';
import { formatProblem } from '@big-data-stack/backstage-plugin-data-stack-common';
import { validateStack } from '@big-data-stack/backstage-plugin-data-stack-validate';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { examples } from './stackValidate.examples';
import { stackDir } from './workspace';

/**
 * `datastack:stack:validate`: the validators of `datastack validate` over
 * the rendered stack in the workspace, so a template publishes nothing its
 * own checks refuse (a descriptor from a platform team's library included).
 * By default the `load` checks: the files load and render in the tools
 * users run, which keeps a task with every component within seconds; the
 * linters of `full` checks belong in the stack repository's CI
 * (`datastack validate`). The users' tools (docker-compose, helmfile,
 * promtool) run when the backend has them on its PATH; the log says which
 * ran.
 */
export function createStackValidateAction() {
  return createTemplateAction({
    id: 'datastack:stack:validate',
    description:
      "Validates the rendered stack in the workspace as `datastack validate` does and fails the task on any problem. `load` checks (the default): Docker Compose's loader and the compose model, helmfile build, helm template of every release with the Kubernetes schemas and policies, promtool, the catalog entities. `full` checks add dclint, helm lint --strict, helm template with chart defaults, helmfile lint and template.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Directory in the workspace the stack lives in'),
        checks: z =>
          z
            .enum(['load', 'full'])
            .default('load')
            .describe(
              '`load`: the files load and render in the tools users run; `full`: the linters too, as `datastack validate` runs them',
            ),
      },
    },
    async handler(ctx) {
      const dir = stackDir(ctx);
      const checks = ctx.input.checks ?? 'load';
      ctx.logger.info(
        `validating the stack in ${
          ctx.input.targetPath ?? '.'
        } (${checks} checks)`,
      );
      const { problems, ran, missing } = await validateStack(dir, {
        tools: 'available',
        checks,
      });
      if (ran.length) ctx.logger.info(`ran ${ran.join(', ')}`);
      if (missing.length)
        ctx.logger.info(`not on this backend's PATH: ${missing.join(', ')}`);
      if (problems.length)
        throw new InputError(
          problems
            .map(p =>
              formatProblem({
                ...p,
                // Validators name files relative to the stack, or absolute.
                file:
                  p.file &&
                  path.relative(ctx.workspacePath, path.resolve(dir, p.file)),
              }),
            )
            .join('\n'),
        );
      ctx.logger.info('the stack is valid');
    },
  });
}

import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEFAULT_BRANCH,
  STACK_FILE,
  checkoutInto,
  stackRepositoryOf,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import { examples } from './stackFetch.examples';
import { stackDir } from './workspace';

/**
 * `datastack:stack:fetch`: the files of a stack's repository, found from
 * its System in the catalog, so "Add data stack components" needs no
 * repository typed in. Where the catalog read the System decides where the
 * repository is: this machine's stacks folder (its `main` as committed),
 * or a GitHub or GitLab integration (read through the URL reader).
 */
export function createStackFetchAction(options: {
  config: Config;
  catalog: CatalogService;
  urlReader: UrlReaderService;
}) {
  return createTemplateAction({
    id: 'datastack:stack:fetch',
    description:
      "Fetches a data stack's repository into the workspace, found from its System entity: this machine's stacks folder, GitHub or GitLab.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        stack: z =>
          z
            .string()
            .describe("The stack's System, e.g. system:default/analytics"),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Where in the workspace to put the files'),
      },
      output: {
        name: z => z.string().describe("The stack's name"),
        target: z =>
          z
            .enum(['local', 'github', 'gitlab'])
            .describe('Where the repository is, to choose the publish step'),
        repository: z =>
          z
            .string()
            .optional()
            .describe("A local repository's folder name in the stacks folder"),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe("A forge repository as the publish actions' repoUrl"),
        location: z => z.string().describe('The repository, as people read it'),
      },
    },
    async handler(ctx) {
      const entity = await options.catalog.getEntityByRef(ctx.input.stack, {
        credentials: await ctx.getInitiatorCredentials(),
      });
      if (!entity)
        throw new NotFoundError(`${ctx.input.stack} is not in the catalog`);
      if (
        entity.kind !== 'System' ||
        !entity.metadata.annotations?.['datastack.backstage.io/stack']
      )
        throw new InputError(`${ctx.input.stack} is not a data stack System`);
      const repository = stackRepositoryOf(entity, options.config);
      if ('problem' in repository) throw new InputError(repository.problem);
      const dir = stackDir(ctx);
      fs.mkdirSync(dir, { recursive: true });
      if (repository.type === 'local') {
        const files = await checkoutInto(repository.path, DEFAULT_BRANCH, dir);
        ctx.logger.info(
          `read ${files.length} files of ${repository.path} at ${DEFAULT_BRANCH}`,
        );
        ctx.output('repository', repository.name);
      } else {
        const tree = await options.urlReader.readTree(repository.url);
        await tree.dir({ targetDir: dir });
        ctx.logger.info(`read ${repository.url}`);
        ctx.output('repoUrl', repository.repoUrl);
      }
      if (!fs.existsSync(`${dir}/${STACK_FILE}`))
        throw new InputError(
          `${repository.location} has no ${STACK_FILE}; it was not created by Create data stack`,
        );
      ctx.output('name', entity.metadata.name);
      ctx.output('target', repository.type);
      ctx.output('location', repository.location);
    },
  });
}

import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LOCAL_STACKS_TOPIC,
  createLocalRepository,
  repositoryExists,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';
import { commitAuthor } from './commitAuthor';
import { examples } from './publishLocal.examples';
import { waitForEntity } from './waitForEntity';
import { insideWorkspace } from './workspace';
import { requireStackName, stacksFolder } from './localStacks';
import { systemRefIn } from './systemRef';

/**
 * `datastack:publish:local`: the stack repository as a git repository in
 * this machine's stacks folder (`dataStack.publish.local.directory`), one
 * commit on `main`, registered in the catalog: the catalog module of this
 * plugin set reads that folder (while git writes the commit), and the
 * action waits until the stack's System is in the catalog. Nothing to sign up for, so Create data
 * stack works on a fresh portal.
 */
export function createPublishLocalAction(options: {
  config: Config;
  catalog: CatalogService;
  events: EventsService;
  /** How long to wait for the catalog to read the new System. */
  registrationTimeoutMs?: number;
}) {
  return createTemplateAction({
    id: 'datastack:publish:local',
    description:
      "Publishes the workspace as a git repository in this machine's stacks folder (dataStack.publish.local.directory) and registers its catalog-info.yaml in the catalog.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              "The repository's folder name in the stacks folder: the stack's name",
            ),
        description: z =>
          z.string().optional().describe('The first commit says it'),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('The folder of the workspace to publish'),
      },
      output: {
        repositoryPath: z =>
          z.string().describe("The repository's folder on this machine"),
        remoteUrl: z => z.string().describe('file:// URL to clone it from'),
        commit: z => z.string().describe('The commit on main'),
        entityRef: z =>
          z.string().describe("The stack's System in the catalog"),
      },
    },
    async handler(ctx) {
      const directory = stacksFolder(options.config);
      const name = requireStackName(ctx.input.name);
      const sourceDir = insideWorkspace(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const entityRef = systemRefIn(sourceDir);
      const target = path.join(directory, name);
      if (repositoryExists(directory, name))
        throw new InputError(
          `a stack repository named '${name}' already exists at ${target}; choose another name`,
        );
      // Another stack of that name elsewhere would answer the wait below.
      if (
        await options.catalog.getEntityByRef(entityRef, {
          credentials: await ctx.getInitiatorCredentials(),
        })
      )
        throw new InputError(
          `the catalog already has ${entityRef}; choose another name`,
        );
      if (ctx.isDryRun) {
        ctx.logger.info(`would publish the stack to ${target}`);
        ctx.output('repositoryPath', target);
        ctx.output('remoteUrl', `file://${target}`);
        ctx.output('commit', '0'.repeat(40));
        ctx.output('entityRef', entityRef);
        return;
      }
      const announce = () =>
        options.events.publish({
          topic: LOCAL_STACKS_TOPIC,
          eventPayload: { name, path: target },
        });
      let announced = false;
      let created;
      try {
        created = await createLocalRepository({
          directory,
          name,
          sourceDir,
          message: ctx.input.description
            ? `Create the ${name} data stack\n\n${ctx.input.description}`
            : `Create the ${name} data stack`,
          author: commitAuthor(ctx),
          // The catalog reads catalog-info.yaml while git commits.
          whileCommitting: async () => {
            await announce();
            announced = true;
            ctx.logger.info(`waiting for the catalog to read ${entityRef}`);
            const read = await waitForEntity({
              catalog: options.catalog,
              entityRef,
              credentials: () => ctx.getInitiatorCredentials(),
              timeoutMs: options.registrationTimeoutMs ?? 60_000,
              signal: ctx.signal,
            });
            if (read) ctx.logger.info(`${entityRef} is in the catalog`);
            return read;
          },
        });
      } catch (error) {
        // The folder is gone: the catalog drops what it read of it.
        if (announced) await announce();
        throw error;
      }
      ctx.logger.info(
        `created the git repository ${
          created.path
        } (main at ${created.commit.slice(0, 7)})`,
      );
      ctx.output('repositoryPath', created.path);
      ctx.output('remoteUrl', `file://${created.path}`);
      ctx.output('commit', created.commit);
      if (!created.whileCommitting)
        throw new Error(
          `the repository is at ${created.path}, but the catalog has not read ${entityRef} yet; check that the backend has the data stack catalog module and see its log`,
        );
      ctx.output('entityRef', entityRef);
    },
  });
}

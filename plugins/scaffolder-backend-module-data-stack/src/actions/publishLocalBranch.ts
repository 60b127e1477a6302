import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DEFAULT_BRANCH,
  STACK_FILE,
  commitToNewBranch,
  diffStat,
  filePatch,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';
import { commitAuthor } from './commitAuthor';
import { examples } from './publishLocalBranch.examples';
import { insideWorkspace } from './workspace';
import { requireStackName, stacksFolder } from './localStacks';

/** Branch names git accepts, kept to the plain ones (git-check-ref-format). */
const BRANCH =
  /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/-]{1,200}$/;

/**
 * `datastack:publish:local:branch`: the local counterpart of
 * `publish:github:pull-request`. Commits the workspace as a new branch of a
 * stack repository in this machine's stacks folder, leaving `main` and the
 * working tree alone, and reports the change: the files, the stack.yaml
 * diff and how to merge it (the portal's change page or git).
 */
export function createPublishLocalBranchAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'datastack:publish:local:branch',
    description:
      "Commits the workspace as a new branch of a stack repository in this machine's stacks folder and outputs its diff against main.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repository: z =>
          z
            .string()
            .describe(
              "The repository's folder name in the stacks folder (datastack:stack:fetch's output)",
            ),
        branch: z => z.string().describe('The new branch'),
        title: z => z.string().describe('The commit message'),
        description: z =>
          z.string().optional().describe("The commit message's body"),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('The folder of the workspace to commit'),
      },
      output: {
        branch: z => z.string(),
        commit: z => z.string(),
        repositoryPath: z => z.string(),
        changes: z =>
          z
            .array(
              z.object({
                path: z.string(),
                change: z.enum(['added', 'modified', 'deleted']),
                added: z.number(),
                removed: z.number(),
              }),
            )
            .describe('Every file the branch changes, with line counts'),
        diff: z =>
          z
            .string()
            .describe(
              'The change in Markdown: the files and the stack.yaml diff',
            ),
        mergeCommand: z =>
          z.string().describe('The git command that merges the branch'),
      },
    },
    async handler(ctx) {
      const directory = stacksFolder(options.config);
      const repository = requireStackName(ctx.input.repository);
      const { branch } = ctx.input;
      if (!BRANCH.test(branch))
        throw new InputError(
          `'${branch}' is not a branch name: letters, digits, '.', '_', '-' and '/'`,
        );
      const repositoryPath = path.join(directory, repository);
      if (!fs.existsSync(path.join(repositoryPath, '.git')))
        throw new InputError(
          `${repositoryPath} is not a git repository of the stacks folder`,
        );
      const sourceDir = insideWorkspace(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const mergeCommand = `git -C ${repositoryPath} merge ${branch}`;
      ctx.output('branch', branch);
      ctx.output('repositoryPath', repositoryPath);
      ctx.output('mergeCommand', mergeCommand);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `would commit the change as ${branch} of ${repositoryPath}`,
        );
        ctx.output('commit', '0'.repeat(40));
        ctx.output('changes', []);
        ctx.output('diff', '');
        return;
      }
      const { commit } = await commitToNewBranch({
        repository: repositoryPath,
        sourceDir,
        branch,
        message: ctx.input.description
          ? `${ctx.input.title}\n\n${ctx.input.description}`
          : ctx.input.title,
        author: commitAuthor(ctx),
      });
      const changes = await diffStat(repositoryPath, DEFAULT_BRANCH, branch);
      for (const c of changes)
        ctx.logger.info(`${c.change} ${c.path} (+${c.added} -${c.removed})`);
      ctx.logger.info(
        `committed ${changes.length} changed files as ${branch} (${commit.slice(
          0,
          7,
        )}); merge with: ${mergeCommand}`,
      );
      const stackPatch = changes.some(c => c.path === STACK_FILE)
        ? await filePatch(repositoryPath, DEFAULT_BRANCH, branch, STACK_FILE)
        : '';
      // A fence longer than any run of backticks in the patch holds it whole.
      const fence = '`'.repeat(
        Math.max(3, ...(stackPatch.match(/`+/g) ?? []).map(r => r.length + 1)),
      );
      ctx.output('commit', commit);
      ctx.output('changes', changes);
      ctx.output(
        'diff',
        [
          `${changes.length} files change on \`${branch}\`:`,
          '',
          '| File | Change | Lines |',
          '| --- | --- | --- |',
          ...changes.map(
            c => `| \`${c.path}\` | ${c.change} | +${c.added} −${c.removed} |`,
          ),
          ...(stackPatch
            ? [
                '',
                `\`${STACK_FILE}\`:`,
                '',
                `${fence}diff`,
                stackPatch.trimEnd(),
                fence,
              ]
            : []),
        ].join('\n'),
      );
    },
  });
}

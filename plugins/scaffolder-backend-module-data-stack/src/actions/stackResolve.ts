import {
  STACK_TARGETS,
  StackPlan,
  formatMebibytes,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  LoadedLibrary,
  OutputTargets,
  STACK_FILE,
  builtInTargets,
  describePlan,
  planSummary,
  stringifyYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './stackResolve.examples';
import { stackSpecFromChoice } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  asInputError,
  insideWorkspace,
  readStackSpec,
  writeInWorkspace,
} from './workspace';

/**
 * `datastack:stack:resolve`: checks the choice against the component
 * library (companions added, settings validated, conflicts refused) and
 * writes the stack's `stack.yaml`, which the render actions read.
 */
export function createStackResolveAction(options: {
  library: () => Promise<LoadedLibrary>;
  /** The targets the render actions know; a stack naming another is refused. */
  targets?: OutputTargets;
}) {
  const known = options.targets ?? builtInTargets;
  return createTemplateAction({
    id: 'datastack:stack:resolve',
    description:
      'Resolves a data stack from the component library (required companions added, overrides validated, start-up ordered, resources summed) and writes its stack.yaml.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .optional()
            .describe(
              'Stack name: a DNS-1123 label, also the System entity and the default namespace',
            ),
        description: z =>
          z.string().optional().describe('One line about the stack'),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              'Owner entity reference, e.g. group:default/data-platform',
            ),
        components: z =>
          z.array(z.string()).describe('Component ids from the library'),
        profile: z =>
          z
            .string()
            .default('dev')
            .describe(
              'Size profile: dev, small, production or a library profile',
            ),
        targets: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              `Outputs: ${known
                .ids()
                .join(', ')} (default: ${STACK_TARGETS.join(', ')})`,
            ),
        namespace: z =>
          z
            .string()
            .optional()
            .describe('Kubernetes namespace (default: the name)'),
        overrides: z =>
          z
            .record(
              z.string(),
              z.record(
                z.string(),
                z.union([z.string(), z.number(), z.boolean()]),
              ),
            )
            .optional()
            .describe('Settings per component, e.g. { trino: { workers: 2 } }'),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Where in the workspace to write stack.yaml'),
        extends: z =>
          z
            .string()
            .optional()
            .describe(
              'An existing stack.yaml (relative to targetPath) to add the components to; its other settings are kept unless given',
            ),
      },
      output: {
        stackFile: z =>
          z.string().describe('stack.yaml, relative to the workspace'),
        components: z =>
          z
            .array(z.string())
            .describe('Every component of the plan, in start-up order'),
        added: z =>
          z
            .array(z.object({ id: z.string(), reason: z.string() }))
            .describe('Companions the resolver added, and why'),
        budget: z =>
          z
            .object({
              profile: z.string(),
              cpu: z.number(),
              memory: z.string(),
              disk: z.string(),
            })
            .describe('Resources the plan needs'),
        summary: z => z.string().describe('The plan in Markdown'),
        targets: z =>
          z
            .array(z.string())
            .describe('The outputs the stack asks for, to choose render steps'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const dir = insideWorkspace(
        ctx.workspacePath,
        input.targetPath ?? '.',
        'targetPath',
      );
      const base = input.extends
        ? readStackSpec(ctx, insideWorkspace(dir, input.extends, 'extends'))
        : undefined;
      const spec = stackSpecFromChoice(input, base);
      const library = await options.library();
      let plan: StackPlan;
      try {
        plan = resolveStack(spec, library);
        // A target is a name until a renderer knows it; say so here.
        known.ofPlan(plan);
      } catch (error) {
        asInputError(error, ctx);
      }
      describePlan(plan, line => ctx.logger.info(line));
      const [stackFile] = writeInWorkspace(ctx, dir, [
        {
          path: STACK_FILE,
          content: stringifyYaml(spec, {
            header: `The ${plan.stack.name} data stack. Change it, then render again: datastack render stack.yaml --out .`,
          }),
        },
      ]);
      const t = plan.budget.total;
      ctx.output('stackFile', stackFile);
      ctx.output(
        'components',
        plan.components.map(c => c.id),
      );
      ctx.output(
        'added',
        plan.components
          .filter(c => !c.selected)
          .map(c => ({ id: c.id, reason: c.addedBecause ?? '' })),
      );
      ctx.output('budget', {
        profile: plan.profile.id,
        cpu: t.cpu,
        memory: formatMebibytes(t.memoryMi),
        disk: formatMebibytes(t.diskMi),
      });
      ctx.output('summary', planSummary(plan));
      ctx.output('targets', plan.stack.targets);
    },
  });
}

import {
  LoadedLibrary,
  OutputTarget,
  RenderedFile,
  renderInput,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  TemplateExample,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import {
  asInputError,
  planInWorkspace,
  stackDir,
  writeInWorkspace,
} from './workspace';

/**
 * The render actions differ only in the target they write: each reads
 * `stack.yaml` from the workspace, resolves it with the component library
 * and writes that target's files with the shared renderers. Everything is
 * rendered before anything is written, so bad input writes nothing.
 */
export function createRenderAction(options: {
  id: string;
  description: string;
  target: OutputTarget;
  examples: TemplateExample[];
  library: () => Promise<LoadedLibrary>;
}) {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: {
        stackFile: z =>
          z
            .string()
            .default('stack.yaml')
            .describe('The stack spec, relative to targetPath'),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Directory in the workspace the stack lives in'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const dir = stackDir(ctx);
      const library = await options.library();
      const plan = planInWorkspace(
        ctx,
        library,
        dir,
        ctx.input.stackFile ?? 'stack.yaml',
      );
      let files: RenderedFile[];
      try {
        const { target } = options;
        files = target.render(renderInput(plan, library, [target]));
      } catch (error) {
        asInputError(error, ctx);
      }
      ctx.logger.info(
        `rendered the ${options.target.id} target: ${files.length} files`,
      );
      ctx.output('files', writeInWorkspace(ctx, dir, files));
    },
  });
}

/** The examples every render action shows: the stack at the root, or in a subdirectory. */
export function renderExamples(
  action: string,
  target: string,
): TemplateExample[] {
  const step = (input: Record<string, string>) =>
    yaml.stringify({
      steps: [
        {
          id: `render${target[0].toUpperCase()}${target.slice(1)}`,
          name: `Render the ${target} target`,
          action,
          input,
        },
      ],
    });
  return [
    {
      description: `Render the ${target} target of the stack.yaml at the workspace root`,
      example: step({}),
    },
    {
      description: `Render the ${target} target of a stack kept in a subdirectory`,
      example: step({ targetPath: 'analytics', stackFile: 'stack.yaml' }),
    },
  ];
}

/**
 * `datastack:<id>:render` for a target a backend module adds through
 * `dataStackOutputTargetsExtensionPoint`.
 */
export function createTargetRenderAction(options: {
  target: OutputTarget;
  library: () => Promise<LoadedLibrary>;
}) {
  const { target } = options;
  const id = `datastack:${target.id}:render`;
  return createRenderAction({
    id,
    description: `Renders the ${target.id} target of the stack in the workspace: ${target.description}.`,
    target,
    examples: renderExamples(id, target.id),
    library: options.library,
  });
}

/**
 * The `datastack` command: the same model and renderers as the scaffolder
 * actions, for CI and GitOps.
 *
 * @packageDocumentation
 */
import { Command, Option } from 'commander';
import { componentsCommand } from './commands/components';
import { checkCommand } from './commands/check';
import { manifestsCommand } from './commands/manifests';
import { renderCommand } from './commands/render';
import { resourcesCommand } from './commands/resources';
import { validateCommand } from './commands/validate';
import { run } from './run';

const collect = (value: string, previous: string[]) => [...previous, value];
const libraryOption = [
  '--library <dir>',
  'an extra component library layered over the built-in one (repeatable)',
  collect,
  [] as string[],
] as const;

const targetsOption = [
  '--targets-from <module>',
  'a package or file exporting outputTargets, for targets beyond compose, helm, helmfile and catalog (repeatable)',
  collect,
  [] as string[],
] as const;

export function createProgram(): Command {
  const program = new Command('datastack')
    .description(
      'Render, validate and size data stacks from stack.yaml and the component library.',
    )
    .showHelpAfterError()
    .exitOverride();
  program
    .command('components')
    .description('list the component library')
    .option('--json', 'print JSON')
    .option(...libraryOption)
    .action(opts => run(() => componentsCommand(opts)));
  program
    .command('render <stack.yaml>')
    .description(
      'write an instance repository: compose files, configs, the secrets template, Helm values, charts and helmfile.yaml',
    )
    .requiredOption('--out <dir>', 'where to write the stack')
    .option(...libraryOption)
    .option(...targetsOption)
    .action((file, opts) => run(() => renderCommand(file, opts)));
  program
    .command('validate <dir>')
    .description(
      'run every validator on a rendered directory, with docker-compose, helmfile and promtool when they are on the PATH',
    )
    .option(
      '--require-tools',
      'fail when docker-compose, helmfile or promtool is missing instead of skipping it',
    )
    .addOption(
      new Option(
        '--checks <depth>',
        'full: the linters too (dclint, helm lint --strict, helmfile lint); load: only that the files load and render, as the portal checks',
      )
        .choices(['full', 'load'])
        .default('full'),
    )
    .action((dir, opts) => run(() => validateCommand(dir, opts)));
  program
    .command('manifests <dir>')
    .description(
      'write plain Kubernetes manifests of a rendered stack to <dir>/k8s-manifests (helm template)',
    )
    .action(dir => run(() => manifestsCommand(dir)));
  program
    .command('check <dir>')
    .description('re-render from <dir>/stack.yaml and report drift')
    .option(...libraryOption)
    .option(...targetsOption)
    .action((dir, opts) => run(() => checkCommand(dir, opts)));
  program
    .command('resources <stack.yaml>')
    .description('CPU, memory and disk budget of the resolved plan')
    .option('--json', 'print JSON')
    .option(...libraryOption)
    .action((file, opts) => run(() => resourcesCommand(file, opts)));
  return program;
}

export async function main(argv: string[]) {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    // commander has printed its own message (unknown command, missing argument, --help).
    const code = (error as { exitCode?: number }).exitCode;
    process.exitCode = code ?? 2;
  }
}

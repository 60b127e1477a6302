import {
  DataStackError,
  formatProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  ValidationChecks,
  chartsIn,
  composeFilesIn,
  targetsIn,
  validateStack,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import { EXIT_INVALID } from '../run';
import { givenPath } from '../arguments';

/**
 * `datastack validate`: dclint and the include-model checks for compose;
 * helmfile structure, `helm lint --strict`, `helm template` and the
 * Kubernetes schemas and policies for the charts; the catalog model for
 * catalog-info.yaml; and the tools users run (Docker Compose's loader,
 * helmfile lint/template, promtool), saying which of them ran. `--checks
 * load` leaves the linters out, as the portal's validate step does.
 */
export async function validateCommand(
  dir: string,
  opts: { requireTools?: boolean; checks?: ValidationChecks } = {},
): Promise<number> {
  givenPath(dir, '<dir>');
  const targets = targetsIn(dir);
  const checks = opts.checks ?? 'full';
  if (targets.helm)
    process.stderr.write(
      `checking ${chartsIn(dir).length} charts with ${
        checks === 'full' ? 'helm lint and helm template' : 'helm template'
      }…\n`,
    );
  const { problems, ran, missing } = await validateStack(dir, {
    tools: opts.requireTools ? 'required' : 'available',
    checks,
  });
  // Bounded as every error list is: the first problems and a count.
  for (const p of new DataStackError(problems).problems)
    process.stderr.write(`error: ${formatProblem(p)}\n`);
  if (ran.length) process.stderr.write(`ran ${ran.join(', ')}\n`);
  if (missing.length && !opts.requireTools)
    process.stderr.write(
      `skipped ${missing.join(', ')}: not on the PATH (run 'make setup')\n`,
    );
  if (problems.length) return EXIT_INVALID;
  const valid = [
    targets.compose && `${composeFilesIn(dir).length} compose files`,
    targets.helm && `${chartsIn(dir).length} charts`,
    targets.catalog && 'catalog-info.yaml',
  ].filter(Boolean);
  process.stderr.write(`${valid.join(', ')} valid in ${dir}\n`);
  return 0;
}

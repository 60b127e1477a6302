import { budgetRows } from '@big-data-stack/backstage-plugin-data-stack-common';
import { planStackFile } from '@big-data-stack/backstage-plugin-data-stack-node';
import { loadLibrary } from '../library';
import { givenPath } from '../arguments';

/** `datastack resources`: the budget per component and in total. */
export function resourcesCommand(
  file: string,
  opts: { json?: boolean; library?: string[] },
) {
  givenPath(file, '<stack.yaml>');
  const plan = planStackFile(file, loadLibrary(opts));
  const { budget } = plan;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(budget, null, 2)}\n`);
    return;
  }
  const rows = [['component', 'cpu', 'memory', 'disk'], ...budgetRows(budget)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  process.stdout.write(`profile: ${budget.profile}\n`);
  for (const r of rows)
    process.stdout.write(
      `${r
        .map((cell, i) =>
          i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
        )
        .join('  ')}\n`,
    );
}

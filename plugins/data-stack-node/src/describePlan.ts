import {
  StackPlan,
  formatMebibytes,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * Progress lines: what was resolved, what was added and why, the budget.
 * The CLI prints them; the scaffolder actions log them.
 */
export function describePlan(plan: StackPlan, print: (line: string) => void) {
  const selected = plan.components.filter(c => c.selected).map(c => c.id);
  print(
    `stack ${plan.stack.name}: profile ${plan.profile.id}, ${
      selected.length
    } selected component(s): ${selected.join(', ')}`,
  );
  for (const c of plan.components.filter(x => !x.selected))
    print(`  added ${c.id}: ${c.addedBecause}`);
  const t = plan.budget.total;
  print(
    `  budget: ${t.cpu} CPU, ${formatMebibytes(
      t.memoryMi,
    )} memory, ${formatMebibytes(t.diskMi)} disk`,
  );
}

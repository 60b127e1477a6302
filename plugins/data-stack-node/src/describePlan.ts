import {
  StackPlan,
  formatTotals,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { markdownText } from './markdown';

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
  print(`  budget: ${formatTotals(t)}`);
}

/** The resolved plan as Markdown: a template's output text, the plan preview in the form. */
export function planSummary(plan: StackPlan): string {
  const t = plan.budget.total;
  const added = plan.components.filter(c => !c.selected);
  return [
    `**${plan.stack.name}**, ${plan.profile.id} profile: ${plan.components.length} components.`,
    '',
    ...(added.length
      ? [
          'Added for you:',
          ...added.map(c => markdownText(`- ${c.title}: ${c.addedBecause}`)),
          '',
        ]
      : []),
    `Resources: ${formatTotals(t)}.`,
  ].join('\n');
}

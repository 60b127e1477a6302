import { formatMebibytes, parseCpu, parseMebibytes } from '../model/quantity';
import type { PlannedComponent, ResourceBudget, ResourceTotals } from './plan';

/**
 * CPU, memory and disk of a plan: the limits of every long-running service
 * plus its persistent storage (`disk` covers all volumes of a service), one
 * container each as compose runs them. One-shot jobs exit before the stack is
 * up, so they do not count; nor do Kubernetes-only services.
 */
export function computeBudget(
  profile: string,
  components: PlannedComponent[],
): ResourceBudget {
  const total: ResourceTotals = { cpu: 0, memoryMi: 0, diskMi: 0 };
  const perComponent = components.map(c => {
    const sum: ResourceTotals = { cpu: 0, memoryMi: 0, diskMi: 0 };
    for (const s of c.services) {
      if (s.job || s.kubernetes.only) continue;
      sum.cpu += parseCpu(s.resources.cpu);
      sum.memoryMi += parseMebibytes(s.resources.memory);
      if (s.resources.disk && s.volumes.length)
        sum.diskMi += parseMebibytes(s.resources.disk);
    }
    sum.cpu = Math.round(sum.cpu * 1000) / 1000;
    total.cpu += sum.cpu;
    total.memoryMi += sum.memoryMi;
    total.diskMi += sum.diskMi;
    return { id: c.id, ...sum };
  });
  total.cpu = Math.round(total.cpu * 1000) / 1000;
  return { profile, total, components: perComponent };
}

/** Totals as people read them: `2.25 CPU, 2688Mi memory, 15Gi disk`. */
export function formatTotals(t: ResourceTotals): string {
  return `${t.cpu} CPU, ${formatMebibytes(
    t.memoryMi,
  )} memory, ${formatMebibytes(t.diskMi)} disk`;
}

/**
 * The budget as table rows, one per component and a last one for the total:
 * `[name, cpu, memory, disk]`, the CLI's table and the stack's docs alike.
 */
export function budgetRows(
  budget: ResourceBudget,
  totalLabel = 'total',
): string[][] {
  const row = (name: string, t: ResourceTotals) => [
    name,
    String(t.cpu),
    formatMebibytes(t.memoryMi),
    formatMebibytes(t.diskMi),
  ];
  return [
    ...budget.components.map(c => row(c.id, c)),
    row(totalLabel, budget.total),
  ];
}

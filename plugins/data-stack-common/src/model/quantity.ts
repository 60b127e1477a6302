/**
 * Resource quantities use the Kubernetes notation, so one value serves
 * Compose limits, Helm resources and the budget.
 */

/** Memory and disk: `512Mi`, `2Gi`, `1Ti`. */
export const MEMORY_PATTERN = /^(\d+(?:\.\d+)?)(Mi|Gi|Ti)$/;
/** CPU: cores (`1`, `0.5`) or millicores (`500m`). */
export const CPU_PATTERN = /^(\d+(?:\.\d+)?)(m?)$/;
/** JVM heap as the JVM spells it: `512m`, `2g`. */
export const HEAP_PATTERN = /^(\d+)([mg])$/;

const MEBI: Record<string, number> = { Mi: 1, Gi: 1024, Ti: 1024 * 1024 };

/** Parses `2Gi` into mebibytes. */
export function parseMebibytes(quantity: string): number {
  const match = MEMORY_PATTERN.exec(quantity);
  if (!match) {
    throw new Error(`'${quantity}' is not a memory quantity like 512Mi or 2Gi`);
  }
  return Number(match[1]) * MEBI[match[2]];
}

/** Parses `500m` or `2` into cores. */
export function parseCpu(quantity: string | number): number {
  const match = CPU_PATTERN.exec(String(quantity));
  if (!match) {
    throw new Error(`'${quantity}' is not a CPU quantity like 0.5 or 500m`);
  }
  return match[2] === 'm' ? Number(match[1]) / 1000 : Number(match[1]);
}

/** Formats mebibytes back as the largest whole unit: 2048 → `2Gi`. */
export function formatMebibytes(mebibytes: number): string {
  if (mebibytes >= 1024 && Number.isInteger(mebibytes / 1024)) {
    return `${mebibytes / 1024}Gi`;
  }
  return `${Math.ceil(mebibytes)}Mi`;
}

/** Formats cores as Kubernetes writes them: 0.5 → `500m`, 2 → `2`. */
export function formatCpu(cores: number): string {
  return Number.isInteger(cores)
    ? String(cores)
    : `${Math.round(cores * 1000)}m`;
}

/** Scales a memory quantity, keeping the notation. */
export function scaleMemory(quantity: string, factor: number): string {
  return formatMebibytes(Math.ceil(parseMebibytes(quantity) * factor));
}

/** Scales a CPU quantity. */
export function scaleCpu(quantity: string | number, factor: number): string {
  return formatCpu(Math.ceil(parseCpu(quantity) * factor * 1000) / 1000);
}

/** Parses a JVM size (`512m`, `2g`) into mebibytes. */
export function parseJvmMebibytes(size: string): number {
  const match = HEAP_PATTERN.exec(size);
  if (!match) {
    throw new Error(`'${size}' is not a JVM size like 512m or 2g`);
  }
  return Number(match[1]) * (match[2] === 'g' ? 1024 : 1);
}

/** Scales a JVM heap (`1g` × 2 → `2048m`). */
export function scaleHeap(heap: string, factor: number): string {
  return `${Math.ceil(parseJvmMebibytes(heap) * factor)}m`;
}

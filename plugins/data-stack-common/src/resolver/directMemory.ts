import type { ServiceResources } from '../model/descriptor';
import { parseJvmMebibytes, parseMebibytes } from '../model/quantity';

/** A service's resources with what the resolver derives from them. */
export interface PlannedResources extends ServiceResources {
  /**
   * `-XX:MaxDirectMemorySize` for services with processing buffers, as the
   * JVM spells it (`160m`).
   */
  directMemory?: string;
  processing?: NonNullable<ServiceResources['processing']> & {
    /** One buffer in bytes, for settings that take a plain number. */
    bufferBytes: number;
  };
}

/**
 * Direct memory for off-heap processing buffers: one per processing thread,
 * one per merge buffer and one more, which is what Druid checks at start
 * ("Not enough direct memory": sizeBytes × (numMergeBuffers + numThreads +
 * 1), DruidProcessingModule in apache/druid server/). Sizing both from the
 * same numbers keeps them from disagreeing.
 */
export function withDirectMemory(
  resources: ServiceResources,
): PlannedResources {
  const p = resources.processing;
  if (!p) return { ...resources, processing: undefined };
  const bufferMiB = parseMebibytes(p.buffer);
  return {
    ...resources,
    processing: { ...p, bufferBytes: bufferMiB * 1024 * 1024 },
    directMemory: `${Math.ceil(bufferMiB * (p.threads + p.mergeBuffers + 1))}m`,
  };
}

/**
 * Why heap plus direct memory do not fit the container's memory limit, or
 * undefined when they fit.
 */
export function jvmMemoryOverflow(r: PlannedResources): string | undefined {
  if (!r.heap || !r.directMemory) return undefined;
  const needed = parseJvmMebibytes(r.heap) + parseJvmMebibytes(r.directMemory);
  const limit = parseMebibytes(r.memory);
  return needed > limit
    ? `heap ${r.heap} plus direct memory ${r.directMemory} (processing buffers) exceed the memory limit ${r.memory}`
    : undefined;
}

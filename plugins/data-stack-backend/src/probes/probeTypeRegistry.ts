import {
  isBuiltInProbeType,
  probeTypeName,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type {
  DataStackProbeTypesExtensionPoint,
  ProbeType,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { builtInProbeTypes } from './builtInProbeTypes';

/**
 * The probe types the status service runs: the built-in `http`, `tcp`
 * and `sql`, and those backend modules add through
 * `dataStackProbeTypesExtensionPoint`. A type added twice is refused,
 * and so is one named as a built-in: descriptors' `http`, `tcp` and
 * `sql` probes are checked field by field by the descriptor schema and
 * rendered for Kubernetes by it, so their meaning is not a module's to
 * change.
 */
export class ProbeTypeRegistry {
  private readonly types = new Map<string, ProbeType<unknown>>();
  private closed = false;

  constructor() {
    for (const probeType of builtInProbeTypes)
      this.types.set(probeType.type, probeType);
  }

  /** Adds probe types; throws for a bad or taken name, or once closed. */
  add(...probeTypes: ProbeType<unknown>[]): void {
    if (this.closed)
      throw new Error(
        'probe types can only be added while the backend starts, from the init of a data-stack module',
      );
    for (const probeType of probeTypes) {
      const name: unknown = probeType?.type;
      if (typeof probeType?.probe !== 'function')
        throw new Error(
          `probe type '${String(name)}' has no probe function to run`,
        );
      if (isBuiltInProbeType(name))
        throw new Error(
          `probe type '${name}' is built in and cannot be replaced; give the module's probe type a name of its own`,
        );
      const checked = probeTypeName.safeParse(name);
      if (!checked.success)
        throw new Error(
          `probe type name '${String(name)}' ${
            checked.error.issues[0].message
          }`,
        );
      if (this.types.has(checked.data))
        throw new Error(
          `probe type '${checked.data}' is added twice: two modules of the data-stack plugin add a probe type of that name`,
        );
      this.types.set(checked.data, probeType);
    }
  }

  /** Refuses further types: the plugin's init has begun, the set is final. */
  close(): void {
    this.closed = true;
  }

  get(type: string): ProbeType<unknown> | undefined {
    return this.types.get(type);
  }

  /** The names of all types, built-in ones first. */
  names(): string[] {
    return [...this.types.keys()];
  }

  /** What the plugin registers for modules to add to. */
  extensionPoint(): DataStackProbeTypesExtensionPoint {
    return { addProbeTypes: (...probeTypes) => this.add(...probeTypes) };
  }
}

import {
  DataStackError,
  Problem,
  StackPlan,
  closest,
  dnsLabel,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { RenderedFile } from './files';
import type { RenderInput } from './renderInput';

/**
 * One kind of output a stack renders to: `stack.yaml` names it under
 * `spec.targets`, and it writes its files from the render input alone (the
 * plan, its config files and, when it asks, each component's plan with
 * chart defaults), never from the library or the disk.
 */
export interface OutputTarget {
  /** The name in `spec.targets`, a DNS label such as `argocd`. */
  id: string;
  /** One line: what the files are for. */
  description: string;
  /** Whether `render` reads `input.charts` (each component alone, with chart defaults). */
  readsChartDefaults?: boolean;
  render(input: RenderInput): RenderedFile[];
}

/**
 * The output targets a renderer knows: the built-in ones and those backend
 * modules or the CLI's `--targets-from` add. Immutable: `with` returns a
 * new set, so a module cannot change what another already holds.
 */
export class OutputTargets {
  private readonly byId: ReadonlyMap<string, OutputTarget>;

  constructor(targets: Iterable<OutputTarget>) {
    const byId = new Map<string, OutputTarget>();
    const problems: Problem[] = [];
    for (const target of targets) {
      // A module's export is only typed at compile time; say which one is
      // not a target rather than fail on its first render.
      if (typeof target?.render !== 'function')
        problems.push({
          path: String(target?.id ?? target),
          message: 'is not an output target: it has no render function',
        });
      else if (!dnsLabel.safeParse(target.id).success)
        problems.push({
          path: target.id,
          message: 'is not a target name (a DNS label such as argocd)',
        });
      else if (byId.has(target.id))
        problems.push({
          path: target.id,
          message: 'is added twice; each output target has its own name',
        });
      byId.set(target.id, target);
    }
    if (problems.length) throw new DataStackError(problems);
    this.byId = byId;
  }

  /** These targets and `more`. */
  with(...more: OutputTarget[]): OutputTargets {
    return new OutputTargets([...this.byId.values(), ...more]);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  list(): OutputTarget[] {
    return [...this.byId.values()];
  }

  /** Problems with the targets a stack names, at `spec.targets[i]`. */
  problemsOf(ids: readonly string[]): Problem[] {
    return ids.flatMap((id, i) => {
      if (this.byId.has(id)) return [];
      const hint = closest(id, this.byId.keys());
      return [
        {
          path: `spec.targets[${i}]`,
          message: `unknown target '${id}'${
            hint ? ` (did you mean '${hint}'?)` : ''
          }; targets are ${this.ids().join(', ')}`,
        },
      ];
    });
  }

  /** The targets `ids` names, or a DataStackError naming each unknown one. */
  get(ids: readonly string[]): OutputTarget[] {
    const problems = this.problemsOf(ids);
    if (problems.length) throw new DataStackError(problems);
    return ids.map(id => this.byId.get(id)!);
  }

  /** The targets a plan names. */
  ofPlan(plan: StackPlan): OutputTarget[] {
    return this.get(plan.stack.targets);
  }
}

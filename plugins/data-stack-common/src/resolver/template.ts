import { Problem } from '../model/problems';

/**
 * Fills `{{ dotted.path }}` placeholders in descriptor values from the plan.
 * A string that is exactly one placeholder takes the value's own type, so
 * `replicas: "{{ settings.workers }}"` stays a number. Lookups only: there
 * is no expression language, so a descriptor cannot compute or inject.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/;

export type TemplateContext = Record<string, unknown>;

/**
 * The value at a dotted path of an object: a placeholder's name in the
 * plan, or a health probe's field (`status.overall.level`) in a JSON body.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split('.')) {
    if (
      value === null ||
      typeof value !== 'object' ||
      !Object.hasOwn(value, key)
    ) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Returns a copy of `value` with every placeholder filled. Unknown names are
 * reported in `problems` at `where` (a file and the field inside it), and
 * left as they were.
 */
export function fillTemplate<T>(
  value: T,
  context: TemplateContext,
  where: { file?: string; path: string },
  problems: Problem[],
): T {
  const fill = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) {
        const found = valueAtPath(context, whole[1]);
        if (found === undefined) {
          problems.push({
            file: where.file,
            path,
            message: `unknown placeholder {{ ${whole[1]} }}`,
          });
          return node;
        }
        return found;
      }
      return node.replace(PLACEHOLDER, (match, name: string) => {
        const found = valueAtPath(context, name);
        if (
          found === undefined ||
          (typeof found === 'object' && found !== null)
        ) {
          problems.push({
            file: where.file,
            path,
            message: `unknown placeholder {{ ${name} }}${
              found ? ' (not a single value)' : ''
            }`,
          });
          return match;
        }
        return String(found);
      });
    }
    if (Array.isArray(node)) {
      return node.map((item, i) => fill(item, `${path}[${i}]`));
    }
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [
          key,
          fill(item, `${path}.${key}`),
        ]),
      );
    }
    return node;
  };
  return fill(value, where.path) as T;
}

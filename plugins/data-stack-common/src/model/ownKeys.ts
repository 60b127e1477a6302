import { formatPath, Problem } from './problems';

/** Deeper than any stack.yaml or descriptor; deeper input is refused, not walked. */
const MAX_DEPTH = 64;

/**
 * Problems for keys that would not survive as data: `__proto__` (JSON and
 * YAML make it an own key; copying the object makes it the prototype, and
 * the schemas drop it silently) and nesting deeper than any valid document.
 * Everything else is read as own properties only (Object.hasOwn), so a key
 * such as `constructor` is just an unknown name.
 */
export function unsafeKeyProblems(value: unknown, file?: string): Problem[] {
  const problems: Problem[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (node === null || typeof node !== 'object') return;
    if (path.length > MAX_DEPTH) {
      problems.push({
        file,
        path: formatPath(path.slice(0, 8)),
        message: `is nested more than ${MAX_DEPTH} levels deep`,
      });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === '__proto__')
        problems.push({
          file,
          path: formatPath([...path, key]),
          message: "is not an allowed key ('__proto__')",
        });
      else walk((node as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(value, []);
  return problems;
}

/** `record[key]` when it is the record's own entry: never Object.prototype's `constructor` or `valueOf`. */
export function ownValue<T>(
  record: Readonly<Record<string, T>>,
  key: string,
): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

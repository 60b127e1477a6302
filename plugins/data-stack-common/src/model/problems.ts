import type { z } from 'zod';

/** One thing wrong with the input, pointing at the file and field to fix. */
export interface Problem {
  /** The file the problem is in, e.g. `stack.yaml`, `services/trino/component.yaml`. */
  file?: string;
  /** The field inside it, e.g. `spec.components[2]`; empty for the whole file. */
  path: string;
  message: string;
}

/** Thrown for bad input; carries every problem found, not just the first. */
export class DataStackError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DataStackError';
    this.problems = problems;
  }
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.path].filter(Boolean).join(': ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** Names the file of problems that do not name one yet. */
export function inFile(problems: Problem[], file: string): Problem[] {
  return problems.map(p => (p.file ? p : { ...p, file }));
}

/** Renders a zod path as the dotted path a user sees in YAML. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Turns zod issues into problems, one line each. */
export function problemsFromZod(error: z.ZodError, file?: string): Problem[] {
  return error.issues.map(issue => ({
    file,
    path: formatPath(issue.path),
    message: issue.message,
  }));
}

/** Parses with a schema or throws every issue as a problem in `file`. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file?: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DataStackError(problemsFromZod(result.error, file));
  }
  return result.data;
}

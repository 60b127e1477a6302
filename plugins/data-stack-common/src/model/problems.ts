import type { z } from 'zod';

/** One thing wrong with the input, pointing at the field to fix. */
export interface Problem {
  /** Where: `spec.components[2]`, `services/trino/component.yaml: spec.ports`. */
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
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** Renders a zod path as the dotted path a user sees in YAML. */
export function formatPath(
  path: ReadonlyArray<PropertyKey>,
  prefix = '',
): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      out += out && !out.endsWith(' ') ? `.${String(key)}` : String(key);
    }
  }
  return out;
}

/** Turns zod issues into problems, one line each. */
export function problemsFromZod(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map(issue => ({
    path: formatPath(issue.path, prefix),
    message: issue.message,
  }));
}

/** Parses with a schema or throws every issue as a problem. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DataStackError(problemsFromZod(result.error, prefix));
  }
  return result.data;
}

import type { z } from 'zod';
import { unsafeKeyProblems } from './ownKeys';
import { UNSAFE_CHARACTERS } from './text';

/** One thing wrong with the input, pointing at the file and field to fix. */
export interface Problem {
  /** The file the problem is in, e.g. `stack.yaml`, `services/trino/component.yaml`. */
  file?: string;
  /** The field inside it, e.g. `spec.components[2]`; empty for the whole file. */
  path: string;
  message: string;
}

/** Problems one error carries; the rest are counted in a last line. */
export const MAX_PROBLEMS = 50;
/** Characters of a problem's path or message; input quoted in a message is cut. */
const MAX_PROBLEM_TEXT = 300;

/**
 * Problem text is printed one line per problem: a control or line-breaking
 * character quoted from the input is shown escaped, never as itself.
 */
const printable = (text: string) =>
  text.replace(
    UNSAFE_CHARACTERS,
    ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

// The slack keeps a cut text as it is when a problem is wrapped again.
const cut = (text: string) => {
  const shown = printable(text);
  return shown.length > MAX_PROBLEM_TEXT + 40
    ? `${shown.slice(0, MAX_PROBLEM_TEXT)}… (${shown.length} characters)`
    : shown;
};

const bound = (p: Problem): Problem => ({
  ...p,
  ...(p.file !== undefined && { file: cut(p.file) }),
  path: cut(p.path),
  message: cut(p.message),
});

/**
 * A bounded list: at most MAX_PROBLEMS problems of bounded length, so a
 * huge or hostile input gets a short answer (a 40 KB /plan body must not
 * come back as half a megabyte of errors). One more problem fits in the
 * place of the summary line, which keeps a bounded list as it is.
 */
function boundedProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS + 1) return problems.map(bound);
  return [
    ...problems.slice(0, MAX_PROBLEMS).map(bound),
    {
      path: '',
      message: `and ${problems.length - MAX_PROBLEMS} more problems`,
    },
  ];
}

/** Thrown for bad input; carries every problem found (up to MAX_PROBLEMS), not just the first. */
export class DataStackError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const bounded = boundedProblems(problems);
    super(bounded.map(formatProblem).join('\n'));
    this.name = 'DataStackError';
    this.problems = bounded;
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
  const unsafe = unsafeKeyProblems(value, file);
  if (unsafe.length) throw new DataStackError(unsafe);
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DataStackError(problemsFromZod(result.error, file));
  }
  return result.data;
}

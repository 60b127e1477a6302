import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import { DCLinter } from 'dclint';
import path from 'node:path';

/**
 * Runs dclint (the compose-spec schema plus its best-practice rules, all on
 * at their default levels) over compose files. Warnings count: rendered
 * files are meant to lint clean.
 */
export function lintComposeFiles(root: string, files: string[]): Problem[] {
  const linter = new DCLinter({
    rules: {},
    quiet: false,
    debug: false,
    exclude: [],
  });
  const results = linter.lintFiles(
    files.map(f => path.join(root, f)),
    false,
  );
  return results.flatMap(result =>
    result.messages.map(m => ({
      file: path.relative(root, result.filePath),
      path: `line ${m.line}`,
      message: `dclint ${m.rule}: ${m.message}`,
    })),
  );
}

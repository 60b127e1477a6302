import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  CHARTS_DIR,
  HELMFILE,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { inScratchDir, runTool, toolBinary, toolMessage } from './stackTools';
import type { ValidationChecks } from './validateHelm';

/** What helmfile needs of a stack: its file, the values and the vendored charts. */
const HELMFILE_INPUTS = [HELMFILE, 'values', CHARTS_DIR];

/**
 * The real helmfile over a stack's helmfile.yaml. `load` checks: `helmfile
 * build`, which loads the file as `helmfile apply` does, with no helm run
 * (the charts are rendered by `validateHelmDir`). `full` checks: `helmfile
 * template` and `helmfile lint`, driving the same helm the other
 * validators use, on a copy, since helmfile builds the charts' `file://`
 * dependencies in place.
 */
export async function runHelmfile(
  root: string,
  checks: ValidationChecks = 'full',
): Promise<Problem[]> {
  const file = HELMFILE;
  if (checks === 'load') {
    const build = await runTool(
      'helmfile',
      ['--file', HELMFILE, '--helm-binary', toolBinary('helm'), 'build'],
      { cwd: root, env: { HELM_NO_PLUGINS: '1' } },
    );
    return build.ok
      ? []
      : [{ file, path: 'helmfile build', message: toolMessage(build) }];
  }
  return inScratchDir(async scratch => {
    for (const input of HELMFILE_INPUTS) {
      const source = path.join(root, input);
      if (fs.existsSync(source))
        fs.cpSync(source, path.join(scratch, input), {
          recursive: true,
          // Left-overs of a local `helm dependency build` are rebuilt.
          filter: f =>
            !/[\\/]helm-charts[\\/][^\\/]+[\\/](charts|Chart\.lock)$/.test(f),
        });
    }
    const base = ['--file', HELMFILE, '--helm-binary', toolBinary('helm')];
    // Helm's caches and config stay in the scratch folder, not the user's home.
    const env = {
      HELM_CACHE_HOME: path.join(scratch, '.helm/cache'),
      HELM_CONFIG_HOME: path.join(scratch, '.helm/config'),
      HELM_DATA_HOME: path.join(scratch, '.helm/data'),
      HELM_NO_PLUGINS: '1',
    };
    const problems: Problem[] = [];
    // template builds the charts' dependencies; lint then reuses them
    // rather than building all of them again (half its time on a full stack).
    const template = await runTool(
      'helmfile',
      [...base, 'template', '--skip-deps=false'],
      { cwd: scratch, env },
    );
    if (!template.ok)
      problems.push({
        file,
        path: 'helmfile template',
        message: toolMessage(template),
      });
    const lint = await runTool(
      'helmfile',
      [...base, 'lint', ...(template.ok ? ['--skip-deps'] : [])],
      { cwd: scratch, env },
    );
    if (!lint.ok)
      problems.push({
        file,
        path: 'helmfile lint',
        message: toolMessage(lint),
      });
    return problems;
  });
}

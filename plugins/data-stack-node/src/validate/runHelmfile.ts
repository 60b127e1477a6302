import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CHARTS_DIR } from '../render/helm/chart';
import { HELMFILE } from '../render/helm/helmfile';
import { inScratchDir, runTool, toolBinary, toolMessage } from './stackTools';

/** What helmfile needs of a stack: its file, the values and the vendored charts. */
const HELMFILE_INPUTS = [HELMFILE, 'values', CHARTS_DIR];

export interface HelmfileRun {
  problems: Problem[];
  /** The objects `helmfile template` rendered, when it succeeded. */
  objects: Record<string, any>[];
}

/**
 * The real `helmfile lint` and `helmfile template` of a stack's
 * helmfile.yaml, driving the same helm the other validators use. They run
 * on a copy: helmfile builds the charts' `file://` dependencies in place.
 */
export async function runHelmfile(root: string): Promise<HelmfileRun> {
  const file = HELMFILE;
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
    if (!template.ok) return { problems, objects: [] };
    const objects = YAML.parseAllDocuments(template.stdout)
      .map(d => d.toJS())
      .filter(o => o !== null && typeof o === 'object');
    return { problems, objects };
  });
}

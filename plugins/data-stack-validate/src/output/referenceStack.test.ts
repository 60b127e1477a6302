import fs from 'node:fs';
import path from 'node:path';
import { diffStackFiles } from '@big-data-stack/backstage-plugin-data-stack-node';
import { repositoryRoot } from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { MANIFESTS_DIR, renderManifests } from '../helm/renderManifests';
import { validateStack } from '../validate/validateStack';

// This repository is the reference stack: k8s-manifests/ is `datastack
// manifests .` of its charts and values, which are `datastack render
// stack.yaml --out .` output. That those match the renderer is checked by
// data-stack-node's src/referenceStack.test.ts.
const repoRoot = repositoryRoot();

describe('the reference stack in this repository', () => {
  it('has k8s-manifests/ as helm template renders the charts (run `yarn datastack manifests .` to fix)', async () => {
    const files = await renderManifests(repoRoot);
    const drift = diffStackFiles(repoRoot, files);
    const onDisk = fs.readdirSync(path.join(repoRoot, MANIFESTS_DIR));
    expect({
      changed: drift.changed,
      missing: drift.missing,
      stale: onDisk.filter(
        f => !files.some(r => r.path === `${MANIFESTS_DIR}/${f}`),
      ),
    }).toEqual({ changed: [], missing: [], stale: [] });
    // No generated Secret reaches git; the README says how to create them.
    expect(files.some(f => /^kind: Secret$/m.test(f.content))).toBe(false);
  }, 120_000);

  it('passes every validator, and loads in docker compose, helmfile and promtool', async () => {
    const { problems, ran } = await validateStack(repoRoot, {
      tools: 'required',
    });
    expect(problems).toEqual([]);
    expect(ran.sort()).toEqual(['docker-compose', 'helmfile', 'promtool']);
  }, 180_000);
});

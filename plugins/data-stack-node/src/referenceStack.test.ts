import fs from 'node:fs';
import path from 'node:path';
import { defaultLibraryDir, loadComponentLibrary } from './library/loadLibrary';
import { renderStack } from './render/renderStack';
import { STACK_FILE, planStackFile } from './stackFile';
import { validateStack } from './validate/validateStack';
import { diffStackFiles } from './write/writeStack';
import { MANIFESTS_DIR, renderManifests } from './helm/renderManifests';

// This repository is the reference stack: its compose files, configs,
// .env.example, values, charts and helmfile.yaml are `datastack render
// stack.yaml --out .` output, and k8s-manifests/ is `datastack manifests .`.
const repoRoot = path.resolve(defaultLibraryDir(), '..');

describe('the reference stack in this repository', () => {
  const library = loadComponentLibrary([defaultLibraryDir()]);
  const plan = planStackFile(path.join(repoRoot, STACK_FILE), library);

  it('selects every component of the library that is not a companion', () => {
    const offered = [...library.components.values()]
      .filter(d => !d.metadata.companion)
      .map(d => d.metadata.id);
    expect(
      plan.components
        .filter(c => c.selected)
        .map(c => c.id)
        .sort(),
    ).toEqual(offered.sort());
  });

  it('matches what the renderer produces (run `yarn datastack render stack.yaml --out .` to fix)', () => {
    expect(diffStackFiles(repoRoot, renderStack(plan, library))).toEqual({
      changed: [],
      missing: [],
      stale: [],
    });
    expect(fs.readFileSync(path.join(repoRoot, '.gitignore'), 'utf8')).toMatch(
      /^\.env$/m,
    );
  });

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

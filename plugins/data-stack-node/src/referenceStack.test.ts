import fs from 'node:fs';
import path from 'node:path';
import { defaultLibraryDir, loadComponentLibrary } from './library/loadLibrary';
import { renderStack } from './render/renderStack';
import { repositoryRoot } from './testing/stackFixtures';
import { STACK_FILE, planStackFile } from './stackFile';
import { diffStackFiles } from './write/writeStack';

// This repository is the reference stack: its compose files, configs,
// .env.example, values, charts and helmfile.yaml are `datastack render
// stack.yaml --out .` output, and k8s-manifests/ is `datastack manifests .`.
// That k8s-manifests/ is what helm renders, and that the stack passes every
// validator, is checked by data-stack-validate's
// src/output/referenceStack.test.ts.
const repoRoot = repositoryRoot();

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
});

import fs from 'node:fs';
import path from 'node:path';
import { defaultLibraryDir, loadComponentLibrary } from './library/loadLibrary';
import { renderStack } from './render/renderStack';
import { STACK_FILE, planStackFile } from './stackFile';
import { validateStackDir } from './validate/validateStack';
import { diffStackFiles } from './write/writeStack';

// This repository is the reference stack: its compose files, configs and
// .env.example are `datastack render stack.yaml --out .` output.
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

  it('passes every validator, helm lint and helm template included', async () => {
    expect(await validateStackDir(repoRoot)).toEqual([]);
  }, 120_000);
});

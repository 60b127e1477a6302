import path from 'node:path';
import { defaultLibraryDir, loadComponentLibrary } from './library/loadLibrary';
import { renderStack } from './render/renderStack';
import { repositoryRoot } from './testing/stackFixtures';
import { STACK_FILE, planStackFile } from './stackFile';
import { diffStackFiles } from './write/writeStack';

// examples/demo-stack is what `make start` puts in the catalog: a stack
// rendered by `datastack render`, Compose and catalog targets. That it passes
// every validator is checked by data-stack-validate's
// src/output/demoStack.test.ts.
const demoDir = path.join(repositoryRoot(), 'examples', 'demo-stack');

describe('the demo stack in examples/demo-stack', () => {
  const library = loadComponentLibrary([defaultLibraryDir()]);
  const plan = planStackFile(path.join(demoDir, STACK_FILE), library);

  it('matches what the renderer produces (run `yarn datastack render examples/demo-stack/stack.yaml --out examples/demo-stack` to fix)', () => {
    expect(diffStackFiles(demoDir, renderStack(plan, library))).toEqual({
      changed: [],
      missing: [],
      stale: [],
    });
  });
});

import path from 'node:path';
import { defaultLibraryDir, loadComponentLibrary } from './library/loadLibrary';
import { renderStack } from './render/renderStack';
import { STACK_FILE, planStackFile } from './stackFile';
import { validateStack } from './validate/validateStack';
import { diffStackFiles } from './write/writeStack';

// examples/demo-stack is what `make start` puts in the catalog: a stack
// rendered by `datastack render`, Compose and catalog targets.
const demoDir = path.resolve(
  defaultLibraryDir(),
  '..',
  'examples',
  'demo-stack',
);

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

  it('passes every validator, and loads in docker compose and promtool', async () => {
    const { problems, ran } = await validateStack(demoDir, {
      tools: 'required',
    });
    expect(problems).toEqual([]);
    expect(ran.sort()).toEqual(['docker-compose', 'promtool']);
  }, 120_000);
});

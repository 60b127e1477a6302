import path from 'node:path';
import { repositoryRoot } from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { validateStack } from '../validate/validateStack';

// examples/demo-stack is what `make start` puts in the catalog: a stack
// rendered by `datastack render`, Compose and catalog targets. That it
// matches the renderer is checked by data-stack-node's
// src/demoStack.test.ts.
const demoDir = path.join(repositoryRoot(), 'examples', 'demo-stack');

describe('the demo stack in examples/demo-stack', () => {
  it('passes every validator, and loads in docker compose and promtool', async () => {
    const { problems, ran } = await validateStack(demoDir, {
      tools: 'required',
    });
    expect(problems).toEqual([]);
    expect(ran.sort()).toEqual(['docker-compose', 'promtool']);
  }, 120_000);
});

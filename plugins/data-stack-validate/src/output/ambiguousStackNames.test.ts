import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  renderStack,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  shippedLibrary,
  stackSpec,
  withTemporaryDirAsync,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { validateStack } from '../validate/validateStack';

const library = shippedLibrary();

// That every YAML reader sees the same data in a stack with such a name:
// data-stack-node's src/render/yamlReaders.test.ts.
describe('a stack named as YAML 1.1 would read a boolean, date or number', () => {
  // Helm reads values as YAML 1.1: `yes` must stay the string the values schema wants.
  it.each(['yes', '2001-12-14', '1e3'])(
    'a stack named %s passes helm, helmfile and docker-compose',
    name =>
      withTemporaryDirAsync(async dir => {
        const spec = stackSpec(['postgresql']);
        const plan = resolveStack(
          { ...spec, metadata: { ...spec.metadata, name } },
          library,
        );
        writeStackFiles(dir, renderStack(plan, library));
        const { problems, ran } = await validateStack(dir, {
          tools: 'required',
        });
        expect(problems).toEqual([]);
        expect(ran).toEqual(
          expect.arrayContaining(['docker-compose', 'helmfile']),
        );
      }),
    120_000,
  );
});

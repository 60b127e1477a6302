import fs from 'node:fs';
import path from 'node:path';
import { defaultLibraryDir } from './loadLibrary';

describe('defaultLibraryDir', () => {
  it("is the repository's services/ when running from the sources", () => {
    // A packed package has library/ instead (scripts/pack.cjs); `make
    // packages` checks that an installed one reads it.
    const packageDir = path.dirname(
      require.resolve(
        '@big-data-stack/backstage-plugin-data-stack-node/package.json',
      ),
    );
    expect(fs.realpathSync(defaultLibraryDir())).toBe(
      fs.realpathSync(path.resolve(packageDir, '../../services')),
    );
    expect(
      fs.existsSync(path.join(defaultLibraryDir(), 'trino/component.yaml')),
    ).toBe(true);
  });
});

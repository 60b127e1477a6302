import { libraryFromConfig } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  validateComposeDir,
  validateHelmDir,
  checkCatalogFile,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { testLibrary, workspaceContext } from '../__testUtils__/workspace';

import { createCatalogRenderAction } from './catalogRender';
import { createComposeRenderAction } from './composeRender';
import { createHelmRenderAction } from './helmRender';
import { createHelmfileRenderAction } from './helmfileRender';
import { createStackResolveAction } from './stackResolve';

const library = testLibrary();
const actions = {
  compose: createComposeRenderAction({ library }),
  helm: createHelmRenderAction({ library }),
  helmfile: createHelmfileRenderAction({ library }),
  catalog: createCatalogRenderAction({ library }),
};

/** A workspace with a resolved stack.yaml in `dir`. */
async function resolvedWorkspace(
  dir = '.',
  components = ['trino', 'postgresql'],
) {
  const { workspacePath: workspace, ctx } = workspaceContext({
    name: 'analytics',
    owner: 'group:default/data-platform',
    components,
    targetPath: dir,
  });
  await createStackResolveAction({ library }).handler(ctx as any);
  return workspace;
}

/** What each target must write, and the validator `datastack validate` runs on it. */
const checks: Record<
  string,
  { file: string; validate: (dir: string) => Promise<unknown[]> }
> = {
  compose: {
    file: 'docker-compose.yml',
    validate: async dir => validateComposeDir(dir),
  },
  helm: { file: 'helm-charts/trino/Chart.yaml', validate: validateHelmDir },
  // helmfile.yaml names the charts the helm action vendors.
  helmfile: {
    file: 'helmfile.yaml',
    validate: async dir => {
      const { ctx } = workspaceContext({}, dir);
      await actions.helm.handler(ctx as any);
      return validateHelmDir(dir);
    },
  },
  catalog: { file: 'catalog-info.yaml', validate: checkCatalogFile },
};

describe('the render actions', () => {
  it.each(Object.entries(actions))(
    '%s: writes its target into the workspace, valid for the same validators as datastack validate',
    async (target, action) => {
      const workspace = await resolvedWorkspace();
      const { ctx } = workspaceContext(
        {
          stackFile: 'stack.yaml',
          targetPath: '.',
        },
        workspace,
      );
      await action.handler(ctx as any);
      const files: string[] = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'files',
      )[1];
      expect(files.length).toBeGreaterThan(0);
      for (const f of files)
        expect(fs.existsSync(path.join(workspace, f))).toBe(true);
      expect(files).toContain(checks[target].file);
      expect(await checks[target].validate(workspace)).toEqual([]);
      expect(ctx.logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^stack analytics: profile dev, 2 selected component/,
        ),
      );
    },
    60_000,
  );

  it.each(Object.entries(actions))(
    '%s: runs its examples',
    async (_, action) => {
      for (const example of action.examples ?? []) {
        const { input } = yaml.parse(example.example).steps[0];
        const workspace = await resolvedWorkspace(input.targetPath ?? '.');
        const { ctx } = workspaceContext(input, workspace);
        await action.handler(ctx as any);
        expect(ctx.output).toHaveBeenCalledWith('files', expect.any(Array));
      }
    },
    60_000,
  );

  it.each([
    [
      'a targetPath leaving the workspace',
      { targetPath: '/etc' },
      "targetPath '/etc' is outside the workspace",
    ],
    [
      'a stackFile leaving the workspace',
      { stackFile: '../../stack.yaml' },
      "stackFile '../../stack.yaml' is outside the workspace",
    ],
    [
      'a missing stack.yaml',
      { stackFile: 'nope.yaml' },
      'nope.yaml: does not exist',
    ],
  ])(
    'refuses %s with an InputError and writes nothing',
    async (_, bad, message) => {
      const workspace = await resolvedWorkspace();
      const { ctx } = workspaceContext(
        {
          stackFile: 'stack.yaml',
          targetPath: '.',
          ...bad,
        },
        workspace,
      );
      await expect(actions.compose.handler(ctx as any)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(fs.readdirSync(workspace).sort()).toEqual([
        '.gitignore',
        'stack.yaml',
      ]);
    },
  );

  it('refuses a stack.yaml with an override of the wrong type, naming the file', async () => {
    const workspace = await resolvedWorkspace();
    const file = path.join(workspace, 'stack.yaml');
    const spec = yaml.parse(fs.readFileSync(file, 'utf8'));
    spec.spec.overrides = { trino: { workers: 'many' } };
    fs.writeFileSync(file, yaml.stringify(spec));
    const { ctx } = workspaceContext(
      {
        stackFile: 'stack.yaml',
        targetPath: '.',
      },
      workspace,
    );
    await expect(actions.helm.handler(ctx as any)).rejects.toThrow(
      'stack.yaml: spec.overrides.trino.workers: must be an integer, got "many"',
    );
    expect(fs.readdirSync(workspace).sort()).toEqual([
      '.gitignore',
      'stack.yaml',
    ]);
  });

  const team = path.resolve(__dirname, '../../../../examples/team-library');
  const libraryUrl =
    'https://github.com/acme/data-components/tree/main/library';
  // The URL reader stands in for GitHub: it serves the team's library tree.
  const urlReader = mockServices.urlReader.mock({
    readTree: async url => {
      expect(url).toBe(libraryUrl);
      return {
        etag: 'test',
        files: async () => [],
        archive: async () => {
          throw new Error('not needed');
        },
        dir: async (options?: { targetDir?: string }) => {
          fs.cpSync(team, options!.targetDir!, { recursive: true });
          return options!.targetDir!;
        },
      };
    },
  });

  it.each([
    ['a directory', () => testLibrary([team])],
    [
      'a URL read through the URL reader',
      () =>
        libraryFromConfig(
          new ConfigReader({ dataStack: { library: { urls: [libraryUrl] } } }),
          urlReader,
        ),
    ],
  ])(
    'renders a platform team component from %s, with no code',
    async (_, teamLibraryOf) => {
      const teamLibrary = teamLibraryOf();
      const { workspacePath: workspace, ctx } = workspaceContext({
        name: 'timeseries',
        owner: 'group:default/data-platform',
        components: ['questdb', 'trino'],
        targetPath: '.',
      });
      await createStackResolveAction({ library: teamLibrary }).handler(
        ctx as any,
      );
      for (const create of [
        createComposeRenderAction,
        createCatalogRenderAction,
      ]) {
        const render = workspaceContext(
          {
            stackFile: 'stack.yaml',
            targetPath: '.',
          },
          workspace,
        );
        await create({ library: teamLibrary }).handler(render.ctx as any);
      }
      expect(
        fs.readFileSync(
          path.join(workspace, 'configs/trino/catalog/questdb.properties'),
          'utf8',
        ),
      ).toContain('connection-url=jdbc:postgresql://questdb:8812/qdb');
      expect(
        fs.readFileSync(path.join(workspace, 'catalog-info.yaml'), 'utf8'),
      ).toContain('name: timeseries-questdb');
      expect(validateComposeDir(workspace)).toEqual([]);
    },
  );
});

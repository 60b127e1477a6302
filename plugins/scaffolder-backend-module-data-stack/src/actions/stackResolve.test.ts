import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { builtInTargets } from '@big-data-stack/backstage-plugin-data-stack-node';
import { testLibrary, workspaceContext } from '../__testUtils__/workspace';
import { createStackResolveAction } from './stackResolve';
import { examples } from './stackResolve.examples';

const action = createStackResolveAction({ library: testLibrary() });

describe('datastack:stack:resolve', () => {
  it('writes stack.yaml and reports what was added and the budget', async () => {
    const { workspacePath: workspace, ctx } = workspaceContext({
      name: 'analytics',
      owner: 'group:default/data-platform',
      components: ['trino', 'delta-lake'],
      profile: 'dev',
      targetPath: '.',
    });
    await action.handler(ctx as any);
    const spec = yaml.parse(
      fs.readFileSync(path.join(workspace, 'stack.yaml'), 'utf8'),
    );
    expect(spec.spec.components).toEqual(['trino', 'delta-lake']);
    expect(ctx.output).toHaveBeenCalledWith('stackFile', 'stack.yaml');
    expect(ctx.output).toHaveBeenCalledWith(
      'added',
      expect.arrayContaining([
        { id: 'minio', reason: 'required by delta-lake (s3)' },
        { id: 'hive-metastore', reason: 'required by delta-lake (metastore)' },
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'budget',
      expect.objectContaining({ profile: 'dev', cpu: expect.any(Number) }),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.stringContaining('MinIO: required by delta-lake (s3)'),
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      '  added minio: required by delta-lake (s3)',
    );
  });

  it('adds components to an existing stack.yaml, keeping what it says', async () => {
    const { workspacePath: workspace, ctx } = workspaceContext({
      name: 'analytics',
      owner: 'group:default/data-platform',
      components: ['trino'],
      profile: 'small',
      overrides: { trino: { workers: 2 } },
      targetPath: '.',
    });
    await action.handler(ctx as any);
    const more = workspaceContext(
      { components: ['grafana'], extends: 'stack.yaml', targetPath: '.' },
      workspace,
    );
    await action.handler(more.ctx as any);
    const spec = yaml.parse(
      fs.readFileSync(path.join(workspace, 'stack.yaml'), 'utf8'),
    );
    expect(spec.metadata).toEqual({
      name: 'analytics',
      owner: 'group:default/data-platform',
    });
    expect(spec.spec).toEqual({
      profile: 'small',
      components: ['trino', 'grafana'],
      overrides: { trino: { workers: 2 } },
    });
    expect(more.ctx.output).toHaveBeenCalledWith(
      'added',
      expect.arrayContaining([
        { id: 'prometheus', reason: 'required by grafana (prometheus)' },
      ]),
    );

    const other = workspaceContext(
      { name: 'sales', components: ['kibana'], extends: 'stack.yaml' },
      workspace,
    );
    await expect(action.handler(other.ctx as any)).rejects.toThrow(
      "the stack.yaml to extend describes 'analytics', not 'sales'",
    );
    const missing = workspaceContext(
      { components: ['kibana'], extends: 'nope/stack.yaml' },
      workspace,
    );
    await expect(action.handler(missing.ctx as any)).rejects.toThrow(
      'nope/stack.yaml: does not exist',
    );
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_, example) => {
      const { input } = yaml.parse(example).steps[0];
      const { workspacePath: workspace, ctx } = workspaceContext(input);
      await action.handler(ctx as any);
      expect(
        fs.existsSync(
          path.join(workspace, input.targetPath ?? '.', 'stack.yaml'),
        ),
      ).toBe(true);
    },
  );

  it.each([
    [
      'an unknown component',
      { components: ['trino', 'clickhous'] },
      "spec.components[1]: unknown component 'clickhous' (did you mean 'clickhouse'?)",
    ],
    [
      'a name with YAML and shell metacharacters',
      { name: 'a: b; rm -rf /' },
      'metadata.name: must be a DNS-1123 label',
    ],
    [
      'a targetPath leaving the workspace',
      { targetPath: '../outside' },
      "targetPath '../outside' is outside the workspace",
    ],
    [
      'an empty component list',
      { components: [] },
      'spec.components: must name at least one component',
    ],
    [
      'a target no module adds',
      { targets: ['helm', 'argocd'] },
      "spec.targets[1]: unknown target 'argocd'; targets are compose, helm, helmfile, catalog",
    ],
    [
      'a target named twice',
      { targets: ['helm', 'helm'] },
      'spec.targets: must name each target once',
    ],
    [
      'an override of the wrong type',
      { overrides: { trino: { workers: 'many' } } },
      'spec.overrides.trino.workers: must be an integer, got "many"',
    ],
  ])(
    'refuses %s with an InputError and writes nothing',
    async (_, bad, message) => {
      const { workspacePath: workspace, ctx } = workspaceContext({
        name: 'analytics',
        components: ['trino'],
        targetPath: '.',
        ...bad,
      });
      await expect(action.handler(ctx as any)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(fs.readdirSync(workspace)).toEqual([]);
      expect(fs.existsSync(path.join(workspace, '../outside'))).toBe(false);
    },
  );

  it('accepts a target a module adds', async () => {
    const withInventory = createStackResolveAction({
      library: testLibrary(),
      targets: builtInTargets.with({
        id: 'inventory',
        description: 'the components, one per line',
        render: () => [],
      }),
    });
    const { ctx } = workspaceContext({
      name: 'analytics',
      components: ['trino'],
      targets: ['helm', 'inventory'],
    });
    await withInventory.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('targets', ['helm', 'inventory']);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHelm } from '@big-data-stack/backstage-plugin-data-stack-validate';
import { datastack } from './__testUtils__/datastack';

describe('datastack', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeStack = (text: string) => {
    const file = path.join(dir, 'stack.yaml');
    fs.writeFileSync(file, text);
    return file;
  };
  const stack = (spec: string, name = 'demo') =>
    `apiVersion: datastack.backstage.io/v1alpha1\nkind: DataStack\nmetadata:\n  name: ${name}\n  owner: group:default/data-platform\nspec:\n${spec}`;

  it('lists the component library', async () => {
    const { code, stdout } = await datastack('components', '--json');
    expect(code).toBe(0);
    const ids = JSON.parse(stdout).components.map((c: { id: string }) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'trino',
        'delta-lake',
        'minio',
        'hive-metastore',
      ]),
    );
  });

  // These two run helm lint and template on every chart: slow on a busy machine.
  it('renders, validates and checks a stack, then reports drift', async () => {
    const file = writeStack(stack('  components: [trino, postgresql]\n'));
    const out = path.join(dir, 'out');
    const render = await datastack('render', file, '--out', out);
    expect(render.code).toBe(0);
    expect(render.stderr).toContain('wrote services/trino/docker-compose.yml');
    const validate = await datastack('validate', out, '--require-tools');
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain('ran docker-compose, helmfile\n');
    const load = await datastack('validate', out, '--checks', 'load');
    expect(load.code).toBe(0);
    expect(load.stderr).toContain('2 charts with helm template…');
    await expect(
      datastack('validate', out, '--checks', 'some'),
    ).rejects.toThrow(
      "argument 'some' is invalid. Allowed choices are full, load.",
    );
    expect((await datastack('check', out)).code).toBe(0);
    fs.appendFileSync(
      path.join(out, 'configs/trino/catalog/postgresql.properties'),
      'x=y\n',
    );
    const check = await datastack('check', out);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      'drift: configs/trino/catalog/postgresql.properties: differs from what stack.yaml renders',
    );
    fs.writeFileSync(
      path.join(out, 'configs/trino/catalog/old.properties'),
      '',
    );
    fs.writeFileSync(path.join(out, 'configs/NOTES.md'), 'hand-written\n');
    const stale = (await datastack('check', out)).stderr;
    expect(stale).toContain(
      'drift: configs/trino/catalog/old.properties: no longer rendered from stack.yaml; delete it',
    );
    expect(stale).not.toContain('NOTES.md');
  }, 120_000);

  it('renders the Kubernetes target and its plain manifests', async () => {
    const file = writeStack(stack('  components: [postgresql]\n'));
    const out = path.join(dir, 'out');
    expect((await datastack('render', file, '--out', out)).code).toBe(0);
    for (const f of [
      'helmfile.yaml',
      'values/postgresql.yaml',
      'helm-charts/postgresql/Chart.yaml',
      'helm-charts/common/templates/_pod.tpl',
    ])
      expect(fs.existsSync(path.join(out, f))).toBe(true);
    const validate = await datastack('validate', out);
    expect(validate.stderr).toContain(
      '2 compose files, 1 charts, catalog-info.yaml valid',
    );
    // What the chart README says to run leaves no drift and stays out of git.
    const built = await runHelm([
      'dependency',
      'build',
      path.join(out, 'helm-charts/postgresql'),
    ]);
    expect(built.ok).toBe(true);
    expect((await datastack('check', out)).code).toBe(0);
    expect(fs.readFileSync(path.join(out, '.gitignore'), 'utf8')).toContain(
      'helm-charts/*/charts/\nhelm-charts/*/Chart.lock\n',
    );
    const manifests = await datastack('manifests', out);
    expect(manifests.code).toBe(0);
    expect(
      fs.readFileSync(path.join(out, 'k8s-manifests/postgresql.yaml'), 'utf8'),
    ).toContain('kind: StatefulSet');

    // A broken chart fails validate with helm's own words.
    fs.writeFileSync(
      path.join(out, 'helm-charts/postgresql/templates/services.yaml'),
      '{{ .Values.nothing.here }}\n',
    );
    const broken = await datastack('validate', out);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^error: helm-charts\/postgresql: helm lint --strict: /m,
    );
  }, 120_000);

  it('renders a target a module adds, and names a target no module adds', async () => {
    const file = writeStack(
      stack('  components: [postgresql]\n  targets: [catalog, inventory]\n'),
    );
    const out = path.join(dir, 'out');
    const unknown = await datastack('render', file, '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `${file}: spec.targets[1]: unknown target 'inventory'; targets are compose, helm, helmfile, catalog`,
    );
    expect(fs.existsSync(out)).toBe(false);

    // The same objects a backend module adds through the extension point.
    const module = path.join(dir, 'inventory.js');
    fs.writeFileSync(
      module,
      `exports.outputTargets = [{
        id: 'inventory',
        description: 'the components, one per line',
        render: input => [{ path: 'inventory.txt', content: input.plan.components.map(c => c.id).join('\\n') + '\\n' }],
      }];`,
    );
    const render = await datastack(
      'render',
      file,
      '--out',
      out,
      '--targets-from',
      module,
    );
    expect(render.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'inventory.txt'), 'utf8')).toBe(
      'postgresql\n',
    );
    expect(fs.existsSync(path.join(out, 'catalog-info.yaml'))).toBe(true);
    expect((await datastack('check', out, '--targets-from', module)).code).toBe(
      0,
    );

    const wrongModule = path.join(dir, 'wrong.js');
    fs.writeFileSync(wrongModule, 'exports.targets = [];');
    const wrong = await datastack(
      'render',
      file,
      '--out',
      out,
      '--targets-from',
      wrongModule,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'exports no outputTargets list (OutputTarget[])',
    );
  });

  it('prints the resource budget', async () => {
    const file = writeStack(stack('  components: [postgresql]\n'));
    const { code, stdout } = await datastack('resources', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^total\s+0\.5\s+384Mi\s+5Gi$/m);
  });

  it.each([
    [
      'an unknown component',
      stack('  components: [trino, clickhous]\n'),
      "stack.yaml: spec.components[1]: unknown component 'clickhous' (did you mean 'clickhouse'?)",
    ],
    [
      'a name that is not a DNS-1123 label',
      stack('  components: [trino]\n', 'Sales_Lake'),
      'stack.yaml: metadata.name: must be a DNS-1123 label',
    ],
    [
      'an override for an unselected component',
      stack(
        '  components: [trino]\n  overrides:\n    airflow: { apiWorkers: 2 }\n',
      ),
      'stack.yaml: spec.overrides.airflow: airflow is not in the stack',
    ],
    [
      'an override of the wrong type',
      stack(
        '  components: [trino]\n  overrides:\n    trino: { workers: many }\n',
      ),
      'stack.yaml: spec.overrides.trino.workers: must be an integer, got "many"',
    ],
    [
      'an unknown profile',
      stack('  profile: huge\n  components: [trino]\n'),
      "stack.yaml: spec.profile: unknown profile 'huge'",
    ],
    [
      'a target name that is no DNS label',
      stack('  targets: [Terraform]\n  components: [trino]\n'),
      'stack.yaml: spec.targets[0]: must be a DNS-1123 label',
    ],
    [
      'an existing Secret for a component not in the stack',
      stack(
        '  components: [trino]\n  kubernetes:\n    existingSecrets: { mysql: creds }\n',
      ),
      'stack.yaml: spec.kubernetes.existingSecrets.mysql: mysql is not a component of this stack',
    ],
    [
      'a chart repository that is not https or oci',
      stack(
        "  components: [trino]\n  kubernetes:\n    chartRepository: { url: 'http://charts.example', version: 0.1.0 }\n",
      ),
      'stack.yaml: spec.kubernetes.chartRepository.url: must be an https',
    ],
    [
      'a stack name too long for the Kubernetes label',
      stack('  components: [hive-metastore]\n', 'a'.repeat(50)),
      `stack.yaml: metadata.name: '${'a'.repeat(
        50,
      )}-hive-metastore' (the Kubernetes label of hive-metastore) is longer than 63 characters`,
    ],
    [
      'an empty component list',
      stack('  components: []\n'),
      'stack.yaml: spec.components: must name at least one component',
    ],
    [
      'a file that is not YAML',
      'spec: [unclosed\n',
      'stack.yaml: line 2: is not valid YAML',
    ],
    [
      'a YAML file that is not a DataStack',
      '- just\n- a list\n',
      'stack.yaml: is not a DataStack document',
    ],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
      'stack.yaml: is not usable YAML: Excessive alias count',
    ],
  ])(
    'rejects %s: one line per problem, exit 1, nothing written',
    async (_, text, expected) => {
      const file = writeStack(text);
      const out = path.join(dir, 'out');
      for (const args of [
        ['render', file, '--out', out],
        ['resources', file],
      ]) {
        const { code, stderr } = await datastack(...args);
        expect(code).toBe(1);
        expect(stderr).toContain(
          `error: ${path.join(dir, expected)}`.replace(
            `${dir}/stack.yaml`,
            file,
          ),
        );
        expect(
          stderr
            .trim()
            .split('\n')
            .every(line => line.startsWith('error: ')),
        ).toBe(true);
      }
      expect(fs.existsSync(out)).toBe(false);
    },
  );

  it('reports a missing stack file', async () => {
    const { code, stderr } = await datastack(
      'render',
      path.join(dir, 'nope.yaml'),
      '--out',
      path.join(dir, 'out'),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('nope.yaml: does not exist');
  });
});

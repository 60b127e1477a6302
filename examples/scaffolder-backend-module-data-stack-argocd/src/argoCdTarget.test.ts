import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  builtInTargets,
  defaultLibraryDir,
  loadComponentLibrary,
  parseYaml,
  renderStack,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  checkManifests,
  kubernetesModel,
  stageChart,
  templateRelease,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argoCdTarget } from './argoCdTarget';

const library = loadComponentLibrary([defaultLibraryDir()]);
/** The Application model compiled from the Argo CD CRD's schema. */
const Application = kubernetesModel(
  '@kubernetes-models/argo-cd',
  'argoproj.io/v1alpha1/Application.js',
  'Application',
);
const targets = builtInTargets.with(
  argoCdTarget({ repositoryBase: 'https://github.com/acme/' }),
);

const render = (kubernetes: Record<string, unknown> = {}) =>
  renderStack(
    resolveStack(
      {
        apiVersion: 'datastack.backstage.io/v1alpha1',
        kind: 'DataStack',
        metadata: { name: 'lake' },
        spec: {
          components: ['trino', 'delta-lake'],
          targets: ['helm', 'helmfile', 'argocd'],
          kubernetes,
        },
      },
      library,
    ),
    library,
    targets,
  );

const applications = (files: { path: string; content: string }[]) =>
  files
    .filter(f => f.path.startsWith('argocd/'))
    .map(f => parseYaml(f.content, f.path) as any);

describe('the argocd output target', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-target-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one Application per release that the Application schema accepts', () => {
    const apps = applications(render());
    expect(apps.map(a => a.metadata.name)).toEqual(
      expect.arrayContaining([
        'lake-trino',
        'lake-minio',
        'lake-hive-metastore',
      ]),
    );
    for (const app of apps) new Application(app).validate();
    // The schema check can fail: the CRD requires a destination, and types.
    const [first] = apps;
    const { destination: _, ...noDestination } = first.spec;
    expect(() =>
      new Application({ ...first, spec: noDestination }).validate(),
    ).toThrow(/destination/);
    expect(() =>
      new Application({
        ...first,
        spec: { ...first.spec, syncPolicy: { automated: { prune: 'yes' } } },
      }).validate(),
    ).toThrow(/prune/);
    expect(apps[0].spec.source.repoURL).toBe(
      'https://github.com/acme/lake.git',
    );
  });

  it('syncs in the order helmfile installs, each wave after what it needs', () => {
    const files = render();
    const helmfile = parseYaml(
      files.find(f => f.path === 'helmfile.yaml')!.content,
      'helmfile.yaml',
    ) as { releases: { name: string; needs?: string[] }[] };
    const wave = new Map(
      applications(files)
        .map(a => ({
          release: a.spec.source.helm.releaseName,
          wave: Number(a.metadata.annotations['argocd.argoproj.io/sync-wave']),
        }))
        .sort((a, b) => a.wave - b.wave)
        .map(a => [a.release, a.wave]),
    );
    expect([...wave.keys()]).toEqual(helmfile.releases.map(r => r.name));
    for (const release of helmfile.releases)
      for (const need of release.needs ?? [])
        expect(wave.get(need.split('/')[1])!).toBeLessThan(
          wave.get(release.name)!,
        );
  });

  it('points each Application at a chart and values that helm renders', async () => {
    const files = render();
    writeStackFiles(dir, files);
    const staging = fs.mkdtempSync(path.join(dir, 'staging-'));
    for (const app of applications(files)) {
      const { source, destination } = app.spec;
      // Argo CD resolves valueFiles against the chart's directory.
      const chartDir = path.join(dir, source.path);
      const values = source.helm.valueFiles.map((v: string) =>
        path.resolve(chartDir, v),
      );
      for (const v of values) expect(fs.existsSync(v)).toBe(true);
      const result = await templateRelease({
        chart: stageChart(chartDir, staging),
        release: source.helm.releaseName,
        namespace: destination.namespace,
        valuesFiles: values,
      });
      if ('error' in result) throw new Error(`${source.path}: ${result.error}`);
      expect(result.objects.length).toBeGreaterThan(0);
      // The catalog's selector label is the Application's name.
      expect(
        checkManifests(result.objects as any, app.metadata.name, source.path),
      ).toEqual([]);
    }
  }, 120_000);

  it('takes the charts from a chart repository and the values from the stack', () => {
    const [app] = applications(
      render({
        chartRepository: {
          url: 'oci://ghcr.io/acme/charts',
          version: '0.1.0',
        },
      }),
    );
    new Application(app).validate();
    expect(app.spec.sources).toEqual([
      expect.objectContaining({
        repoURL: 'ghcr.io/acme/charts',
        targetRevision: '0.1.0',
        helm: expect.objectContaining({
          valueFiles: [`$values/values/${app.spec.sources[0].chart}.yaml`],
        }),
      }),
      {
        repoURL: 'https://github.com/acme/lake.git',
        targetRevision: 'main',
        ref: 'values',
      },
    ]);
  });
});

describe('the argocd target options', () => {
  it('refuses options that would carry a line or a shell word into the files', () => {
    expect(() =>
      argoCdTarget({
        repositoryBase: 'https://github.com/acme\nkubectl delete ns x',
        namespace: 'argocd; rm -rf /',
        project: 'Team Project',
        targetRevision: 'main $(id)',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ path: 'dataStackArgoCd.repositoryBase' }),
          expect.objectContaining({ path: 'dataStackArgoCd.project' }),
          expect.objectContaining({ path: 'dataStackArgoCd.namespace' }),
          expect.objectContaining({ path: 'dataStackArgoCd.targetRevision' }),
        ],
      }),
    );
  });

  it('takes a forge URL, labels and a branch', () => {
    expect(() =>
      argoCdTarget({
        repositoryBase: 'https://gitlab.example.com/data/stacks',
        namespace: 'argocd',
        project: 'data-platform',
        targetRevision: 'release/1.2',
      }),
    ).not.toThrow();
  });
});

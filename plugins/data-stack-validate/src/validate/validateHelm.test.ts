import {
  CORE_COMPONENT_IDS,
  formatProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { stageChart, templateRelease } from '../helm/helmCli';
import {
  renderInto,
  shippedLibrary,
  withTemporaryDirAsync,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import {
  readYamlFile,
  stringifyYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { renderedObjects } from '../testUtils/renderedObjects';
import { KubernetesObject } from './checkManifests';
import { checkHelmDir, validateHelmDir } from './validateHelm';

const library = shippedLibrary();
const HELM_ONLY = { targets: ['helm', 'helmfile'] };
const SCALED = {
  trino: { workers: 2 },
  elasticsearch: { nodes: 3 },
  druid: { brokers: 2, historicals: 3 },
  clickhouse: { replicas: 2 },
};

const readYaml = (file: string) => readYamlFile(file) as any;
const editYaml = (file: string, edit: (doc: any) => void) => {
  const doc = readYaml(file);
  edit(doc);
  fs.writeFileSync(file, stringifyYaml(doc));
};
const objectsOf = async (dir: string): Promise<KubernetesObject[]> =>
  renderedObjects(dir);

/** Renders a small valid stack, breaks it, and returns what the validators say. */
async function problemsAfter(breakIt: (dir: string) => void) {
  return withTemporaryDirAsync(async dir => {
    renderInto(dir, library, ['trino', 'postgresql'], HELM_ONLY);
    expect(await validateHelmDir(dir)).toEqual([]);
    breakIt(dir);
    return (await validateHelmDir(dir)).map(formatProblem).join('\n');
  });
}

describe('validateHelmDir', () => {
  it.each(['small', 'production'])(
    'passes helm lint, helm template and the Kubernetes schemas for every chart in the %s profile, scaled out, with ServiceMonitors',
    async profile => {
      await withTemporaryDirAsync(async dir => {
        renderInto(dir, library, [...CORE_COMPONENT_IDS], {
          ...HELM_ONLY,
          profile,
          overrides: SCALED,
          kubernetes: {
            serviceMonitors: true,
            storageClass: 'fast-ssd',
            sharedVolumeAccessMode: 'ReadWriteMany',
          },
        });
        expect(await validateHelmDir(dir)).toEqual([]);
        const airflow = readYaml(path.join(dir, 'values/airflow.yaml'));
        expect(airflow.persistentVolumeClaims['airflow-dags']).toMatchObject({
          accessModes: ['ReadWriteMany'],
          storageClass: 'fast-ssd',
        });
      });
    },
    120_000,
  );

  it('scales what the settings scale, with a PodDisruptionBudget when more than one pod runs', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(
        dir,
        library,
        ['trino', 'elasticsearch', 'druid', 'clickhouse'],
        {
          ...HELM_ONLY,
          // The dev profile keeps Elasticsearch a single node.
          profile: 'small',
          overrides: SCALED,
        },
      );
      const objects = await objectsOf(dir);
      const replicas = Object.fromEntries(
        objects
          .filter(o => o.kind === 'Deployment' || o.kind === 'StatefulSet')
          .map(o => [o.metadata!.name, o.spec.replicas]),
      );
      expect(replicas).toMatchObject({
        trino: 1,
        'trino-worker': 2,
        elasticsearch: 3,
        'druid-broker': 2,
        'druid-historical': 3,
        'druid-coordinator': 1,
        clickhouse: 2,
      });
      const budgets = objects
        .filter(o => o.kind === 'PodDisruptionBudget')
        .map(o => o.metadata!.name)
        .sort();
      expect(budgets).toEqual([
        'clickhouse',
        'druid-broker',
        'druid-historical',
        'elasticsearch',
        'trino-worker',
      ]);
      // Elasticsearch forms one cluster of its pods instead of single-node mode.
      const es = objects.find(
        o => o.kind === 'StatefulSet' && o.metadata!.name === 'elasticsearch',
      )!;
      const env = es.spec.template.spec.containers[0].env;
      expect(env).toContainEqual({
        name: 'DATASTACK_POD_NAMES',
        value: 'elasticsearch-0,elasticsearch-1,elasticsearch-2',
      });
      expect(env.map((e: { name: string }) => e.name)).not.toContain(
        'discovery.type',
      );
    });
  }, 120_000);

  it('orders releases as compose starts them: every need is an earlier release', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, [...CORE_COMPONENT_IDS], HELM_ONLY);
      const { releases } = readYaml(path.join(dir, 'helmfile.yaml'));
      const seen = new Set<string>();
      for (const r of releases) {
        for (const need of r.needs ?? []) expect(seen).toContain(need);
        seen.add(`${r.namespace}/${r.name}`);
      }
      const airflow = releases.find((r: any) => r.name === 'airflow');
      expect(airflow.needs).toEqual(['test-stack/postgresql']);
    });
  }, 60_000);

  it('keeps every secret out of values and manifests: env reads Secrets, Secrets are random per render', async () => {
    await withTemporaryDirAsync(async dir => {
      const plan = renderInto(dir, library, ['airflow'], HELM_ONLY);
      const secretNames = new Set(plan.secrets.map(s => s.name));
      const secretEnv = fs
        .readdirSync(path.join(dir, 'values'))
        .flatMap(file =>
          Object.values<any>(
            readYaml(path.join(dir, 'values', file)).services,
          ).flatMap(s => s.env),
        )
        .filter(e => secretNames.has(e.name));
      expect(secretEnv.length).toBeGreaterThan(0);
      for (const e of secretEnv) expect(e).not.toHaveProperty('value');
      const objects = await objectsOf(dir);
      expect(objects.some(o => o.kind === 'Secret')).toBe(false);

      // Helm generates the Secret (lookup keeps it on a live cluster): new
      // random values on each render here, where there is no cluster.
      const chart = stageChart(
        path.join(dir, 'helm-charts/airflow'),
        fs.mkdtempSync(path.join(dir, 'stage-')),
      );
      const secretData = async () => {
        const out = await templateRelease({
          chart,
          release: 'airflow',
          namespace: 'test-stack',
          valuesFiles: [path.join(dir, 'values/airflow.yaml')],
        });
        if ('error' in out) throw new Error(out.error);
        return (out.objects as KubernetesObject[]).find(
          o => o.kind === 'Secret',
        )!.data!;
      };
      const [first, second] = [await secretData(), await secretData()];
      expect(Object.keys(first).sort()).toEqual(
        [...secretNames].filter(n => n.startsWith('AIRFLOW_')).sort(),
      );
      for (const key of Object.keys(first))
        expect(first[key]).not.toBe(second[key]);
      // A Fernet key is 32 random bytes in URL-safe base64, as Airflow reads it.
      const fernet = Buffer.from(first.AIRFLOW_FERNET_KEY, 'base64').toString();
      expect(fernet).toMatch(/^[A-Za-z0-9_-]{43}=$/);
      expect(Buffer.from(fernet, 'base64url')).toHaveLength(32);
    });
  }, 60_000);

  it('takes a Secret the stack names instead of generating one', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['trino', 'postgresql'], {
        ...HELM_ONLY,
        kubernetes: { existingSecrets: { postgresql: 'pg-credentials' } },
      });
      expect(await validateHelmDir(dir)).toEqual([]);
      // Trino's own role is made by a job in its release, as the superuser.
      const trino = readYaml(path.join(dir, 'values/trino.yaml'));
      expect(trino.services['trino-pg-role'].env).toContainEqual({
        name: 'PGPASSWORD',
        valueFrom: {
          secretKeyRef: { name: 'pg-credentials', key: 'POSTGRES_PASSWORD' },
        },
      });
      expect(
        readYaml(path.join(dir, 'values/postgresql.yaml')).secret
          .existingSecret,
      ).toBe('pg-credentials');
    });
  }, 60_000);

  it('installs from a chart repository instead of vendoring when one is set', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['postgresql'], {
        ...HELM_ONLY,
        kubernetes: {
          chartRepository: {
            url: 'oci://ghcr.io/acme/charts',
            version: '1.2.3',
          },
        },
      });
      expect(fs.existsSync(path.join(dir, 'helm-charts'))).toBe(false);
      const helmfile = readYaml(path.join(dir, 'helmfile.yaml'));
      expect(helmfile.repositories).toEqual([
        { name: 'datastack', url: 'ghcr.io/acme/charts', oci: true },
      ]);
      expect(helmfile.releases[0]).toMatchObject({
        chart: 'datastack/postgresql',
        version: '1.2.3',
      });
      expect(await validateHelmDir(dir)).toEqual([]);
    });
  });

  it('finds a need that names no release, and a cycle', async () => {
    const problems = await problemsAfter(dir =>
      editYaml(path.join(dir, 'helmfile.yaml'), doc => {
        doc.releases[0].needs = [
          'test-stack/kafka',
          `test-stack/${doc.releases[1].name}`,
        ];
        doc.releases[1].needs = [`test-stack/${doc.releases[0].name}`];
      }),
    );
    expect(problems).toContain(
      "'test-stack/kafka' is not a release of this helmfile",
    );
    expect(problems).toContain('needs form a cycle');
  }, 60_000);

  it('finds pods the Kubernetes tab would miss', async () => {
    const problems = await problemsAfter(dir =>
      editYaml(path.join(dir, 'values/trino.yaml'), doc => {
        doc.kubernetesId = 'someone-else';
      }),
    );
    expect(problems).toContain(
      'pod template is not labelled backstage.io/kubernetes-id: test-stack-trino',
    );
  }, 60_000);

  it('finds a value the values schema rejects (helm lint --strict)', async () => {
    const problems = await problemsAfter(dir =>
      editYaml(path.join(dir, 'values/trino.yaml'), doc => {
        doc.services.trino.replicas = 'two';
      }),
    );
    expect(problems).toMatch(
      /values\/trino\.yaml: helm lint --strict: .*replicas/,
    );
  }, 60_000);

  it('with load checks renders each release once, with its values, and still finds what the values schema rejects', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['trino', 'prometheus'], HELM_ONLY);
      const loaded = await checkHelmDir(dir, { checks: 'load' });
      expect(loaded.problems).toEqual([]);
      // The release's objects (the stack's name), once each.
      const names = loaded.objects.map(o => `${o.kind}/${o.metadata?.name}`);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('ConfigMap/prometheus-files');
      expect(
        loaded.objects.every(
          o => o.metadata?.labels?.['app.kubernetes.io/instance'] !== undefined,
        ),
      ).toBe(true);

      editYaml(path.join(dir, 'values/trino.yaml'), doc => {
        doc.services.trino.replicas = 'two';
      });
      const broken = await checkHelmDir(dir, { checks: 'load' });
      expect(broken.problems.map(formatProblem).join('\n')).toMatch(
        /values\/trino\.yaml: helm template: .*replicas/,
      );
      expect(broken.objects.some(o => o.metadata?.name === 'trino')).toBe(
        false,
      );
    });
  }, 60_000);

  it('finds a broken template (helm template)', async () => {
    const problems = await problemsAfter(dir =>
      fs.writeFileSync(
        path.join(dir, 'helm-charts/trino/templates/workloads.yaml'),
        '{{ include "common.nothing" . }}\n',
      ),
    );
    expect(problems).toContain('helm-charts/trino: helm template: Error');
  }, 60_000);

  it('finds a Secret with a literal default password', async () => {
    const problems = await problemsAfter(dir => {
      const tpl = path.join(dir, 'helm-charts/common/templates/_secret.tpl');
      fs.writeFileSync(
        tpl,
        fs
          .readFileSync(tpl, 'utf8')
          .replace('default ($new | b64enc)', 'default ("postgres" | b64enc)'),
      );
    });
    expect(problems).toContain(
      'Secret/postgresql-secrets: key POSTGRES_PASSWORD holds a default or short value',
    );
  }, 60_000);

  it('finds a container without limits or a probe, and an object the Kubernetes schema rejects', async () => {
    const problems = await problemsAfter(dir =>
      editYaml(path.join(dir, 'values/postgresql.yaml'), doc => {
        const pg = doc.services.postgresql;
        // null removes a key Helm would otherwise merge back from the chart's defaults.
        pg.startupProbe = null;
        pg.readinessProbe = null;
        pg.livenessProbe = null;
        pg.resources.limits.cpu = 'lots';
      }),
    );
    expect(problems).toContain('container postgresql has no probe');
    expect(problems).toContain(
      'StatefulSet/postgresql does not match the Kubernetes schema',
    );
  }, 60_000);

  it('says how to get helm when it is missing', async () => {
    const saved = process.env.DATASTACK_HELM;
    process.env.DATASTACK_HELM = '/nonexistent/helm';
    try {
      await withTemporaryDirAsync(async dir => {
        renderInto(dir, library, ['postgresql'], HELM_ONLY);
        await expect(validateHelmDir(dir)).rejects.toThrow(
          "helm was not found (looked for '/nonexistent/helm'); run 'make setup'",
        );
      });
    } finally {
      if (saved === undefined) delete process.env.DATASTACK_HELM;
      else process.env.DATASTACK_HELM = saved;
    }
  });
});

import {
  CORE_COMPONENT_IDS,
  formatProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { readYamlFile } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  renderInto,
  shippedLibrary,
  withTemporaryDirAsync,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { checkCatalogFile } from '../validate/checkCatalog';

const library = shippedLibrary();
const CATALOG_ONLY = { targets: ['catalog'] };

const entitiesIn = (dir: string) =>
  YAML.parseAllDocuments(
    fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
  ).map(d => d.toJS());

// That the target needs an owner: data-stack-node's src/render/catalog.test.ts.
describe('the catalog target', () => {
  it('models every component, valid for @backstage/catalog-model, with relations inside the file', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, [...CORE_COMPONENT_IDS], {
        targets: ['catalog', 'helm'],
      });
      expect(await checkCatalogFile(dir)).toEqual([]);
      const entities = entitiesIn(dir);
      const kinds = entities.map(e => `${e.kind}:${e.metadata.name}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'System:test-stack',
          'Component:test-stack-trino',
          'Resource:test-stack-postgresql',
          'Resource:test-stack-delta-lake',
          'Resource:test-stack-elasticsearch',
          'API:test-stack-trino-sql',
          'API:test-stack-prometheus-http',
        ]),
      );
      const byName = new Map(entities.map(e => [e.metadata.name, e]));
      expect(byName.get('test-stack-grafana').spec.consumesApis).toEqual([
        'api:default/test-stack-prometheus-http',
      ]);
      expect(byName.get('test-stack-airflow').spec.dependsOn).toContain(
        'resource:default/test-stack-postgresql',
      );

      // The Kubernetes tab selects what the charts label.
      for (const e of entities.filter(
        x => x.kind !== 'System' && x.kind !== 'API',
      )) {
        const id = e.metadata.annotations['datastack.backstage.io/component'];
        const values = readYamlFile(path.join(dir, `values/${id}.yaml`)) as any;
        expect(e.metadata.annotations['backstage.io/kubernetes-id']).toBe(
          values.kubernetesId,
        );
        expect(
          e.metadata.annotations['backstage.io/kubernetes-namespace'],
        ).toBe('test-stack');
      }
      // The System's TechDocs are the stack's own page.
      expect(
        fs.readFileSync(path.join(dir, 'docs/index.md'), 'utf8'),
      ).toContain('| Trino | query | 483 | chosen |');
      expect(readYamlFile(path.join(dir, 'mkdocs.yml'))).toMatchObject({
        site_name: 'test-stack',
        plugins: ['techdocs-core'],
      });
    });
  });

  it('finds entities the catalog would reject and relations that lead nowhere', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['trino', 'postgresql'], CATALOG_ONLY);
      const file = path.join(dir, 'catalog-info.yaml');
      const entities = entitiesIn(dir);
      delete entities[1].spec.owner;
      entities[3].spec.dependsOn = ['resource:default/nowhere'];
      entities[2].metadata.name = 'Not A Name!';
      fs.writeFileSync(
        file,
        entities.map(e => `---\n${YAML.stringify(e)}`).join(''),
      );
      const problems = (await checkCatalogFile(dir))
        .map(formatProblem)
        .join('\n');
      expect(problems).toContain("must have required property 'owner'");
      expect(problems).toContain(
        'resource:default/nowhere is not an entity of this file',
      );
      expect(problems).toContain('"metadata.name" is not valid');
    });
  });
});

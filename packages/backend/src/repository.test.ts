import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot } from './__testUtils__/startPortalBackend';

const kindValidators: Record<string, KindValidator> = {
  System: systemEntityV1alpha1Validator,
  Component: componentEntityV1alpha1Validator,
  Location: locationEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
};

function readEntities(file: string): Entity[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as Entity;
  });
}

/** Workspace packages, as Yarn sees them (package.json#workspaces). */
function workspacePackages(): string[] {
  const root = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  return (root.workspaces as string[]).flatMap(pattern => {
    const dir = pattern.replace(/\/\*$/, '');
    return fs
      .readdirSync(path.join(repoRoot, dir))
      .filter(name =>
        fs.existsSync(path.join(repoRoot, dir, name, 'package.json')),
      )
      .map(name => `${dir}/${name}`);
  });
}

describe('root catalog-info.yaml', () => {
  const entities = [
    ...readEntities('catalog-info.yaml'),
    ...readEntities('examples/org.yaml'),
  ];

  it.each(entities.map(e => [`${e.kind}:${e.metadata.name}`, e] as const))(
    '%s is a valid entity',
    async (_ref, entity) => {
      // The same policies the catalog backend applies by default.
      const policies = EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]);
      await expect(policies.enforce(entity)).resolves.toBeDefined();
      const validator = kindValidators[entity.kind];
      expect(validator).toBeDefined();
      await expect(validator.check(entity)).resolves.toBe(true);
    },
  );

  it('has a Component for every package, pointing at it', () => {
    const components = entities.filter(e => e.kind === 'Component');
    const described = components.map(c =>
      String(c.metadata.annotations?.['backstage.io/source-location']).replace(
        /^dir:\.\//,
        '',
      ),
    );
    expect(described.sort()).toEqual(workspacePackages().sort());
    for (const c of components) {
      expect(c.spec?.system).toBe('big-data-stack');
    }
  });

  it('owns everything with a group the catalog knows', () => {
    const groups = entities
      .filter(e => e.kind === 'Group')
      .map(e => `group:default/${e.metadata.name}`);
    for (const e of entities.filter(x => x.spec?.owner)) {
      expect(groups).toContain(e.spec!.owner);
    }
  });

  it('is loaded by app-config.yaml', () => {
    const config = parse(
      fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const targets = config.catalog.locations.map(
      (l: { target: string }) => l.target,
    );
    expect(targets).toContain('../../catalog-info.yaml');
  });
});

describe('Backstage release line', () => {
  const lock = parse(fs.readFileSync(path.join(repoRoot, 'yarn.lock'), 'utf8'));
  const versions = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries<{ version: string }>(lock)) {
    const name = key.match(/^(@backstage\/[^@]+)@/)?.[1];
    if (name) {
      versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
    }
  }

  it('holds exactly one version of every @backstage package', () => {
    const drifted = [...versions]
      .filter(([, v]) => v.size > 1)
      .map(([name, v]) => `${name}: ${[...v].join(', ')}`);
    expect(drifted).toEqual([]);
    expect(versions.size).toBeGreaterThan(50);
  });

  it('pins every @backstage package in the lockfile with a resolution', () => {
    const root = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
    );
    const unpinned = [...versions]
      .filter(([name, v]) => root.resolutions[name] !== [...v][0])
      .map(
        ([name, v]) =>
          `${name}@${[...v][0]} (resolution: ${root.resolutions[name]})`,
      );
    expect(unpinned).toEqual([]);
  });

  it('records the release in backstage.json', () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'backstage.json'), 'utf8'),
    );
    expect(version).toMatch(/^1\.\d+\.\d+$/);
  });
});

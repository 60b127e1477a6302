import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CATALOG_FILE } from '@big-data-stack/backstage-plugin-data-stack-node';

/** The policies the catalog applies to every entity it ingests. */
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kindValidators = [
  systemEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
];

/** Relations a stack's entities hold, with the kind a short reference means. */
const RELATIONS = [
  ['system', 'system'],
  ['dependsOn', 'component'],
  ['providesApis', 'api'],
  ['consumesApis', 'api'],
] as const;

/**
 * A stack's `catalog-info.yaml` through `@backstage/catalog-model`: the
 * catalog's entity policies, the kind schema of every entity, unique names,
 * and every relation pointing at an entity of the file.
 */
export async function checkCatalogFile(root: string): Promise<Problem[]> {
  const file = path.join(root, CATALOG_FILE);
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const problems: Problem[] = [];
  const entities: Entity[] = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      problems.push({
        file: CATALOG_FILE,
        path: '',
        message: doc.errors[0].message,
      });
      continue;
    }
    const entity = doc.toJS() as Entity;
    const where = `${entity?.kind}:${entity?.metadata?.name}`;
    try {
      const checked = await policy.enforce(entity);
      let known = false;
      for (const validator of kindValidators)
        known = (await validator.check(checked!)) || known;
      if (!known)
        problems.push({
          file: CATALOG_FILE,
          path: where,
          message: 'is of no kind the catalog knows',
        });
      entities.push(checked!);
    } catch (error) {
      problems.push({
        file: CATALOG_FILE,
        path: where,
        message: (error as Error).message,
      });
    }
  }
  const refs = new Set(
    entities.map(
      e =>
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`,
    ),
  );
  if (refs.size !== entities.length)
    problems.push({
      file: CATALOG_FILE,
      path: '',
      message: 'names an entity twice',
    });
  for (const e of entities) {
    const spec = (e.spec ?? {}) as Record<string, unknown>;
    for (const [key, defaultKind] of RELATIONS) {
      const targets = ([] as unknown[]).concat(spec[key] ?? []) as string[];
      for (const target of targets)
        if (
          !refs.has(
            stringifyEntityRef(
              parseEntityRef(target, {
                defaultKind,
                defaultNamespace: 'default',
              }),
            ),
          )
        )
          problems.push({
            file: CATALOG_FILE,
            path: `${e.kind}:${e.metadata.name}.spec.${key}`,
            message: `${target} is not an entity of this file`,
          });
    }
  }
  return problems;
}

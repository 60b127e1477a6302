import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CATALOG_FILE } from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The System entity of the rendered catalog file in `dir`, as a reference. */
export function systemRefIn(dir: string): string {
  const file = path.join(dir, CATALOG_FILE);
  if (!fs.existsSync(file))
    throw new InputError(
      `${CATALOG_FILE} is missing: render the catalog entities (datastack:catalog:render) before publishing`,
    );
  const system = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS())
    .find(e => e?.kind === 'System');
  if (!system?.metadata?.name)
    throw new InputError(`${CATALOG_FILE} has no System entity`);
  return stringifyEntityRef({
    kind: 'System',
    namespace: system.metadata.namespace,
    name: system.metadata.name,
  });
}

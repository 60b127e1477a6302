import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_COMPOSE_FILE } from '../render/compose';
import { checkComposeModel } from './checkComposeModel';
import { CATALOG_FILE } from '../render/catalog';
import { GENERATED_HEADER } from '../render/files';
import { HELMFILE } from '../render/helm/helmfile';
import { checkCatalogFile } from './checkCatalog';
import { lintComposeFiles } from './lintCompose';
import { HelmCheckOptions, chartsIn, validateHelmDir } from './validateHelm';

/** Compose files of a rendered stack: the root file and every `services/<id>/` file. */
export function composeFilesIn(root: string): string[] {
  const services = path.join(root, 'services');
  const nested = fs.existsSync(services)
    ? fs
        .readdirSync(services)
        .map(id => `services/${id}/docker-compose.yml`)
        .filter(f => fs.existsSync(path.join(root, f)))
        .sort()
    : [];
  return [ROOT_COMPOSE_FILE, ...nested].filter(f =>
    fs.existsSync(path.join(root, f)),
  );
}

/** The compose target: dclint plus the include-model checks. */
export function validateComposeDir(root: string): Problem[] {
  if (!fs.existsSync(path.join(root, ROOT_COMPOSE_FILE))) {
    return [
      {
        file: path.join(root, ROOT_COMPOSE_FILE),
        path: '',
        message: 'does not exist; is this a rendered stack?',
      },
    ];
  }
  const files = composeFilesIn(root);
  return [...lintComposeFiles(root, files), ...checkComposeModel(root)];
}

/** Which targets a rendered directory holds. */
export function targetsIn(root: string) {
  return {
    compose: fs.existsSync(path.join(root, ROOT_COMPOSE_FILE)),
    helm: fs.existsSync(path.join(root, HELMFILE)) || chartsIn(root).length > 0,
    // A generated one: a repository's own hand-written catalog file is not a stack's.
    catalog:
      fs.existsSync(path.join(root, CATALOG_FILE)) &&
      fs
        .readFileSync(path.join(root, CATALOG_FILE), 'utf8')
        .includes(GENERATED_HEADER),
  };
}

/**
 * Every validator over a rendered stack directory, for the targets it
 * holds (compose, Helm/helmfile, catalog); an empty list means valid.
 */
export async function validateStackDir(
  root: string,
  options: HelmCheckOptions = {},
): Promise<Problem[]> {
  const targets = targetsIn(root);
  if (!targets.compose && !targets.helm && !targets.catalog)
    return [
      {
        file: root,
        path: '',
        message: `holds neither ${ROOT_COMPOSE_FILE} nor ${HELMFILE}; is this a rendered stack?`,
      },
    ];
  return [
    ...(targets.compose ? validateComposeDir(root) : []),
    ...(targets.helm ? await validateHelmDir(root, options) : []),
    ...(targets.catalog ? await checkCatalogFile(root) : []),
  ];
}

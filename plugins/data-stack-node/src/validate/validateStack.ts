import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_COMPOSE_FILE } from '../render/compose';
import { checkComposeModel } from './checkComposeModel';
import { lintComposeFiles } from './lintCompose';

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

/** Every validator over a rendered stack directory; an empty list means valid. */
export function validateStackDir(root: string): Problem[] {
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

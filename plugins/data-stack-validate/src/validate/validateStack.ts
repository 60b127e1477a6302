import {
  DataStackError,
  Problem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  CATALOG_FILE,
  GENERATED_HEADER,
  HELMFILE,
  parseYaml,
  readInputFile,
  ROOT_COMPOSE_FILE,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { checkComposeModel } from './checkComposeModel';
import { checkCatalogFile } from './checkCatalog';
import { lintComposeFiles } from './lintCompose';
import {
  HelmCheckOptions,
  ValidationChecks,
  chartsIn,
  checkHelmDir,
} from './validateHelm';
import { loadComposeWithDocker } from './loadCompose';
import { runHelmfile } from './runHelmfile';
import {
  checkPrometheusConfigs,
  prometheusConfigsOf,
} from './checkPrometheusConfig';
import { StackTool, missingToolMessage, toolAvailable } from './stackTools';

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

/**
 * Bounds on what the compose validators read. A rendered compose file is a
 * few KB with a handful of services; dclint's rules grow faster than
 * linearly (20 000 services took it two minutes), so a larger file is
 * refused before any validator reads it.
 */
export const MAX_COMPOSE_FILE_BYTES = 256 * 1024;
export const MAX_COMPOSE_SERVICES = 200;

/** Compose files too large to validate, as problems; empty when all fit. */
export function composeSizeProblems(root: string): Problem[] {
  return composeFilesIn(root).flatMap(file => {
    try {
      const doc = parseYaml(
        readInputFile(path.join(root, file), {
          maxBytes: MAX_COMPOSE_FILE_BYTES,
        }),
        file,
      ) as { services?: Record<string, unknown> } | null;
      const count = Object.keys(doc?.services ?? {}).length;
      return count > MAX_COMPOSE_SERVICES
        ? [
            {
              file,
              path: 'services',
              message: `defines ${count} services; at most ${MAX_COMPOSE_SERVICES} per file are validated`,
            },
          ]
        : [];
    } catch (error) {
      if (!(error instanceof DataStackError)) throw error;
      return error.problems.map(p => ({ ...p, file }));
    }
  });
}

/**
 * The compose target: the include-model checks, and dclint with `full`
 * checks (Docker Compose's own loader is `loadComposeWithDocker`).
 */
export function validateComposeDir(
  root: string,
  checks: ValidationChecks = 'full',
): Problem[] {
  if (!fs.existsSync(path.join(root, ROOT_COMPOSE_FILE))) {
    return [
      {
        file: path.join(root, ROOT_COMPOSE_FILE),
        path: '',
        message: 'does not exist; is this a rendered stack?',
      },
    ];
  }
  const tooLarge = composeSizeProblems(root);
  if (tooLarge.length) return tooLarge;
  return [
    ...(checks === 'full' ? lintComposeFiles(root, composeFilesIn(root)) : []),
    ...checkComposeModel(root),
  ];
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

export interface StackValidationOptions extends HelmCheckOptions {
  /**
   * The tools users run (docker-compose, helmfile, promtool): run when on
   * the PATH (`available`, the default), a problem when missing
   * (`required`, as the tests ask), or not run (`none`).
   */
  tools?: 'available' | 'required' | 'none';
}

export interface StackValidation {
  problems: Problem[];
  /** The users' tools that checked the stack. */
  ran: StackTool[];
  /** The users' tools that would have applied but are not installed. */
  missing: StackTool[];
}

/**
 * Every validator over a rendered stack directory, for the targets it
 * holds (compose, Helm/helmfile, catalog); no problems means valid.
 */
export async function validateStack(
  root: string,
  options: StackValidationOptions = {},
): Promise<StackValidation> {
  const targets = targetsIn(root);
  if (!targets.compose && !targets.helm && !targets.catalog)
    return {
      problems: [
        {
          file: root,
          path: '',
          message: `holds neither ${ROOT_COMPOSE_FILE} nor ${HELMFILE}; is this a rendered stack?`,
        },
      ],
      ran: [],
      missing: [],
    };
  const ran: StackTool[] = [];
  const missing: StackTool[] = [];
  const mode = options.tools ?? 'available';
  const checks = options.checks ?? 'full';
  const toolProblems: Problem[] = [];
  /** Runs `check` with `tool`, or records why it did not run. */
  const withTool = async <T>(
    tool: StackTool,
    check: () => Promise<T>,
  ): Promise<T | undefined> => {
    if (mode === 'none') return undefined;
    if (!toolAvailable(tool)) {
      missing.push(tool);
      if (mode === 'required')
        toolProblems.push({
          file: root,
          path: tool,
          message: missingToolMessage(tool),
        });
      return undefined;
    }
    ran.push(tool);
    return check();
  };
  // The helm, helmfile and docker-compose runs are other processes: they
  // run side by side, while dclint and the model checks use this one.
  const running = Promise.all([
    targets.helm ? checkHelmDir(root, options) : undefined,
    targets.catalog ? checkCatalogFile(root) : [],
    // A compose file too large to validate is not handed to docker-compose either.
    targets.compose && !composeSizeProblems(root).length
      ? withTool('docker-compose', () => loadComposeWithDocker(root))
      : undefined,
    fs.existsSync(path.join(root, HELMFILE))
      ? withTool('helmfile', () => runHelmfile(root, checks))
      : undefined,
  ]);
  // dclint meanwhile: the children's output waits in their pipes.
  const composeModel = targets.compose ? validateComposeDir(root, checks) : [];
  const [helm, catalog, compose, helmfile] = await running;
  const configs = prometheusConfigsOf(root, helm?.objects ?? []);
  const prometheus = configs.length
    ? await withTool('promtool', () => checkPrometheusConfigs(configs))
    : undefined;
  const problems: Problem[] = [
    ...composeModel,
    ...(helm?.problems ?? []),
    ...catalog,
    ...(compose ?? []),
    ...(helmfile ?? []),
    ...(prometheus ?? []),
    ...toolProblems,
  ];
  return { problems, ran, missing };
}

/** The problems `validateStack` finds; an empty list means valid. */
export async function validateStackDir(
  root: string,
  options: StackValidationOptions = {},
): Promise<Problem[]> {
  return (await validateStack(root, options)).problems;
}

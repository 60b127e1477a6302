import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_COMPOSE_FILE } from '../render/compose';
import { ENV_EXAMPLE_FILE } from '../render/secrets';
import { parseYaml } from '../yaml';
import { inScratchDir, runTool, toolMessage } from './stackTools';

/** The names `.env.example` documents, in its order. */
export function envExampleNames(root: string): string[] {
  const file = path.join(root, ENV_EXAMPLE_FILE);
  if (!fs.existsSync(file)) return [];
  return [
    ...fs.readFileSync(file, 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm),
  ].map(m => m[1]);
}

/** A value for every secret, shaped as `scripts/init-env` writes them (48 hex digits). */
const placeholderEnv = (names: string[]) =>
  names.map(n => `${n}=${'0123456789abcdef'.repeat(3)}\n`).join('');

interface LoadedService {
  image?: string;
  healthcheck?: { test?: string[] };
  command?: string[];
  entrypoint?: string[];
}

/**
 * Loads the stack with Docker Compose itself (`docker-compose config`, the
 * loader `docker compose up` runs first: YAML through Go's yaml.v3,
 * interpolation, `include:`, healthcheck and duration syntax), with a value
 * for every name in `.env.example`. Any warning is a problem too, and every
 * service must come out as our own parser reads it.
 */
export async function loadComposeWithDocker(root: string): Promise<Problem[]> {
  const file = ROOT_COMPOSE_FILE;
  return inScratchDir(async scratch => {
    const envFile = path.join(scratch, '.env');
    fs.writeFileSync(envFile, placeholderEnv(envExampleNames(root)));
    const result = await runTool(
      'docker-compose',
      [
        '--project-directory',
        root,
        '--file',
        path.join(root, file),
        '--env-file',
        envFile,
        'config',
        '--format',
        'json',
      ],
      // A config folder of its own: no user's contexts or plugins apply.
      { env: { DOCKER_CONFIG: scratch, COMPOSE_PROFILES: '' } },
    );
    if (!result.ok)
      return [
        { file, path: 'docker compose config', message: toolMessage(result) },
      ];
    const problems: Problem[] = result.stderr
      .split('\n')
      .filter(l => /warn/i.test(l))
      .map(l => ({ file, path: 'docker compose config', message: l.trim() }));
    const loaded = JSON.parse(result.stdout) as {
      services?: Record<string, LoadedService>;
    };
    problems.push(...compareWithOwnParse(root, loaded.services ?? {}));
    return problems;
  });
}

/** Services as Compose loaded them against the same files read by our parser. */
function compareWithOwnParse(
  root: string,
  loaded: Record<string, LoadedService>,
): Problem[] {
  const problems: Problem[] = [];
  const rootDoc = parseYaml(
    fs.readFileSync(path.join(root, ROOT_COMPOSE_FILE), 'utf8'),
    ROOT_COMPOSE_FILE,
  ) as { include?: string[] };
  const seen = new Set<string>();
  for (const include of rootDoc.include ?? []) {
    const doc = parseYaml(
      fs.readFileSync(path.join(root, include), 'utf8'),
      include,
    ) as { services?: Record<string, LoadedService> };
    for (const [name, ours] of Object.entries(doc.services ?? {})) {
      seen.add(name);
      const theirs = loaded[name];
      const where = `services.${name}`;
      if (!theirs) {
        problems.push({
          file: include,
          path: where,
          message: 'is missing from what Docker Compose loaded',
        });
        continue;
      }
      if (theirs.image !== ours.image)
        problems.push({
          file: include,
          path: `${where}.image`,
          message: `Docker Compose reads '${theirs.image}', not '${ours.image}'`,
        });
      for (const key of ['command', 'entrypoint'] as const)
        if (
          Array.isArray(ours[key]) &&
          theirs[key]?.length !== ours[key]!.length
        )
          problems.push({
            file: include,
            path: `${where}.${key}`,
            message: `Docker Compose reads ${
              theirs[key]?.length ?? 0
            } items, our parser ${ours[key]!.length}`,
          });
      const ourTest = ours.healthcheck?.test;
      if (ourTest && theirs.healthcheck?.test?.length !== ourTest.length)
        problems.push({
          file: include,
          path: `${where}.healthcheck.test`,
          message: `Docker Compose reads ${
            theirs.healthcheck?.test?.length ?? 0
          } items, our parser ${ourTest.length}`,
        });
    }
  }
  for (const name of Object.keys(loaded))
    if (!seen.has(name))
      problems.push({
        file: ROOT_COMPOSE_FILE,
        path: `services.${name}`,
        message: 'is loaded by Docker Compose but in no included file',
      });
  return problems;
}

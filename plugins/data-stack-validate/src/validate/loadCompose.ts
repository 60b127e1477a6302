import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  ENV_EXAMPLE_FILE,
  parseYaml,
  readEnvFile,
  ROOT_COMPOSE_FILE,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { ToolResult, inScratchDir, runTool, toolMessage } from './stackTools';

/** A value for every secret, shaped as `scripts/init-env` writes them (48 hex digits). */
const placeholderEnv = (names: string[]) =>
  names.map(n => `${n}=${'0123456789abcdef'.repeat(3)}\n`).join('');

/** A service as `docker compose config` writes it (the keys read here). */
export interface ComposeService {
  image: string;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  volumes?: {
    type: 'bind' | 'volume' | string;
    source: string;
    target: string;
  }[];
  /** Limits as Compose loads them: memory in bytes (as a string), CPUs. */
  deploy?: {
    resources?: { limits?: { memory?: string; cpus?: number } };
  };
}

/**
 * `docker-compose config --format json` of a rendered stack with `envFile`:
 * the model `docker compose up` would run, interpolated (and `$` written as
 * `$$` again). Its own config folder: no user's contexts or plugins apply.
 */
export async function composeConfig(
  root: string,
  envFile: string,
): Promise<ToolResult> {
  return inScratchDir(scratch =>
    runTool(
      'docker-compose',
      [
        '--project-directory',
        root,
        '--file',
        path.join(root, ROOT_COMPOSE_FILE),
        '--env-file',
        envFile,
        'config',
        '--format',
        'json',
      ],
      { env: { DOCKER_CONFIG: scratch, COMPOSE_PROFILES: '' } },
    ),
  );
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
    fs.writeFileSync(
      envFile,
      placeholderEnv(
        Object.keys(readEnvFile(path.join(root, ENV_EXAMPLE_FILE))),
      ),
    );
    const result = await composeConfig(root, envFile);
    if (!result.ok)
      return [
        { file, path: 'docker compose config', message: toolMessage(result) },
      ];
    const problems: Problem[] = result.stderr
      .split('\n')
      .filter(l => /warn/i.test(l))
      .map(l => ({ file, path: 'docker compose config', message: l.trim() }));
    const loaded = JSON.parse(result.stdout) as {
      services?: Record<string, ComposeService>;
    };
    problems.push(...compareWithOwnParse(root, loaded.services ?? {}));
    return problems;
  });
}

/** Services as Compose loaded them against the same files read by our parser. */
function compareWithOwnParse(
  root: string,
  loaded: Record<string, ComposeService>,
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
    ) as { services?: Record<string, ComposeService> };
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

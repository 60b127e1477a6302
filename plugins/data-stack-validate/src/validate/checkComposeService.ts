import type { Problem } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { unsafeServiceProblems } from '@big-data-stack/backstage-plugin-data-stack-node';

/** A service as a compose file writes it, before Compose loads it (the keys read here). */
export type ComposeFileService = {
  image?: string;
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: (string | { type?: string; source?: string })[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | Record<string, unknown>)[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
};
/** Every service of the stack by name, with the file that defines it. */
export type StackServices = Map<
  string,
  { file: string; service: ComposeFileService }
>;

/** Names that hold secrets; their values must come from `.env`. */
const SECRET_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY)/i;

/**
 * One service against the stack: its healthcheck, what it waits for, what
 * it mounts, its image and ports, and its secrets.
 */
export function checkComposeService(
  root: string,
  { file, doc }: { file: string; doc: { volumes?: Record<string, unknown> } },
  name: string,
  service: ComposeFileService,
  services: StackServices,
): Problem[] {
  const at = `services.${name}`;
  const dir = path.dirname(path.join(root, file));
  return [
    ...healthcheckProblems(file, at, service),
    ...dependsOnProblems(file, at, service, services),
    ...volumeProblems(file, at, service, dir, doc.volumes ?? {}),
    ...unsafeServiceProblems(service).map(p => ({
      file,
      path: `${at}.${p.key}`,
      message: p.message,
    })),
    ...literalSecretProblems(file, at, service),
  ];
}

/** A long-running service (not a `restart: no` job) without a healthcheck. */
function healthcheckProblems(
  file: string,
  at: string,
  service: ComposeFileService,
): Problem[] {
  // `disable: true` is a descriptor's stated choice; waiting on it is still an error in dependsOnProblems.
  if (
    service.restart === 'no' ||
    service.healthcheck?.test ||
    service.healthcheck?.disable
  )
    return [];
  return [
    { file, path: at, message: 'a long-running service needs a healthcheck' },
  ];
}

/**
 * `depends_on` entries that name no service, or wait on a condition the
 * service cannot meet: healthy without a healthcheck, completed while it
 * restarts.
 */
function dependsOnProblems(
  file: string,
  at: string,
  service: ComposeFileService,
  services: StackServices,
): Problem[] {
  const deps: Record<string, { condition?: string }> = Array.isArray(
    service.depends_on,
  )
    ? Object.fromEntries(service.depends_on.map(d => [d, {}]))
    : service.depends_on ?? {};
  const problems: Problem[] = [];
  const problem = (message: string) =>
    problems.push({ file, path: `${at}.depends_on`, message });
  for (const [dep, { condition }] of Object.entries(deps)) {
    const target = services.get(dep);
    if (!target) problem(`'${dep}' is not a service of the stack`);
    else if (
      condition === 'service_healthy' &&
      !target.service.healthcheck?.test
    )
      problem(
        `waits for '${dep}' to be healthy, but '${dep}' has no healthcheck`,
      );
    else if (
      condition === 'service_completed_successfully' &&
      target.service.restart !== 'no'
    )
      problem(
        `waits for '${dep}' to complete, but '${dep}' restarts and never completes`,
      );
  }
  return problems;
}

/**
 * Bind mounts of files that do not exist (relative to the file's folder),
 * and named volumes the file does not declare.
 */
function volumeProblems(
  file: string,
  at: string,
  service: ComposeFileService,
  dir: string,
  declaredVolumes: Record<string, unknown>,
): Problem[] {
  const problems: Problem[] = [];
  for (const volume of service.volumes ?? []) {
    const source =
      typeof volume === 'string' ? volume.split(':')[0] : volume.source ?? '';
    if (source.startsWith('.') || source.startsWith('/')) {
      if (!fs.existsSync(path.resolve(dir, source)))
        problems.push({
          file,
          path: `${at}.volumes`,
          message: `mounts ${source}, which does not exist`,
        });
    } else if (source && !Object.hasOwn(declaredVolumes, source)) {
      problems.push({
        file,
        path: `${at}.volumes`,
        message: `uses volume '${source}', which the file does not declare under volumes:`,
      });
    }
  }
  return problems;
}

/** Environment entries named like a secret whose value is not a `${VAR}` reference. */
function literalSecretProblems(
  file: string,
  at: string,
  service: ComposeFileService,
): Problem[] {
  const env = Array.isArray(service.environment)
    ? Object.fromEntries(
        service.environment.map(e => e.split(/=(.*)/s).slice(0, 2)),
      )
    : service.environment ?? {};
  return Object.entries(env)
    .filter(
      ([key, value]) =>
        SECRET_NAME.test(key) &&
        !(typeof value === 'string' && /\$\{[A-Za-z_]/.test(value)),
    )
    .map(([key]) => ({
      file,
      path: `${at}.environment.${key}`,
      message: 'holds a literal secret; reference a variable from .env instead',
    }));
}

import {
  DataStackError,
  Problem,
  orderByDependencies,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  ENV_EXAMPLE_FILE,
  parseYaml,
  readInputFile,
  unsafeServiceProblems,
} from '@big-data-stack/backstage-plugin-data-stack-node';

type ComposeService = {
  image?: string;
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: (string | { type?: string; source?: string })[];
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | Record<string, unknown>)[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
};
type ComposeFile = {
  include?: (string | { path: string | string[] })[];
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

/** Names that hold secrets; their values must come from `.env`. */
const SECRET_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY)/i;
/** Compose interpolation: `${VAR}`, `${VAR:-default}`, `$VAR`; `$$` is a literal dollar. */
const VARIABLE =
  /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function variablesIn(value: unknown, found: Set<string>) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(VARIABLE))
      if (m[1] !== '$') found.add(m[2] ?? m[3]);
  } else if (Array.isArray(value)) {
    value.forEach(v => variablesIn(v, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => variablesIn(v, found));
  }
}

function declaredVariables(root: string): Set<string> {
  const file = path.join(root, ENV_EXAMPLE_FILE);
  if (!fs.existsSync(file)) return new Set();
  return new Set(
    [
      ...fs.readFileSync(file, 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm),
    ].map(m => m[1]),
  );
}

/**
 * Loads a stack the way Compose loads `include:` and checks what the schema
 * cannot: every included file exists, no service is defined twice across
 * files, every `depends_on` names a service that exists and can satisfy the
 * condition, bind-mounted files exist, named volumes are declared, ports are
 * published on loopback only, and no secret is written in clear text.
 */
export function checkComposeModel(
  root: string,
  rootFile = 'docker-compose.yml',
): Problem[] {
  const problems: Problem[] = [];
  const load = (file: string): ComposeFile | undefined => {
    const full = path.join(root, file);
    try {
      return (parseYaml(readInputFile(full), file) ?? {}) as ComposeFile;
    } catch (error) {
      if (!(error instanceof DataStackError)) throw error;
      problems.push(
        ...error.problems.map(p => ({ ...p, file: p.file && file })),
      );
      return undefined;
    }
  };
  const top = load(rootFile);
  if (!top) return problems;
  const files: { file: string; doc: ComposeFile }[] = [
    { file: rootFile, doc: top },
  ];
  for (const entry of top.include ?? []) {
    for (const p of ([] as string[]).concat(
      typeof entry === 'string' ? entry : entry.path,
    )) {
      const doc = load(p);
      if (doc) files.push({ file: p, doc });
    }
  }

  const services = new Map<string, { file: string; service: ComposeService }>();
  for (const { file, doc } of files) {
    for (const [name, service] of Object.entries(doc.services ?? {})) {
      const other = services.get(name);
      if (other)
        problems.push({
          file,
          path: `services.${name}`,
          message: `is also defined in ${other.file}; Compose refuses duplicate services across included files`,
        });
      services.set(name, { file, service });
    }
  }

  const waits = (name: string) => {
    const deps = services.get(name)?.service.depends_on ?? [];
    return (Array.isArray(deps) ? deps : Object.keys(deps)).filter(d =>
      services.has(d),
    );
  };
  const order = orderByDependencies([...services.keys()], waits);
  if ('cycle' in order)
    problems.push({
      file: services.get(order.cycle[0])!.file,
      path: `services.${order.cycle[0]}.depends_on`,
      message: `services wait for each other in a cycle: ${order.cycle.join(
        ' → ',
      )}`,
    });

  const declared = declaredVariables(root);
  for (const { file, doc } of files) {
    const dir = path.dirname(path.join(root, file));
    const used = new Set<string>();
    variablesIn(doc, used);
    for (const name of used) {
      if (!declared.has(name))
        problems.push({
          file,
          path: '',
          message: `uses \${${name}}, which ${ENV_EXAMPLE_FILE} does not declare`,
        });
    }
    for (const [name, service] of Object.entries(doc.services ?? {})) {
      const at = `services.${name}`;
      const isJob = service.restart === 'no';
      // `disable: true` is a descriptor's stated choice; waiting on it is still an error below.
      if (!isJob && !service.healthcheck?.test && !service.healthcheck?.disable)
        problems.push({
          file,
          path: at,
          message: 'a long-running service needs a healthcheck',
        });
      const deps: Record<string, { condition?: string }> = Array.isArray(
        service.depends_on,
      )
        ? Object.fromEntries(service.depends_on.map(d => [d, {}]))
        : service.depends_on ?? {};
      for (const [dep, { condition }] of Object.entries(deps)) {
        const target = services.get(dep);
        if (!target) {
          problems.push({
            file,
            path: `${at}.depends_on`,
            message: `'${dep}' is not a service of the stack`,
          });
        } else if (
          condition === 'service_healthy' &&
          !target.service.healthcheck?.test
        ) {
          problems.push({
            file,
            path: `${at}.depends_on`,
            message: `waits for '${dep}' to be healthy, but '${dep}' has no healthcheck`,
          });
        } else if (
          condition === 'service_completed_successfully' &&
          target.service.restart !== 'no'
        ) {
          problems.push({
            file,
            path: `${at}.depends_on`,
            message: `waits for '${dep}' to complete, but '${dep}' restarts and never completes`,
          });
        }
      }
      for (const volume of service.volumes ?? []) {
        const source =
          typeof volume === 'string'
            ? volume.split(':')[0]
            : volume.source ?? '';
        if (source.startsWith('.') || source.startsWith('/')) {
          if (!fs.existsSync(path.resolve(dir, source)))
            problems.push({
              file,
              path: `${at}.volumes`,
              message: `mounts ${source}, which does not exist`,
            });
        } else if (source && !Object.hasOwn(doc.volumes ?? {}, source)) {
          problems.push({
            file,
            path: `${at}.volumes`,
            message: `uses volume '${source}', which the file does not declare under volumes:`,
          });
        }
      }
      problems.push(
        ...unsafeServiceProblems(service).map(p => ({
          file,
          path: `${at}.${p.key}`,
          message: p.message,
        })),
      );
      const env = Array.isArray(service.environment)
        ? Object.fromEntries(
            service.environment.map(e => e.split(/=(.*)/s).slice(0, 2)),
          )
        : service.environment ?? {};
      for (const [key, value] of Object.entries(env)) {
        if (
          SECRET_NAME.test(key) &&
          !(typeof value === 'string' && /\$\{[A-Za-z_]/.test(value))
        ) {
          problems.push({
            file,
            path: `${at}.environment.${key}`,
            message:
              'holds a literal secret; reference a variable from .env instead',
          });
        }
      }
    }
  }
  return problems;
}

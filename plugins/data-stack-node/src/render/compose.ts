import {
  DataStackError,
  PlannedHealthcheck,
  PlannedService,
  PlannedText,
  Problem,
  StackPlan,
  parseMebibytes,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import path from 'node:path';
import { YamlOptions, stringifyYaml } from '../yaml';
import { unsafeServiceProblems } from './composeSafety';
import { GENERATED_HEADER, RenderedFile } from './files';

export const ROOT_COMPOSE_FILE = 'docker-compose.yml';
export const serviceComposeFile = (component: string) =>
  `services/${component}/docker-compose.yml`;

/**
 * How compose files are written: dclint wants single-quoted ports; quoting
 * `restart: 'no'` and `user: '50000:0'` keeps YAML 1.1 readers from seeing a
 * boolean or a sexagesimal number.
 */
export const COMPOSE_YAML: YamlOptions = {
  quoteKeys: ['ports', 'restart', 'user'],
};

/** A stack path as seen from `services/<id>/`, where compose resolves it. */
function fromServiceDir(component: string, source: string): string {
  const relative = path.posix.relative(`services/${component}`, source);
  return relative.startsWith('..') ? relative : `./${relative}`;
}

/**
 * Text as compose reads it: a secret is a variable of the root .env, a
 * literal `$` is escaped as `$$`
 * (https://docs.docker.com/reference/compose-file/interpolation/).
 */
export const composeText = (text: PlannedText): string =>
  text
    .map(part =>
      typeof part === 'string'
        ? part.replaceAll('$', '$$$$')
        : `\${${part.secret}}`,
    )
    .join('');

/** Compose's healthcheck keys; durations in Go's notation. */
function composeHealthcheck(h: PlannedHealthcheck) {
  const command = h.command;
  return {
    test:
      'shell' in command
        ? ['CMD-SHELL', composeText(command.shell)]
        : ['CMD', ...command.exec.map(composeText)],
    interval: `${h.intervalSeconds}s`,
    timeout: `${h.timeoutSeconds}s`,
    retries: h.retries,
    start_period: `${h.startPeriodSeconds}s`,
  };
}

/** Compose's memory notation: 512Mi → 512m. */
const composeMemory = (quantity: string) => `${parseMebibytes(quantity)}m`;

/**
 * One compose service. Keys follow dclint's service-keys-order, so the
 * rendered files lint clean without a fix-up pass.
 */
function composeService(s: PlannedService): Record<string, unknown> {
  const service: Record<string, unknown> = { image: s.image };
  if (s.dependsOn.length) {
    service.depends_on = Object.fromEntries(
      [...s.dependsOn]
        .sort((a, b) => a.service.localeCompare(b.service))
        .map(d => [d.service, { condition: d.condition }]),
    );
  }
  const volumes = [
    ...s.volumes.map(v => `${v.volume}:${v.mountPath}`),
    ...s.mounts.map(
      m => `${fromServiceDir(s.component, m.source)}:${m.target}:ro`,
    ),
  ];
  if (volumes.length) service.volumes = volumes;
  if (Object.keys(s.environment).length)
    service.environment = Object.fromEntries(
      Object.entries(s.environment).map(([k, v]) => [k, composeText(v)]),
    );
  const ports = s.ports
    .filter(p => p.hostPort !== undefined)
    .map(
      p =>
        `127.0.0.1:${p.hostPort}:${p.port}${
          p.protocol === 'UDP' ? '/udp' : ''
        }`,
    )
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (ports.length) service.ports = ports;
  if (s.command !== undefined) service.command = s.command.map(composeText);
  if (s.entrypoint !== undefined)
    service.entrypoint = s.entrypoint.map(composeText);
  service.restart = s.job ? 'no' : 'unless-stopped';
  if (s.healthcheck) service.healthcheck = composeHealthcheck(s.healthcheck);
  else if (s.healthcheckDisabled) service.healthcheck = { disable: true };
  if (s.user !== undefined) service.user = s.user;
  const rest: Record<string, unknown> = {
    ...s.compose,
    deploy: {
      resources: {
        limits: {
          cpus: String(s.resources.cpu),
          memory: composeMemory(s.resources.memory),
        },
      },
    },
  };
  for (const key of Object.keys(rest).sort()) service[key] = rest[key];
  return service;
}

/** `services/<id>/docker-compose.yml` for one component. */
export function renderComponentCompose(
  plan: StackPlan,
  componentId: string,
): RenderedFile {
  const component = plan.components.find(c => c.id === componentId)!;
  const services = component.services
    .filter(s => !s.kubernetes.only)
    .sort((a, b) => a.name.localeCompare(b.name));
  const volumes = [
    ...new Set(services.flatMap(s => s.volumes.map(v => v.volume))),
  ].sort();
  // dclint wants a project name in every file; Compose takes the root file's.
  const rendered = services.map(s => [s.name, composeService(s)] as const);
  // The descriptor schema refuses both already; this holds for a library built in code too.
  const problems: Problem[] = rendered.flatMap(([name, service]) =>
    unsafeServiceProblems(service).map(p => ({
      file: component.source,
      path: `spec.services.${name}.${p.key}`,
      message: p.message,
    })),
  );
  if (problems.length) throw new DataStackError(problems);
  const doc: Record<string, unknown> = {
    name: plan.stack.name,
    services: Object.fromEntries(rendered),
  };
  if (volumes.length)
    doc.volumes = Object.fromEntries(volumes.map(v => [v, {}]));
  return {
    path: serviceComposeFile(componentId),
    content: stringifyYaml(doc, {
      header: `${component.title}: ${component.description}\n${GENERATED_HEADER}`,
      ...COMPOSE_YAML,
    }),
  };
}

/** The root `docker-compose.yml`: one `include:` per component, providers first. */
export function renderRootCompose(plan: StackPlan): RenderedFile {
  const doc = {
    name: plan.stack.name,
    // Included files interpolate with the root project's .env, so one .env serves all.
    include: plan.components.map(c => serviceComposeFile(c.id)),
  };
  return {
    path: ROOT_COMPOSE_FILE,
    content: stringifyYaml(doc, {
      header: `${plan.stack.name}${
        plan.stack.description ? `: ${plan.stack.description}` : ''
      }\nRun scripts/init-env once, then: docker compose up -d\n${GENERATED_HEADER}`,
      ...COMPOSE_YAML,
    }),
  };
}

/** Every compose file of the stack. */
export function renderCompose(plan: StackPlan): RenderedFile[] {
  return [
    renderRootCompose(plan),
    ...plan.components.map(c => renderComponentCompose(plan, c.id)),
  ];
}

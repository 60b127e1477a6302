import {
  PlannedService,
  PlannedText,
  Problem,
  StackPlan,
  formatCpu,
  isBuiltInProbe,
  parseCpu,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * How one planned service becomes a Kubernetes container: variables,
 * commands, probes and resources. Kubernetes takes a secret from a Secret
 * by reference and expands `$(NAME)` in env, command and args
 * (https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/).
 */

export type EnvVar =
  | { name: string; value: string }
  | {
      name: string;
      valueFrom: { secretKeyRef: { name: string; key: string } };
    };

/** Which Kubernetes Secret holds each stack secret: its owner's, or the one the stack names. */
export function secretHolders(plan: StackPlan): Map<string, string> {
  const holders = new Map<string, string>();
  for (const c of plan.components)
    for (const s of c.secrets) holders.set(s.name, secretNameOf(plan, c.id));
  return holders;
}

export function secretNameOf(plan: StackPlan, component: string): string {
  return (
    plan.stack.kubernetes.existingSecrets[component] ?? `${component}-secrets`
  );
}

/** Text as Kubernetes expands it; secrets used are added to `refs`. */
export function kubernetesText(text: PlannedText, refs: Set<string>): string {
  return text
    .map(part => {
      if (typeof part === 'string') return part;
      refs.add(part.secret);
      return `$(${part.secret})`;
    })
    .join('');
}

/** Text a shell runs (exec probes): the shell expands `${NAME}` from the environment. */
function shellText(text: PlannedText, refs: Set<string>): string {
  return text
    .map(part => {
      if (typeof part === 'string') return part;
      refs.add(part.secret);
      return `\${${part.secret}}`;
    })
    .join('');
}

/** The service's entrypoint is Kubernetes' command; its command the args. */
export function commandAndArgs(s: PlannedService, refs: Set<string>) {
  const convert = (v: PlannedText[] | undefined) =>
    v?.map(part => kubernetesText(part, refs));
  return { command: convert(s.entrypoint), args: convert(s.command) };
}

/**
 * The container environment: a variable that is exactly one secret reads
 * it from its Secret; a secret inside a longer value is defined first under
 * its own name and expanded with `$(NAME)`.
 */
export function containerEnv(
  environment: Record<string, PlannedText>,
  refs: Set<string>,
  holders: Map<string, string>,
  problems: Problem[],
  where: { file?: string; path: string },
): EnvVar[] {
  const fromSecret = (name: string, key: string): EnvVar => {
    const holder = holders.get(key);
    if (!holder)
      problems.push({
        ...where,
        message: `\${${key}} is not a secret any component of the stack declares`,
      });
    return {
      name,
      valueFrom: { secretKeyRef: { name: holder ?? 'missing', key } },
    };
  };
  const direct: EnvVar[] = [];
  const rest: EnvVar[] = [];
  for (const [name, value] of Object.entries(environment)) {
    const [only] = value;
    if (value.length === 1 && typeof only === 'object')
      direct.push(fromSecret(name, only.secret));
    else rest.push({ name, value: kubernetesText(value, refs) });
  }
  const defined = new Set(
    direct
      .filter(e => 'valueFrom' in e && e.valueFrom.secretKeyRef.key === e.name)
      .map(e => e.name),
  );
  const needed = [...refs]
    .filter(name => !defined.has(name))
    .sort()
    .map(name => fromSecret(name, name));
  return [...needed, ...direct, ...rest];
}

/** Kubernetes counts probe time in whole seconds, at least one. */
const wholeSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds));

/**
 * What Kubernetes runs to check the service: an HTTP GET or TCP connect
 * where the descriptor's probe needs no more; otherwise the compose
 * healthcheck command, which checks the documented healthy condition
 * (Trino's "starting": false, a SQL ping), not just a 200.
 */
function probeAction(
  s: PlannedService,
  refs: Set<string>,
  problems: Problem[],
  where: { file?: string; path: string },
): Record<string, unknown> | undefined {
  // A probe of a type a backend module adds runs the healthcheck, as sql does.
  const p = s.probe && isBuiltInProbe(s.probe) ? s.probe : undefined;
  if (
    p?.type === 'http' &&
    !p.expect.json &&
    p.expect.body === undefined &&
    p.expect.status === 200
  )
    return {
      httpGet: { path: p.path, port: p.port, scheme: p.scheme.toUpperCase() },
    };
  if (p?.type === 'tcp') return { tcpSocket: { port: p.port } };
  const command = s.healthcheck?.command;
  if (!command) return undefined;
  if ('shell' in command)
    return { exec: { command: ['sh', '-c', shellText(command.shell, refs)] } };
  if (command.exec.some(arg => arg.some(part => typeof part === 'object')))
    problems.push({
      ...where,
      message:
        'a CMD healthcheck cannot read a secret on Kubernetes (no shell expands it); use CMD-SHELL',
    });
  return {
    exec: { command: command.exec.map(arg => kubernetesText(arg, refs)) },
  };
}

/** Startup, readiness and liveness probes with compose's timing. */
export function probes(
  s: PlannedService,
  refs: Set<string>,
  problems: Problem[],
  where: { file?: string; path: string },
): Record<string, Record<string, unknown>> {
  const action = probeAction(s, refs, problems, where);
  if (!action) return {};
  const h = s.healthcheck;
  const period = wholeSeconds(h?.intervalSeconds ?? 10);
  const timeout = wholeSeconds(h?.timeoutSeconds ?? 5);
  const retries = h?.retries ?? 10;
  const start = wholeSeconds(h?.startPeriodSeconds ?? 10);
  return {
    startupProbe: {
      ...action,
      periodSeconds: period,
      timeoutSeconds: timeout,
      // As long as compose waits: the start period plus every retry.
      failureThreshold: Math.ceil(start / period) + retries,
    },
    readinessProbe: {
      ...action,
      periodSeconds: period,
      timeoutSeconds: timeout,
      failureThreshold: 3,
    },
    livenessProbe: {
      ...action,
      periodSeconds: period,
      timeoutSeconds: timeout,
      failureThreshold: Math.max(3, retries),
    },
  };
}

/**
 * Limits are the profile's; memory is requested in full (a JVM touches its
 * heap) and CPU in the profile's share, so a dev cluster can schedule it.
 */
export function containerResources(s: PlannedService, cpuRequest: number) {
  const cpu = parseCpu(s.resources.cpu);
  return {
    requests: {
      cpu: formatCpu(
        Math.max(0.01, Math.round(cpu * cpuRequest * 1000) / 1000),
      ),
      memory: s.resources.memory,
    },
    limits: { cpu: formatCpu(cpu), memory: s.resources.memory },
  };
}

import {
  PlannedService,
  Problem,
  StackPlan,
  formatCpu,
  parseCpu,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * How one compose service becomes a Kubernetes container: variables,
 * commands, probes and resources. Compose spells a literal `$` as `$$` and a
 * secret as `${NAME}` (read from .env); Kubernetes takes the secret from a
 * Secret by reference and expands `$(NAME)` in env, command and args.
 */

const SECRET_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const EXACT_SECRET = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

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

/** Compose text as Kubernetes expands it; secrets used are added to `refs`. */
export function kubernetesText(text: string, refs: Set<string>): string {
  return text
    .split('$$')
    .map(part =>
      part.replace(SECRET_REF, (_, name: string) => {
        refs.add(name);
        return `$(${name})`;
      }),
    )
    .join('$');
}

/** Compose text a shell runs (exec probes): the shell expands `${NAME}` from the environment. */
function shellText(text: string, refs: Set<string>): string {
  return text
    .split('$$')
    .map(part => {
      for (const m of part.matchAll(SECRET_REF)) refs.add(m[1]);
      return part;
    })
    .join('$');
}

const asList = (value: string | string[] | undefined) =>
  typeof value === 'string' ? [value] : value;

/** Compose's entrypoint is Kubernetes' command; compose's command its args. */
export function commandAndArgs(s: PlannedService, refs: Set<string>) {
  const convert = (v: string | string[] | undefined) =>
    asList(v)?.map(part => kubernetesText(part, refs));
  return { command: convert(s.entrypoint), args: convert(s.command) };
}

/**
 * The container environment: a variable that is exactly one secret reads
 * it from its Secret; a secret inside a longer value is defined first under
 * its own name and expanded with `$(NAME)`.
 */
export function containerEnv(
  environment: Record<string, string>,
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
    const exact = EXACT_SECRET.exec(value);
    if (exact) direct.push(fromSecret(name, exact[1]));
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

const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
};

/** Seconds of a compose duration (`10s`, `1m`, `1m30s`). */
export function seconds(duration: string): number {
  let total = 0;
  for (const m of duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return Math.max(1, Math.ceil(total));
}

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
  const p = s.probe;
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
  if (!s.healthcheck) return undefined;
  const [kind, ...test] = s.healthcheck.test;
  if (kind === 'CMD-SHELL')
    return { exec: { command: ['sh', '-c', shellText(test.join(' '), refs)] } };
  if (kind === 'CMD') {
    if (test.some(t => /(^|[^$])\$\{[A-Za-z_]/.test(t)))
      problems.push({
        ...where,
        message:
          'a CMD healthcheck cannot read a secret on Kubernetes (no shell expands it); use CMD-SHELL',
      });
    return { exec: { command: test.map(t => t.split('$$').join('$')) } };
  }
  return undefined;
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
  const period = seconds(h?.interval ?? '10s');
  const timeout = seconds(h?.timeout ?? '5s');
  const retries = h?.retries ?? 10;
  const start = seconds(h?.start_period ?? '10s');
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

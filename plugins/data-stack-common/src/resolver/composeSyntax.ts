import type { ComposeHealthcheck } from '../model/descriptor';
import type { PlannedHealthcheck, PlannedText } from './plan';

/**
 * Descriptors are written in Compose's syntax, which platform teams know:
 * `${NAME}` reads a variable (a stack secret, from .env), `$$` is one
 * literal `$`, healthchecks are `CMD`/`CMD-SHELL` lists with Go durations
 * (https://docs.docker.com/reference/compose-file/interpolation/,
 * https://docs.docker.com/reference/compose-file/services/#healthcheck).
 * The plan holds what they mean, so no target re-reads Compose syntax.
 */

const REFERENCE_OR_ESCAPE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Compose text as literal parts and secret references. */
export function readComposeText(text: string): PlannedText {
  const parts: PlannedText = [];
  let literal = '';
  let last = 0;
  for (const m of text.matchAll(REFERENCE_OR_ESCAPE)) {
    literal += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === undefined) {
      literal += '$';
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ secret: m[1] });
  }
  literal += text.slice(last);
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** A reference to one secret, as the plan holds it. */
export const secretText = (name: string): PlannedText => [{ secret: name }];

const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
  us: 0.000001,
};

/** A Go duration as Compose reads it (`10s`, `1m30s`), in seconds. */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const m of duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g))
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return total;
}

/** A compose healthcheck as the plan holds it. */
export function readHealthcheck(h: ComposeHealthcheck): PlannedHealthcheck {
  const [kind, ...test] = h.test;
  return {
    command:
      kind === 'CMD-SHELL'
        ? { shell: readComposeText(test.join(' ')) }
        : { exec: test.map(readComposeText) },
    intervalSeconds: durationSeconds(h.interval),
    timeoutSeconds: durationSeconds(h.timeout),
    retries: h.retries,
    startPeriodSeconds: durationSeconds(h.start_period),
  };
}

import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS>();

/**
 * A string setting's `pattern`, matched against the whole value by RE2
 * (https://github.com/google/re2/wiki/Syntax): linear time in the value,
 * so a descriptor such as `(a+)+` cannot hang the resolver (or the
 * portal's /plan) on a crafted override. RE2 has no backreferences or
 * lookarounds; a pattern that uses them is refused when the library loads.
 */
export function settingPattern(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** Why `pattern` is not a usable setting pattern, or undefined. */
export function settingPatternProblem(pattern: string): string | undefined {
  try {
    settingPattern(pattern);
    return undefined;
  } catch (error) {
    return `is not an RE2 pattern: ${(error as Error).message}`;
  }
}

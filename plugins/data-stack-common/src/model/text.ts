import { z } from 'zod';

/**
 * Characters no free-text field may hold. YAML readers disagree on which of
 * them end a line: Go's yaml.v3 and PyYAML break lines at NEL (U+0085),
 * U+2028 and U+2029 where JavaScript's `yaml` does not (YAML 1.1 §5.4), so
 * text that is one comment line for us can start a new mapping key for
 * Docker Compose. C0 and C1 controls and DEL are refused by some readers
 * outright (Go's yaml.v3 rejects DEL); the byte-order mark and the
 * bidirectional controls make text read differently from how it runs
 * (CVE-2021-42574).
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Half of a UTF-16 pair: not a character (String#isWellFormed is ES2024). */
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every unsafe character or unpaired surrogate, for replacing. */
export const UNSAFE_CHARACTERS = new RegExp(
  `${UNSAFE_CHARACTER.source}|${LONE_SURROGATE.source}`,
  'gu',
);

const codePoint = (ch: string) =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` is not one line of plain text, or undefined when it is: every
 * user-written description, title and setting value must be, because it may
 * land in a YAML comment, a Markdown page or a container's environment.
 */
export function singleLineProblem(text: string): string | undefined {
  const unsafe = UNSAFE_CHARACTER.exec(text);
  if (unsafe)
    return `must be one line of plain text; found the control character ${codePoint(
      unsafe[0],
    )} at position ${unsafe.index + 1}`;
  if (LONE_SURROGATE.test(text))
    return 'must be one line of plain text; found an unpaired surrogate';
  return undefined;
}

/** A string checked by {@link singleLineProblem}. */
export const singleLineText = z.string().superRefine((text, ctx) => {
  const problem = singleLineProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

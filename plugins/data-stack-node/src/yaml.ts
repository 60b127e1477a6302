import {
  DataStackError,
  singleLineProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import YAML, { Document, isScalar, isSeq, visit, Scalar } from 'yaml';
import { readInputFile } from './read/readInputFile';

/** Aliases a document may use before it counts as an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one YAML document from untrusted text: duplicate keys, several
 * documents, syntax errors and alias bombs become problems naming `source`
 * and the line, never a crash or a hang. What the parser only warns about
 * is refused too: a `%YAML` version other than 1.1 or 1.2, and any tag
 * beyond the core schema's (`!foo`, `!!binary`, `!!set`), which another
 * reader would turn into something else.
 */
export function parseYaml(text: string, source: string): unknown {
  const doc = YAML.parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: true,
    merge: true,
    resolveKnownTags: false,
  });
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length) {
    throw new DataStackError(
      errors.map(e => ({
        file: source,
        path: e.linePos ? `line ${e.linePos[0].line}` : '',
        message: `is not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new DataStackError([
      {
        file: source,
        path: '',
        message: `is not usable YAML: ${(error as Error).message}`,
      },
    ]);
  }
}

/** Reads (see readInputFile) and parses a YAML file; its path names it in problems. */
export function readYamlFile(
  file: string,
  options: Parameters<typeof readInputFile>[1] = {},
): unknown {
  return parseYaml(readInputFile(file, options), file);
}

/**
 * A comment's lines. Only text that cannot end a line in any YAML reader
 * may go into a comment: the schemas guarantee it for user text, and this
 * refuses anything else rather than write a line another reader splits.
 */
function commentLines(text: string): string[] {
  const lines = text.split('\n');
  for (const line of lines) {
    const problem = singleLineProblem(line);
    if (problem)
      throw new Error(
        `refusing to write a YAML comment that ${problem.slice(5)}`,
      );
  }
  return lines;
}

/**
 * Strings a YAML reader would take for something else: plain scalars that
 * YAML 1.1 (helm, PyYAML) or 1.2 (compose-go, yaml.v3) resolves to a
 * boolean, number, null or date, and the 1.1 merge and value keys.
 */
const VALUE_KEY = '=';
const SCHEMA_1_1 = new Document(null, { schema: 'yaml-1.1' }).schema;
const SCHEMA_1_2 = new Document(null).schema;
function isAmbiguous(text: string): boolean {
  if (text === VALUE_KEY) return true;
  return [SCHEMA_1_1, SCHEMA_1_2].some(schema =>
    schema.tags.some(
      tag =>
        tag.default &&
        tag.tag !== 'tag:yaml.org,2002:str' &&
        tag.test?.test(text),
    ),
  );
}

export interface YamlOptions {
  /** A comment written above the document. */
  header?: string;
  /** Keys whose scalar value or items are single-quoted, as dclint asks (compose `ports`, `user`). */
  quoteKeys?: string[];
}

/**
 * Serialises an object as YAML through the library; never by hand. Every
 * collection is written in block style: in a flow sequence Go's yaml.v3
 * (Docker Compose's loader up to 2.40) ends a plain scalar at `?` or `:`,
 * where JS parsers read on.
 */
export function stringifyYaml(
  value: unknown,
  options: YamlOptions = {},
): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (options.header)
    doc.commentBefore = ` ${commentLines(options.header).join('\n ')}`;
  // Every reader must see the same data: quote what one of them would not read as a string.
  visit(doc, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && isAmbiguous(scalar.value))
        scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const quote = new Set(options.quoteKeys ?? []);
  if (quote.size) {
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key)) return;
        const key = String(pair.key.value);
        if (quote.has(key)) {
          if (isScalar(pair.value)) pair.value.type = Scalar.QUOTE_SINGLE;
          if (isSeq(pair.value)) {
            for (const item of pair.value.items)
              if (isScalar(item)) item.type = Scalar.QUOTE_SINGLE;
          }
        }
      },
    });
  }
  return doc.toString({ lineWidth: 0, indent: 2 });
}

/** Several objects as one multi-document YAML stream (`---` before each). */
export function stringifyYamlDocuments(
  values: unknown[],
  options: YamlOptions = {},
): string {
  const header = options.header
    ? `${commentLines(options.header)
        .map(l => `# ${l}`)
        .join('\n')}\n`
    : '';
  return `${header}${values
    .map(v => `---\n${stringifyYaml(v, { ...options, header: undefined })}`)
    .join('')}`;
}

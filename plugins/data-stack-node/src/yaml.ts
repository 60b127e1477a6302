import { DataStackError } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import YAML, { Document, isScalar, isSeq, visit, Scalar } from 'yaml';

/** Aliases a document may use before it counts as an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one YAML document from untrusted text: duplicate keys, several
 * documents, syntax errors and alias bombs become problems naming `source`
 * and the line, never a crash or a hang.
 */
export function parseYaml(text: string, source: string): unknown {
  const doc = YAML.parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: true,
    merge: true,
  });
  if (doc.errors.length) {
    throw new DataStackError(
      doc.errors.map(e => ({
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

/** Reads and parses a YAML file; its path names it in problems. */
export function readYamlFile(file: string): unknown {
  return parseYaml(fs.readFileSync(file, 'utf8'), file);
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
    doc.commentBefore = ` ${options.header.split('\n').join('\n ')}`;
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
    ? `${options.header
        .split('\n')
        .map(l => `# ${l}`)
        .join('\n')}\n`
    : '';
  return `${header}${values
    .map(v => `---\n${stringifyYaml(v, { ...options, header: undefined })}`)
    .join('')}`;
}

/**
 * Serialisers for the non-YAML config formats the stack needs. Each takes
 * structured data and escapes it, so no value can break the file.
 */
import { XMLBuilder } from 'fast-xml-parser';

/** Java `.properties` escaping (java.util.Properties#store rules). */
function escapeProperty(text: string, isKey: boolean): string {
  let out = '';
  for (const [i, ch] of [...text].entries()) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((isKey || i === 0) && ch === ' ') out += '\\ ';
    else if (isKey && '=:#!'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

export function toProperties(
  properties: Record<string, unknown>,
  header?: string,
): string {
  const lines = header ? header.split('\n').map(l => `# ${l}`) : [];
  for (const [key, value] of Object.entries(properties)) {
    lines.push(
      `${escapeProperty(key, true)}=${escapeProperty(String(value), false)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A Logstash config value: strings quoted, arrays and hashes nested. */
function logstashValue(value: unknown, indent: string): string {
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value))
    return `[${value.map(v => logstashValue(v, indent)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(
      ([k, v]) => `${inner}${JSON.stringify(k)} => ${logstashValue(v, inner)}`,
    );
    return `{\n${entries.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(String(value));
}

export type LogstashPlugin = Record<string, Record<string, unknown>>;
export type LogstashPipeline = Partial<
  Record<'input' | 'filter' | 'output', LogstashPlugin[]>
>;

/** Logstash's pipeline language from `{input: [{beats: {port: 5044}}], output: […]}`. */
export function toLogstashPipeline(
  pipeline: LogstashPipeline,
  header?: string,
): string {
  const out = header ? header.split('\n').map(l => `# ${l}`) : [];
  for (const section of ['input', 'filter', 'output'] as const) {
    const plugins = pipeline[section];
    if (!plugins?.length) continue;
    out.push(`${section} {`);
    for (const plugin of plugins) {
      for (const [name, settings] of Object.entries(plugin)) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name))
          throw new Error(`'${name}' is not a Logstash plugin name`);
        out.push(`  ${name} {`);
        for (const [key, value] of Object.entries(settings)) {
          if (!/^[a-z_][a-z0-9_]*$/.test(key))
            throw new Error(`'${key}' is not a Logstash setting name`);
          out.push(`    ${key} => ${logstashValue(value, '    ')}`);
        }
        out.push('  }');
      }
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

/** A `.env` style file: names only, with their descriptions as comments. */
export function toEnvTemplate(
  entries: { name: string; description: string; format?: string }[],
  header: string,
): string {
  const lines = header.split('\n').map(l => `# ${l}`);
  for (const e of entries) {
    lines.push('', `# ${e.description.replace(/\n/g, ' ')}`);
    // scripts/init-env reads this marker to make a value of that shape.
    if (e.format && e.format !== 'hex') lines.push(`# format: ${e.format}`);
    lines.push(`${e.name}=`);
  }
  return `${lines.join('\n')}\n`;
}

/** Text content in fast-xml-parser's ordered form. */
const xmlText = (text: string) => [{ '#text': text }];

/**
 * Hadoop's `<configuration><property>` XML, through fast-xml-parser's
 * builder, which escapes names and values. A comment cannot hold `--`
 * (https://www.w3.org/TR/xml/#sec-comments).
 */
export function toHadoopXml(
  properties: Record<string, unknown>,
  comment: string,
): string {
  const builder = new XMLBuilder({
    format: true,
    indentBy: '  ',
    ignoreAttributes: false,
    commentPropName: '#comment',
    preserveOrder: true,
  });
  const xml = builder.build([
    { '?xml': xmlText(''), ':@': { '@_version': '1.0' } },
    { '#comment': xmlText(` ${comment.replace(/--/g, '- -')} `) },
    {
      configuration: Object.entries(properties).map(([name, value]) => ({
        property: [{ name: xmlText(name) }, { value: xmlText(String(value)) }],
      })),
    },
  ]);
  return `${xml}\n`;
}

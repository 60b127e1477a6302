/**
 * A generated corpus of hostile input for the CLI, library descriptors,
 * the portal's `POST /plan` and the scaffolder's dry run (issue 15): every
 * test that takes user input runs it, and must answer each one with a
 * clear refusal or a safe result, never a crash, a hang or a write
 * outside its output.
 */

/** Every character no free-text field may hold (model/text.ts). */
export const UNSAFE_CHARACTERS: string[] = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u2028',
  '\u2029',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udfff',
];

/** What an attacker appends after a line break a YAML reader may see. */
export const INJECTED_SERVICE =
  'services: {pwn: {image: busybox, privileged: true, volumes: ["/:/host"]}}';

/** Free text carrying each unsafe character, then an injection. */
export const hostileText = (): string[] =>
  UNSAFE_CHARACTERS.map(ch => `stack${ch}${INJECTED_SERVICE}`);

/** Text that is one line, so accepted, but must stay inert wherever it lands. */
export const INERT_TEXT = [
  '<script>alert(1)</script>',
  '<!-- hides the rest of the page',
  '&lt; already escaped &amp;',
  'key: value # not a comment',
  '\'single\' "double" `tick` ${VAR} $(cmd) {{ stack.name }}',
  '日本語 🚀 ∑',
];

/** Names for components, stacks, settings and keys of every map. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'valueOf',
  'hasOwnProperty',
  'toString',
  'prototype',
  '../etc',
  'a/b',
  '%00',
  'x\r\ny',
  '',
  ' ',
  'UPPER',
  '-leading',
  'a'.repeat(64),
  'trino\u0085',
  'trino%0d%0a',
  'trino\u0000',
];

/** Override values of every type a YAML or JSON reader yields. */
export const HOSTILE_VALUES: unknown[] = [
  null,
  [],
  {},
  { nested: { deeper: true } },
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  1.5,
  '1; DROP TABLE users',
  'a'.repeat(5000),
  '(a+)+',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  ...hostileText().slice(0, 8),
];

const base = (
  metadata: Record<string, unknown>,
  spec: Record<string, unknown>,
) => ({
  apiVersion: 'datastack.backstage.io/v1alpha1',
  kind: 'DataStack',
  metadata: {
    name: 'hostile',
    owner: 'group:default/data-platform',
    ...metadata,
  },
  spec: { components: ['postgresql'], ...spec },
});

/** One hostile stack spec, with a name that says what it tries. */
export interface HostileSpec {
  name: string;
  spec: unknown;
}

/** Stack specs as objects: every field with hostile text, names and values. */
export function hostileStackSpecs(): HostileSpec[] {
  const specs: HostileSpec[] = [];
  hostileText().forEach((text, i) =>
    specs.push({
      name: `description with ${JSON.stringify(UNSAFE_CHARACTERS[i])}`,
      spec: base({ description: text }, {}),
    }),
  );
  INERT_TEXT.forEach(text =>
    specs.push({
      name: `inert description ${text}`,
      spec: base({ description: text }, {}),
    }),
  );
  for (const name of HOSTILE_NAMES) {
    specs.push({
      name: `stack name ${JSON.stringify(name)}`,
      spec: base({ name }, {}),
    });
    specs.push({
      name: `component ${JSON.stringify(name)}`,
      spec: base({}, { components: [name] }),
    });
    specs.push({
      name: `override component ${JSON.stringify(name)}`,
      spec: base({}, { overrides: { [name]: { x: 1 } } }),
    });
    specs.push({
      name: `override setting ${JSON.stringify(name)}`,
      spec: base({}, { overrides: { postgresql: { [name]: 1 } } }),
    });
    specs.push({
      name: `owner ${JSON.stringify(name)}`,
      spec: base({ owner: name }, {}),
    });
    specs.push({
      name: `profile ${JSON.stringify(name)}`,
      spec: base({}, { profile: name }),
    });
    specs.push({
      name: `namespace ${JSON.stringify(name)}`,
      spec: base({}, { kubernetes: { namespace: name } }),
    });
  }
  HOSTILE_VALUES.forEach((value, i) =>
    specs.push({
      name: `override value #${i}`,
      spec: base(
        {},
        { components: ['trino'], overrides: { trino: { workers: value } } },
      ),
    }),
  );
  specs.push(
    {
      name: 'a __proto__ key in spec',
      spec: JSON.parse(
        '{"apiVersion":"datastack.backstage.io/v1alpha1","kind":"DataStack","metadata":{"name":"x"},"spec":{"components":["postgresql"],"__proto__":{"profile":"production"}}}',
      ),
    },
    {
      name: 'a component list of 100 001',
      spec: base(
        {},
        { components: Array.from({ length: 100_001 }, (_, i) => `c${i}`) },
      ),
    },
    {
      name: 'targets of every kind',
      spec: base({}, { targets: ['compose', 'terraform', 1, null] }),
    },
    {
      name: 'existing secret for constructor',
      spec: base({}, { kubernetes: { existingSecrets: { constructor: 'x' } } }),
    },
    {
      name: 'a chart repository with a line break',
      spec: base(
        {},
        {
          kubernetes: {
            chartRepository: { url: 'https://x\n.evil', version: '0.1.0' },
          },
        },
      ),
    },
    { name: 'not a mapping', spec: ['a', 'list'] },
    { name: 'a string', spec: 'stack' },
    { name: 'null', spec: null },
    { name: 'a number', spec: 42 },
  );
  return specs;
}

/** A stack file as bytes, when the hostility is in the text itself. */
export interface HostileFile {
  name: string;
  content: Buffer;
}

const valid =
  'apiVersion: datastack.backstage.io/v1alpha1\nkind: DataStack\nmetadata:\n  name: hostile\nspec:\n  components: [postgresql]\n';

/** Stack files whose bytes are the attack: encodings, tags, directives, size, nesting. */
export function hostileStackFiles(): HostileFile[] {
  const text = (name: string, content: string) => ({
    name,
    content: Buffer.from(content, 'utf8'),
  });
  return [
    {
      name: 'invalid UTF-8',
      content: Buffer.concat([
        Buffer.from(valid),
        Buffer.from([0xff, 0xfe, 0x80]),
      ]),
    },
    {
      name: 'a truncated UTF-8 sequence in a description',
      content: Buffer.concat([
        Buffer.from(
          valid.replace('name: hostile', 'name: hostile\n  description: caf'),
        ),
        Buffer.from([0xc3]),
      ]),
    },
    { name: 'UTF-16', content: Buffer.from(`\ufeff${valid}`, 'utf16le') },
    text('%YAML 9.9', `%YAML 9.9\n---\n${valid}`),
    text(
      'an unknown tag',
      valid.replace('name: hostile', 'name: !pwn hostile'),
    ),
    text(
      'a !!binary value',
      valid.replace(
        'name: hostile',
        'name: hostile\n  description: !!binary aGk=',
      ),
    ),
    text('a !!set', `${valid}  overrides: !!set {a, b}\n`),
    text(
      'a !!timestamp',
      valid.replace(
        'name: hostile',
        'name: hostile\n  description: !!timestamp 2001-12-14',
      ),
    ),
    text(
      'a python tag',
      valid.replace(
        'name: hostile',
        'name: !!python/object/apply:os.system ["id"]',
      ),
    ),
    text('duplicate keys', `${valid}spec:\n  components: [mysql]\n`),
    text('two documents', `${valid}---\n${valid}`),
    text(
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n${valid}`,
    ),
    text(
      'deep nesting',
      `${valid}  overrides: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    ),
    text('a 2 MB file', `${valid}# ${'x'.repeat(2 * 1024 * 1024)}\n`),
    text(
      'one million components in 1 MiB',
      `${valid.replace(
        'components: [postgresql]',
        `components: [${'a,'.repeat(400_000)}a]`,
      )}`,
    ),
    text('a NEL in a comment', `# header\u0085${INJECTED_SERVICE}\n${valid}`),
    text('a merge key from nowhere', `${valid}  <<: *missing\n`),
    text('a NUL byte', `${valid}\u0000\n`),
    text('CRLF line ends', valid.replace(/\n/g, '\r\n')),
    text('an empty file', ''),
    text('only a comment', '# nothing\n'),
    text(
      'a description of 100 000 characters',
      valid.replace(
        'name: hostile',
        `name: hostile\n  description: ${'d'.repeat(100_000)}`,
      ),
    ),
  ];
}

/** A minimal valid component descriptor, for mutations. */
export const minimalDescriptor = (id: string) => ({
  apiVersion: 'datastack.backstage.io/v1alpha1',
  kind: 'DataStackComponent',
  metadata: {
    id,
    title: 'Hostile',
    description: 'A test component',
    layer: 'storage',
    version: '1.0.0',
  },
  spec: {
    services: {
      [id]: {
        image: 'docker.io/library/busybox:1.36.1',
        ports: [{ name: 'http', port: 8080 }],
        health: {
          compose: { test: ['CMD', 'true'] },
          probe: { type: 'tcp', port: 'http' },
        },
        resources: {
          dev: { cpu: 0.1, memory: '64Mi' },
          small: { cpu: 0.1, memory: '64Mi' },
          production: { cpu: 0.1, memory: '64Mi' },
        },
      },
    },
    catalog: { kind: 'Component', type: 'service' },
  },
});

type Mutation = (d: any, id: string) => void;
const service = (d: any, id: string) => d.spec.services[id];

/** One hostile descriptor: a mutation of the minimal one, and what it tries. */
export interface HostileDescriptor {
  name: string;
  mutate: Mutation;
}

/** Descriptors that try to escape, inject, hang or crash the loader and renderers. */
export function hostileDescriptors(): HostileDescriptor[] {
  const list: HostileDescriptor[] = [];
  const add = (name: string, mutate: Mutation) => list.push({ name, mutate });
  for (const [key, value] of Object.entries({
    image: 'busybox:latest',
    ports: ['0.0.0.0:2222:22'],
    privileged: true,
    volumes: ['/:/host'],
    network_mode: 'host',
    pid: 'host',
    cap_add: ['SYS_ADMIN'],
    devices: ['/dev/sda'],
    security_opt: ['seccomp:unconfined'],
    user: 'root',
    environment: { LD_PRELOAD: '/tmp/x.so' },
    extra_hosts: ['metadata:169.254.169.254'],
    build: '.',
    ['__proto__']: { privileged: true },
    constructor: 'x',
  }))
    add(`compose extra ${key}`, (d, id) => {
      service(d, id).compose = JSON.parse(JSON.stringify({ [key]: value }));
    });
  for (const image of [
    'busybox',
    'busybox:latest',
    'busybox:1.0\nprivileged: true',
    'BUSYBOX:1',
    'busybox:1.0 --privileged',
    '',
  ])
    add(`image ${JSON.stringify(image)}`, (d, id) => {
      service(d, id).image = image;
    });
  hostileText()
    .filter((_, i) => i % 4 === 0)
    .forEach((text, i) => {
      add(`title with unsafe character #${i}`, d => {
        d.metadata.title = text;
      });
      add(`description with unsafe character #${i}`, d => {
        d.metadata.description = text;
      });
    });
  for (const pattern of [
    '(a+)+',
    '(a|a)*$',
    '(?<=a)b',
    '(a)\\1',
    '[',
    'a{1000000}',
  ])
    add(`setting pattern ${pattern}`, d => {
      d.spec.settings = {
        name: { type: 'string', description: 'x', default: 'aaaa', pattern },
      };
    });
  for (const name of HOSTILE_NAMES)
    add(`a service named ${JSON.stringify(name)}`, (d, id) => {
      d.spec.services[name] = service(d, id);
      d.spec.primary = name;
    });
  add('a requires default that does not provide the capability', (d, id) => {
    d.spec.requires = [{ capability: 's3', default: id }];
  });
  add('a requires default on itself for a capability it provides', (d, id) => {
    d.spec.requires = [{ capability: 'loop', default: id }];
    d.spec.provides = { loop: {} };
  });
  add('services waiting for each other', (d, id) => {
    d.spec.services.other = JSON.parse(JSON.stringify(service(d, id)));
    d.spec.services.other.ports = [];
    d.spec.services.other.health.probe = undefined;
    d.spec.services.other.dependsOn = [id];
    service(d, id).dependsOn = ['other'];
  });
  add('a service waiting for itself', (d, id) => {
    service(d, id).dependsOn = [id];
  });
  add('a placeholder into the prototype', (d, id) => {
    service(d, id).environment = {
      X: '{{ settings.constructor }}',
      Y: '{{ stack.__proto__ }}',
    };
  });
  add('a config renderer named constructor', d => {
    d.spec.configs = [{ renderer: 'constructor' }];
  });
  add('a config renderer with bad data', d => {
    d.spec.configs = [
      { renderer: 'grafana-datasources', capability: 'constructor' },
    ];
  });
  add('a metrics service named toString', d => {
    d.spec.metrics = { services: ['tostring'], port: 'http' };
  });
  for (const file of [
    '../../etc/passwd',
    '/etc/passwd',
    'link',
    'fifo',
    'dev-zero',
    'subdir-link/file',
    'missing',
    '.',
    'big',
  ])
    add(`files: ${file}`, d => {
      d.spec.files = [file];
    });
  add('a mount from outside the stack', (d, id) => {
    service(d, id).mounts = [{ source: '../../etc', target: '/etc' }];
  });
  add('an API definition of 2 MB', d => {
    d.spec.catalog.apis = [
      {
        name: 'api',
        title: 'API',
        description: 'x',
        type: 'openapi',
        definition: 'x'.repeat(2 * 1024 * 1024),
      },
    ];
  });
  add('a host port of 0', (d, id) => {
    service(d, id).ports = [{ name: 'http', port: 8080, hostPort: 0 }];
  });
  add('an environment name with a line break', (d, id) => {
    service(d, id).environment = { 'A\nB': 'x' };
  });
  add('a link to javascript:', d => {
    d.spec.links = [
      { title: 'x', port: 'http', path: `${'javascript'}:alert(1)` },
    ];
  });
  add('a docs URL of javascript:', d => {
    d.metadata.docs = `${'javascript'}:alert(1)`;
  });
  return list;
}

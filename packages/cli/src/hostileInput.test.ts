import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  hostileDescriptors,
  hostileStackFiles,
  hostileStackSpecs,
  minimalDescriptor,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { stringifyYaml } from '@big-data-stack/backstage-plugin-data-stack-node';
import { datastack } from './__testUtils__/datastack';

/** Characters that must never reach a rendered file from user input. */
const LINE_BREAKING =
  // eslint-disable-next-line no-control-regex -- the characters it finds
  /[\u0085\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** What is wrong with an answer to bad input: exit 1, only `error:` lines, short, no stack. */
function refusalFaults(result: { code: number; stderr: string }): string[] {
  // Progress (the plan, the tools validate ran) may come with the problems.
  const lines = result.stderr
    .trim()
    .split('\n')
    .filter(
      l =>
        !/^(stack [a-z0-9-]+: profile | {2}|ran |skipped |checking )/.test(l),
    );
  return [
    result.code !== 1 && `exit ${result.code}`,
    !lines.every(l => l.startsWith('error: ')) &&
      'a line that is not a problem',
    lines.length > 52 && `${lines.length} lines`,
    result.stderr.length >= 40_000 && `${result.stderr.length} characters`,
    /ZodError|"code":|\n\s+at /.test(result.stderr) && 'a raw error',
  ].filter((f): f is string => Boolean(f));
}

function expectRefusal(result: { code: number; stderr: string }) {
  expect([result.stderr, refusalFaults(result)]).toEqual([result.stderr, []]);
}

/** Every file under `dir`, following nothing. */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory()
        ? filesIn(path.join(dir, e.name)).map(f => `${e.name}/${f}`)
        : [e.name],
    );
}

/** A compose service a hostile library must never get. */
const UNSAFE_COMPOSE =
  /privileged|0\.0\.0\.0|:latest|\/:\/host|network_mode|cap_add/;

/**
 * What is wrong with a stack rendered from hostile input: a line-breaking
 * character in any file, markup in its pages, an unsafe compose service, a
 * file from outside the library.
 */
function unsafeStackFaults(out: string): string[] {
  return filesIn(out).flatMap(f => {
    const text = fs.readFileSync(path.join(out, f), 'utf8');
    return [
      LINE_BREAKING.test(text) && `${f}: a line-breaking character`,
      f.endsWith('.md') &&
        /<script>|<!--(?! Generated)/.test(text) &&
        `${f}: markup`,
      f.endsWith('docker-compose.yml') &&
        UNSAFE_COMPOSE.test(text) &&
        `${f}: an unsafe service`,
      f.startsWith('services/hostile/') &&
        /root:x:0|secret/.test(text) &&
        `${f}: a file from outside`,
    ].filter((x): x is string => Boolean(x));
  });
}

/** Handled: refused cleanly with nothing written, or rendered safely. */
function handlingFaults(result: { code: number; stderr: string }, out: string) {
  if (result.code === 0) return unsafeStackFaults(out);
  return [
    ...refusalFaults(result),
    ...(fs.existsSync(out) ? ['left output behind'] : []),
  ];
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-hostile-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A library with one hostile descriptor, and the files it may name. */
function hostileLibrary(mutate: (d: any, id: string) => void) {
  const id = 'hostile';
  const library = path.join(dir, 'library');
  const folder = path.join(library, id);
  fs.mkdirSync(folder, { recursive: true });
  const descriptor: any = minimalDescriptor(id);
  mutate(descriptor, id);
  fs.writeFileSync(
    path.join(folder, 'component.yaml'),
    stringifyYaml(descriptor),
  );
  fs.symlinkSync('/etc/passwd', path.join(folder, 'link'));
  fs.symlinkSync('/dev/zero', path.join(folder, 'dev-zero'));
  fs.mkdirSync(path.join(dir, 'outside'));
  fs.writeFileSync(path.join(dir, 'outside', 'file'), 'secret\n');
  fs.symlinkSync(path.join(dir, 'outside'), path.join(folder, 'subdir-link'));
  fs.writeFileSync(path.join(folder, 'big'), Buffer.alloc(2 * 1024 * 1024));
  execFileSync('mkfifo', [path.join(folder, 'fifo')]);
  const stack = path.join(dir, 'stack.yaml');
  fs.writeFileSync(
    stack,
    stringifyYaml({
      apiVersion: 'datastack.backstage.io/v1alpha1',
      kind: 'DataStack',
      metadata: { name: 'hostile' },
      spec: {
        components: [id],
        overrides: descriptor.spec.settings?.name
          ? { [id]: { name: `${'a'.repeat(30)}!` } }
          : {},
      },
    }),
  );
  return { library, stack };
}

describe('the hostile-input corpus against the CLI', () => {
  it.each(hostileStackSpecs().map(s => [s.name, s.spec] as const))(
    'stack spec: %s',
    async (_, spec) => {
      const file = path.join(dir, 'stack.yaml');
      fs.writeFileSync(file, stringifyYaml(spec));
      const out = path.join(dir, 'out');
      const render = await datastack('render', file, '--out', out);
      expect(handlingFaults(render, out)).toEqual([]);
      // Sizing needs no owner or targets: it may accept what render refuses.
      const resources = await datastack('resources', file);
      expect(resources.code === 0 ? [] : refusalFaults(resources)).toEqual([]);
    },
  );

  it.each(hostileStackFiles().map(f => [f.name, f.content] as const))(
    'stack file: %s',
    async (_, content) => {
      const file = path.join(dir, 'stack.yaml');
      fs.writeFileSync(file, content);
      const out = path.join(dir, 'out');
      const render = await datastack('render', file, '--out', out);
      expect(handlingFaults(render, out)).toEqual([]);
    },
  );

  it.each(hostileDescriptors().map(d => [d.name, d.mutate] as const))(
    'library descriptor: %s',
    async (_, mutate) => {
      const { library, stack } = hostileLibrary(mutate);
      const out = path.join(dir, 'out');
      const components = await datastack('components', '--library', library);
      const render = await datastack(
        'render',
        stack,
        '--library',
        library,
        '--out',
        out,
      );
      const named = components.stderr.includes(
        'library/hostile/component.yaml',
      );
      expect(
        components.code === 0
          ? []
          : [...refusalFaults(components), ...(named ? [] : ['names no file'])],
      ).toEqual([]);
      expect(handlingFaults(render, out)).toEqual([]);
    },
  );
});

describe('each defect of issue 15, by name', () => {
  const stackText = (extra = '', name = 'demo') =>
    `apiVersion: datastack.backstage.io/v1alpha1\nkind: DataStack\nmetadata:\n  name: ${name}\n  owner: group:default/data-platform\n${extra}spec:\n  components: [postgresql]\n`;
  const writeStack = (text: string | Buffer) => {
    const file = path.join(dir, 'stack.yaml');
    fs.writeFileSync(file, text);
    return file;
  };
  const render = (
    file: string,
    out = path.join(dir, 'out'),
    ...more: string[]
  ) => datastack('render', file, '--out', out, ...more);

  it('1. refuses NEL, U+2028, U+2029, DEL and C1 in a description, naming the character', async () => {
    for (const [ch, name] of [
      ['\u0085', 'U+0085'],
      ['\u2028', 'U+2028'],
      ['\u2029', 'U+2029'],
      ['\u007f', 'U+007F'],
      ['\u009b', 'U+009B'],
    ]) {
      const file = writeStack(
        stackText(
          `  description: ${JSON.stringify(
            `a${ch}${'services: {pwn: {privileged: true}}'}`,
          )}\n`,
        ),
      );
      const result = await render(file);
      expectRefusal(result);
      expect(result.stderr).toContain(
        `metadata.description: must be one line of plain text; found the control character ${name} at position 2`,
      );
    }
  });

  it('2. never writes through a symbolic link in the output', async () => {
    const file = writeStack(stackText());
    const out = path.join(dir, 'out');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(out);
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'keep'), 'x\n');
    fs.symlinkSync(elsewhere, path.join(out, 'services'));
    let result = await render(file, out);
    expectRefusal(result);
    expect(result.stderr).toContain(
      'services is a symbolic link; datastack never writes through one',
    );
    expect(fs.readdirSync(elsewhere)).toEqual(['keep']);
    expect(fs.readdirSync(out)).toEqual(['services']);

    fs.rmSync(path.join(out, 'services'));
    fs.symlinkSync(path.join(elsewhere, 'keep'), path.join(out, '.gitignore'));
    result = await render(file, out);
    expectRefusal(result);
    expect(result.stderr).toContain('.gitignore is a symbolic link');
    expect(fs.readFileSync(path.join(elsewhere, 'keep'), 'utf8')).toBe('x\n');

    fs.rmSync(path.join(out, '.gitignore'));
    fs.symlinkSync(
      path.join(dir, 'nowhere'),
      path.join(out, 'docker-compose.yml'),
    );
    result = await render(file, out);
    expectRefusal(result);
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('3. refuses an empty --out (and every other empty path argument)', async () => {
    const file = writeStack(stackText());
    const cwd = fs.readdirSync(process.cwd());
    const result = await render(file, '');
    expectRefusal(result);
    expect(result.stderr).toContain(
      "error: --out: is empty; give a path ('.' for this directory)",
    );
    expect(fs.readdirSync(process.cwd())).toEqual(cwd);
    for (const args of [
      ['validate', ''],
      ['check', ''],
      ['manifests', ''],
      ['resources', ''],
    ])
      expectRefusal(await datastack(...args));
  });

  it('11. all or nothing: a file where a folder belongs leaves nothing behind', async () => {
    const file = writeStack(stackText());
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'services'), 'a file\n');
    const result = await render(file, out);
    expectRefusal(result);
    expect(result.stderr).toContain(
      'services is a file where a directory is rendered; remove it',
    );
    expect(fs.readdirSync(out)).toEqual(['services']);

    fs.rmSync(path.join(out, 'services'));
    fs.mkdirSync(path.join(out, 'docker-compose.yml'));
    const eisdir = await render(file, out);
    expectRefusal(eisdir);
    expect(eisdir.stderr).toContain(
      'docker-compose.yml is a directory where a file is rendered',
    );
    expect(fs.readdirSync(out)).toEqual(['docker-compose.yml']);
  });

  it('12. a spec that is a folder, a FIFO or /dev/zero: one line, no hang', async () => {
    for (const [spec, message] of [
      [dir, 'is a directory; give the file itself'],
      ['/dev/zero', 'is not a regular file (a pipe, socket or device)'],
    ]) {
      const result = await datastack('resources', spec);
      expectRefusal(result);
      expect(result.stderr).toBe(`error: ${spec}: ${message}\n`);
    }
    const fifo = path.join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await datastack('resources', fifo);
    expect(result.stderr).toBe(
      `error: ${fifo}: is not a regular file (a pipe, socket or device)\n`,
    );
  });

  it('14. caps the input and the list of problems', async () => {
    const big = writeStack(`${stackText()}# ${'x'.repeat(64 * 1024)}\n`);
    expect((await datastack('resources', big)).stderr).toMatch(
      /is \d+ bytes; at most 65536 bytes are read/,
    );
    /** A stack naming `n` components c0…c<n-1>, none of them in the library. */
    const withComponents = (n: number) =>
      writeStack(
        stackText().replace(
          'components: [postgresql]',
          `components: [${Array.from({ length: n }, (_, i) => `c${i}`).join(
            ', ',
          )}]`,
        ),
      );
    const many = withComponents(5000);
    const result = await datastack('resources', many);
    expectRefusal(result);
    expect(result.stderr).toContain(
      'spec.components: must name at most 100 components',
    );
    const unknown = withComponents(90);
    const capped = await datastack('resources', unknown);
    expect(capped.stderr.trim().split('\n')).toHaveLength(51);
    expect(capped.stderr).toContain('stack.yaml: and 40 more problems\n');
  });

  it('14. validate refuses compose files too large to validate, at once and in few lines', async () => {
    const out = path.join(dir, 'big');
    fs.mkdirSync(out);
    const services = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `s${i}`,
          { image: 'busybox:1.36', restart: 'no' },
        ]),
      );
    const compose = path.join(out, 'docker-compose.yml');
    fs.writeFileSync(
      compose,
      stringifyYaml({ name: 'big', services: services(20_000) }),
    );
    let result = await datastack('validate', out);
    expectRefusal(result);
    expect(result.stderr).toMatch(
      /^error: docker-compose.yml: is \d+ bytes; at most 262144 bytes are read\n/,
    );
    fs.writeFileSync(
      compose,
      stringifyYaml({ name: 'big', services: services(1000) }),
    );
    result = await datastack('validate', out);
    expectRefusal(result);
    expect(result.stderr).toContain(
      'error: docker-compose.yml: services: defines 1000 services; at most 200 per file are validated',
    );
  });

  it('13. validate refuses services that wait for each other in a cycle', async () => {
    const out = path.join(dir, 'cycle');
    fs.mkdirSync(out);
    const service = (dep: string) => ({
      image: 'busybox:1.36',
      depends_on: { [dep]: { condition: 'service_completed_successfully' } },
      restart: 'no',
    });
    fs.writeFileSync(
      path.join(out, 'docker-compose.yml'),
      stringifyYaml({
        name: 'cycle',
        services: { a: service('b'), b: service('a') },
      }),
    );
    const result = await datastack('validate', out);
    expectRefusal(result);
    expect(result.stderr).toContain(
      'error: docker-compose.yml: services.a.depends_on: services wait for each other in a cycle: a → b → a',
    );
  });

  it('15. refuses invalid UTF-8, unknown tags and other YAML versions', async () => {
    const cases: [string | Buffer, string][] = [
      [
        Buffer.concat([Buffer.from(stackText()), Buffer.from([0xff])]),
        'is not valid UTF-8 text',
      ],
      [
        stackText().replace('name: demo', 'name: !pwn demo'),
        'Unresolved tag: !pwn',
      ],
      [`%YAML 9.9\n---\n${stackText()}`, 'Unsupported YAML version 9.9'],
      [
        stackText().replace(
          'owner: group:default/data-platform',
          'owner: !!binary aGk=',
        ),
        'Unresolved tag: tag:yaml.org,2002:binary',
      ],
    ];
    for (const [text, message] of cases) {
      const result = await datastack('resources', writeStack(text));
      expectRefusal(result);
      expect(result.stderr).toContain(message);
    }
  });

  it('7. HTML in a description is text in docs/index.md', async () => {
    const out = path.join(dir, 'out');
    const file = writeStack(
      stackText('  description: "<script>alert(1)</script> <!-- x"\n'),
    );
    expect((await render(file, out)).code).toBe(0);
    const page = fs.readFileSync(path.join(out, 'docs/index.md'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- x');
    expect(page).not.toContain('<script>');
  });

  it('10. own properties only: constructor, valueOf and __proto__ are just unknown names', async () => {
    for (const [extra, message] of [
      [
        '  overrides:\n    postgresql: { constructor: 1 }\n',
        "postgresql has no setting 'constructor'",
      ],
      [
        '  overrides:\n    postgresql: { valueOf: 1 }\n',
        "postgresql has no setting 'valueOf'",
      ],
      [
        '  overrides:\n    postgresql: { __proto__: 1 }\n',
        "spec.overrides.postgresql.__proto__: is not an allowed key ('__proto__')",
      ],
      [
        '  overrides:\n    constructor: { x: 1 }\n',
        'spec.overrides.constructor: constructor is not in the stack',
      ],
    ]) {
      const text = stackText().replace(
        'spec:\n  components: [postgresql]\n',
        `spec:\n  components: [postgresql]\n${extra}`,
      );
      const result = await datastack('resources', writeStack(text));
      expectRefusal(result);
      expect(result.stderr).toContain(message);
    }
    const component = await datastack(
      'resources',
      writeStack(stackText().replace('[postgresql]', '[constructor]')),
    );
    expect(component.stderr).toBe(
      `error: ${path.join(
        dir,
        'stack.yaml',
      )}: spec.components[0]: unknown component 'constructor'; run 'datastack components' to list them\n`,
    );
  });
});

describe('each defect of issue 15 in a library, by name', () => {
  const byName = new Map(hostileDescriptors().map(d => [d.name, d.mutate]));
  const renderWith = (name: string) => {
    const { library, stack } = hostileLibrary(byName.get(name)!);
    return datastack(
      'render',
      stack,
      '--library',
      library,
      '--out',
      path.join(dir, 'out'),
    );
  };

  it.each([
    ['files: link', "spec.files[0]: 'link' is reached through a symbolic link"],
    [
      'files: subdir-link/file',
      "spec.files[0]: 'subdir-link/file' is reached through a symbolic link",
    ],
    [
      'files: dev-zero',
      "spec.files[0]: 'dev-zero' is reached through a symbolic link",
    ],
    [
      'files: fifo',
      "spec.files[0]: 'fifo' is not a regular file (a pipe, socket or device)",
    ],
    [
      'files: big',
      "spec.files[0]: 'big' is 2097152 bytes; at most 1048576 bytes are read",
    ],
    [
      'files: ../../etc/passwd',
      'spec.files[0]: must be a relative path inside the stack',
    ],
    [
      'compose extra image',
      'spec.services.hostile.compose: Unrecognized key: "image"',
    ],
    [
      'compose extra ports',
      'spec.services.hostile.compose: Unrecognized key: "ports"',
    ],
    [
      'compose extra privileged',
      'spec.services.hostile.compose: Unrecognized key: "privileged"',
    ],
    [
      'image "busybox:latest"',
      'spec.services.hostile.image: must not use the "latest" tag',
    ],
    [
      'a requires default that does not provide the capability',
      "spec.requires[0].default: 'hostile' does not provide 's3'",
    ],
    [
      'services waiting for each other',
      'spec.services: services wait for each other in a cycle: hostile → other → hostile',
    ],
    [
      'setting pattern (a)\\1',
      'spec.settings.name.pattern: is not an RE2 pattern',
    ],
    [
      'a placeholder into the prototype',
      'unknown placeholder {{ settings.constructor }}',
    ],
    [
      'a docs URL of javascript:',
      'metadata.docs: must be an http or https URL',
    ],
    [
      'a config renderer named constructor',
      "spec.configs[0]: unknown renderer 'constructor'",
    ],
  ])('%s', async (name, message) => {
    const result = await renderWith(name);
    expectRefusal(result);
    expect(result.stderr).toContain(message);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('4. matches a setting pattern in linear time: (a+)+ against a crafted value', async () => {
    const result = await renderWith('setting pattern (a+)+');
    expectRefusal(result);
    expect(result.stderr).toContain(
      'spec.overrides.hostile.name: must match (a+)+',
    );
  });
});

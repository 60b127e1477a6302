import {
  DataStackError,
  Problem,
  orderByDependencies,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  ENV_EXAMPLE_FILE,
  parseYaml,
  readInputFile,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  ComposeFileService,
  StackServices,
  checkComposeService,
} from './checkComposeService';

/** A compose file as written (the keys read here). */
type ComposeFile = {
  include?: (string | { path: string | string[] })[];
  services?: Record<string, ComposeFileService>;
  volumes?: Record<string, unknown>;
};
/** A compose file of the stack: its path under the root, and what it holds. */
type StackFile = { file: string; doc: ComposeFile };

/** Compose interpolation: `${VAR}`, `${VAR:-default}`, `$VAR`; `$$` is a literal dollar. */
const VARIABLE =
  /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function variablesIn(value: unknown, found: Set<string>) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(VARIABLE))
      if (m[1] !== '$') found.add(m[2] ?? m[3]);
  } else if (Array.isArray(value)) {
    value.forEach(v => variablesIn(v, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => variablesIn(v, found));
  }
}

function declaredVariables(root: string): Set<string> {
  const file = path.join(root, ENV_EXAMPLE_FILE);
  if (!fs.existsSync(file)) return new Set();
  return new Set(
    [
      ...fs.readFileSync(file, 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm),
    ].map(m => m[1]),
  );
}

/**
 * Loads a stack the way Compose loads `include:` and checks what the schema
 * cannot: every included file exists, no service is defined twice across
 * files, every `depends_on` names a service that exists and can satisfy the
 * condition, bind-mounted files exist, named volumes are declared, ports are
 * published on loopback only, and no secret is written in clear text.
 */
export function checkComposeModel(
  root: string,
  rootFile = 'docker-compose.yml',
): Problem[] {
  const loaded = loadStackFiles(root, rootFile);
  if (!loaded.files) return loaded.problems;
  const files = loaded.files;
  const services = servicesByName(files);
  const declared = declaredVariables(root);
  return [
    ...loaded.problems,
    ...duplicateServiceProblems(files),
    ...dependencyCycleProblems(services),
    ...files.flatMap(stackFile => [
      ...undeclaredVariableProblems(stackFile, declared),
      ...Object.entries(stackFile.doc.services ?? {}).flatMap(
        ([name, service]) =>
          checkComposeService(root, stackFile, name, service, services),
      ),
    ]),
  ];
}

/**
 * The root file and every file it includes, with their load problems; no
 * files when the root itself does not load.
 */
function loadStackFiles(
  root: string,
  rootFile: string,
): { files?: StackFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const load = (file: string): ComposeFile | undefined => {
    try {
      return (parseYaml(readInputFile(path.join(root, file)), file) ??
        {}) as ComposeFile;
    } catch (error) {
      if (!(error instanceof DataStackError)) throw error;
      problems.push(
        ...error.problems.map(p => ({ ...p, file: p.file && file })),
      );
      return undefined;
    }
  };
  const top = load(rootFile);
  if (!top) return { problems };
  const files: StackFile[] = [{ file: rootFile, doc: top }];
  for (const entry of top.include ?? []) {
    for (const p of ([] as string[]).concat(
      typeof entry === 'string' ? entry : entry.path,
    )) {
      const doc = load(p);
      if (doc) files.push({ file: p, doc });
    }
  }
  return { files, problems };
}

/** The stack's services; a service defined twice is the later definition. */
function servicesByName(files: StackFile[]): StackServices {
  return new Map(
    files.flatMap(({ file, doc }) =>
      Object.entries(doc.services ?? {}).map(([name, service]) => [
        name,
        { file, service },
      ]),
    ),
  );
}

/** Each later definition of a service, against the one before it. */
function duplicateServiceProblems(files: StackFile[]): Problem[] {
  const problems: Problem[] = [];
  const definedIn = new Map<string, string>();
  for (const { file, doc } of files) {
    for (const name of Object.keys(doc.services ?? {})) {
      const other = definedIn.get(name);
      if (other)
        problems.push({
          file,
          path: `services.${name}`,
          message: `is also defined in ${other}; Compose refuses duplicate services across included files`,
        });
      definedIn.set(name, file);
    }
  }
  return problems;
}

/** Services that wait for each other through `depends_on`, the first cycle found. */
function dependencyCycleProblems(services: StackServices): Problem[] {
  const waits = (name: string) => {
    const deps = services.get(name)?.service.depends_on ?? [];
    return (Array.isArray(deps) ? deps : Object.keys(deps)).filter(d =>
      services.has(d),
    );
  };
  const order = orderByDependencies([...services.keys()], waits);
  if (!('cycle' in order)) return [];
  return [
    {
      file: services.get(order.cycle[0])!.file,
      path: `services.${order.cycle[0]}.depends_on`,
      message: `services wait for each other in a cycle: ${order.cycle.join(
        ' → ',
      )}`,
    },
  ];
}

/** Variables a file interpolates that `.env.example` does not declare. */
function undeclaredVariableProblems(
  { file, doc }: StackFile,
  declared: Set<string>,
): Problem[] {
  const used = new Set<string>();
  variablesIn(doc, used);
  return [...used]
    .filter(name => !declared.has(name))
    .map(name => ({
      file,
      path: '',
      message: `uses \${${name}}, which ${ENV_EXAMPLE_FILE} does not declare`,
    }));
}

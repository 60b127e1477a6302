import {
  StackPlan,
  budgetRows,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { stringifyYaml } from '../yaml';
import { markdownText } from '../markdown';
import { GENERATED_HEADER, RenderedFile } from './files';

/** Markdown table cells: a pipe or a line break would end the cell. */
const cell = (text: string) =>
  markdownText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/**
 * The stack's TechDocs site (`mkdocs.yml` and `docs/index.md`), which the
 * System entity's `backstage.io/techdocs-ref: dir:.` points at: components,
 * endpoints in Compose and in the cluster, and the resource budget.
 */
export function renderStackDocs(plan: StackPlan): RenderedFile[] {
  const { stack, budget } = plan;
  const components = table(
    ['Component', 'Layer', 'Version', 'Why it is here'],
    plan.components.map(c => [
      c.title,
      c.layer,
      c.version,
      c.selected ? 'chosen' : c.addedBecause ?? 'added',
    ]),
  );
  const endpoints = table(
    ['Service', 'Port', 'In the cluster', 'Compose on this machine'],
    plan.components.flatMap(c =>
      c.services
        .filter(s => !s.job)
        .flatMap(s =>
          s.ports.map(p => [
            s.name,
            p.name,
            `${s.name}.${stack.namespace}.svc:${p.port}`,
            p.hostPort ? `localhost:${p.hostPort}` : '',
          ]),
        ),
    ),
  );
  const resources = table(
    ['Component', 'CPU', 'Memory', 'Disk'],
    budgetRows(budget, '**total**'),
  );
  const index = `<!-- ${GENERATED_HEADER} -->

# ${stack.name}

${markdownText(stack.description ?? '')}

Owner: \`${stack.owner ?? 'unset'}\`. Profile: **${
    plan.profile.id
  }**. Kubernetes namespace: \`${stack.namespace}\`.

## Run it

Locally: \`scripts/init-env && docker compose up -d\`. On Kubernetes:
\`helmfile apply\` (or \`kubectl apply -f k8s-manifests/\` after
\`datastack manifests .\`). Change \`stack.yaml\` and run
\`datastack render stack.yaml --out .\` to add components.

## Components

${components}

## Endpoints

${endpoints}

## Resources (${budget.profile} profile)

${resources}
`;
  return [
    { path: 'mkdocs.yml', content: renderMkdocsYml(stack.name) },
    { path: 'docs/index.md', content: index },
  ];
}

/**
 * `mkdocs.yml` in the form TechDocs leaves it. For `dir:.` of a catalog file
 * the local generator builds in the stack's own folder and always writes
 * mkdocs.yml back through js-yaml (sanitizeMkdocsYml in backstage/backstage
 * plugins/techdocs-node/src/stages/generate/mkdocsPatchers.ts): its allowed
 * keys in their order, no comments, js-yaml's quoting and folding. Written in
 * that form, opening the docs changes no file of the stack. So no header,
 * and the description (free text, which js-yaml quotes and folds its own
 * way) is only on the page.
 */
function renderMkdocsYml(name: string): string {
  // A name YAML would read as another type ('yes', '123'): js-yaml writes it
  // single-quoted, where stringifyYaml would use double quotes. (Names like
  // `e1`, which only the yaml library's YAML 1.1 float pattern matches, stay
  // quoted here and plain in js-yaml's form.)
  const ambiguous = stringifyYaml(name) !== `${name}\n`;
  return stringifyYaml(
    {
      site_name: name,
      nav: [{ Overview: 'index.md' }],
      // techdocs-core keeps a Material theme as given and otherwise sets one
      // with Roboto from Google Fonts (backstage/mkdocs-techdocs-core
      // techdocs_core/core.py), whose stylesheet the portal's reader waits
      // for: offline, forever.
      theme: { name: 'material', font: false },
      plugins: ['techdocs-core'],
    },
    { quoteKeys: ambiguous ? ['site_name'] : [] },
  );
}

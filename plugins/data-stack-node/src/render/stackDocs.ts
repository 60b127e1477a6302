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
    {
      path: 'mkdocs.yml',
      content: stringifyYaml(
        {
          site_name: stack.name,
          ...(stack.description && { site_description: stack.description }),
          nav: [{ Overview: 'index.md' }],
          plugins: ['techdocs-core'],
        },
        { header: GENERATED_HEADER },
      ),
    },
    { path: 'docs/index.md', content: index },
  ];
}

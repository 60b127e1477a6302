import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, string>) =>
  yaml.stringify({
    steps: [
      {
        id: 'validateStack',
        name: 'Validate the stack',
        action: 'datastack:stack:validate',
        input,
      },
    ],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the stack rendered at the workspace root before it is published',
    example: step({}),
  },
  {
    description: 'Validate a stack kept in a subdirectory',
    example: step({ targetPath: 'analytics' }),
  },
  {
    description:
      'Run the linters too (dclint, helm lint --strict, helmfile lint), as `datastack validate` does in CI',
    example: step({ checks: 'full' }),
  },
];

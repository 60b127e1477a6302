import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Fetch the repository of the stack the form's EntityPicker chose, wherever it is (this machine, GitHub or GitLab)",
    example: yaml.stringify({
      steps: [
        {
          id: 'fetchStack',
          name: 'Fetch the stack repository',
          action: 'datastack:stack:fetch',
          input: { stack: '${{ parameters.stack }}' },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Offer the rendered stack as a .tar.gz download when there is nowhere to publish it',
    example: yaml.stringify({
      steps: [
        {
          id: 'archive',
          name: 'Offer the files as a download',
          action: 'datastack:stack:archive',
          input: { name: '${{ parameters.name }}' },
        },
      ],
    }),
  },
];

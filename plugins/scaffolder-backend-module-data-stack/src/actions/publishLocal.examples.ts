import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the rendered stack as a git repository in the stacks folder of this machine and register it in the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publishLocal',
          name: 'Publish on this machine',
          action: 'datastack:publish:local',
          input: {
            name: '${{ parameters.name }}',
            description: '${{ parameters.description }}',
          },
        },
      ],
    }),
  },
];

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Commit the re-rendered stack as a branch of its repository on this machine, for someone to review and merge',
    example: yaml.stringify({
      steps: [
        {
          id: 'publishBranch',
          name: 'Commit the change as a branch',
          action: 'datastack:publish:local:branch',
          input: {
            repository: '${{ steps.fetchStack.output.repository }}',
            branch: 'datastack/add-trino',
            title: 'Add trino',
          },
        },
      ],
    }),
  },
];

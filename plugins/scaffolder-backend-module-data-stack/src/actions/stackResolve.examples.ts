import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Resolve a lakehouse stack and write its stack.yaml at the workspace root',
    example: yaml.stringify({
      steps: [
        {
          id: 'resolveStack',
          name: 'Resolve the stack',
          action: 'datastack:stack:resolve',
          input: {
            name: 'analytics',
            description: 'Sales analytics lakehouse',
            owner: 'group:default/data-platform',
            components: ['trino', 'delta-lake', 'prometheus', 'grafana'],
            profile: 'dev',
          },
        },
      ],
    }),
  },
  {
    description:
      'Resolve a scaled-out Kubernetes stack with its own namespace, into a subdirectory',
    example: yaml.stringify({
      steps: [
        {
          id: 'resolveStack',
          name: 'Resolve the stack',
          action: 'datastack:stack:resolve',
          input: {
            name: 'search',
            owner: 'group:default/data-platform',
            components: ['elasticsearch', 'kibana', 'logstash'],
            profile: 'small',
            targets: ['helm', 'helmfile', 'catalog'],
            namespace: 'search-prod',
            overrides: { elasticsearch: { nodes: 3 } },
            targetPath: 'search',
          },
        },
      ],
    }),
  },
];

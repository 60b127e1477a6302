import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Big Data Stack

This portal creates and runs modular data stacks: MySQL, PostgreSQL,
Delta Lake, ClickHouse, Druid, NiFi, Airflow, Presto, Trino, Prometheus,
Grafana and the Elastic stack.

- **Browse** the stacks and their services in the [Catalog](/catalog).
- **Create** a stack or add components to one in [Create](/create).
- **Read** the [product docs](/docs/default/system/big-data-stack).
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'Tips and links to help you get started with Backstage',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});

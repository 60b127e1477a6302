import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';
import { HOME_WIDGETS } from './HomeLayout';

const content = `
This portal creates and runs modular data stacks: MySQL, PostgreSQL,
Delta Lake, ClickHouse, Druid, NiFi, Airflow, Presto, Trino, Prometheus,
Grafana and the Elastic stack.

- **Create** a stack, or add components to one, in [Create](/create).
- **Run** it: \`scripts/init-env && docker compose up -d\` in its folder;
  its System's _Data stack_ tab shows each component's health and metrics.
- **Browse** the stacks and their services in the [Catalog](/catalog).
- **Read** the [product docs](/docs/default/system/big-data-stack).
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: HOME_WIDGETS.gettingStarted,
    title: 'Getting started',
    description: 'What the portal does and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

/** The data stack plugin's overview of the stacks in the catalog. */
const stacksWidget = HomePageWidgetBlueprint.make({
  name: 'data-stacks',
  params: {
    name: HOME_WIDGETS.stacks,
    title: 'Data stacks',
    description:
      'The data stacks in the catalog, their health, and Create data stack',
    components: () =>
      import('@big-data-stack/backstage-plugin-data-stack/alpha').then(m => ({
        Content: () => <m.StacksOverview />,
      })),
  },
});

const layout = HomePageLayoutBlueprint.make({
  params: {
    loader: () => import('./HomeLayout').then(m => m.HomeLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [layout, stacksWidget, gettingStartedWidget],
});

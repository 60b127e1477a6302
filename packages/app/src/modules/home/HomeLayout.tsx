import { Content, Header, Page } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { HomePageSearchBar } from '@backstage/plugin-search';
import Grid from '@material-ui/core/Grid';

/** The widgets the page shows, by their names in homeModule.tsx and @backstage/plugin-home. */
export const HOME_WIDGETS = {
  stacks: 'DataStacks',
  gettingStarted: 'GettingStarted',
  starred: 'HomePageStarredEntities',
} as const;

/**
 * A fixed home page: search, the data stacks with their health and
 * Create data stack, getting started and the viewer's starred entities.
 * Fixed because the home plugin's default layout is a dashboard that
 * each viewer fills in; without a saved or configured layout it opens
 * empty, in edit mode. Widgets of other plugins are not shown until
 * they are placed here.
 */
export function HomeLayout(props: HomePageLayoutProps) {
  const title = useApi(configApiRef).getOptionalString('app.title');
  const widget = (name: string) =>
    props.widgets.find(w => w.name === name)?.component ?? null;
  return (
    <Page themeId="home">
      <Header
        title={title ?? 'Home'}
        subtitle="Create, run and grow modular data stacks"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <HomePageSearchBar placeholder="Search the catalog and the docs" />
          </Grid>
          <Grid item xs={12} md={7}>
            {widget(HOME_WIDGETS.stacks)}
          </Grid>
          <Grid item xs={12} md={5}>
            <Grid container spacing={3} direction="column" wrap="nowrap">
              <Grid item>{widget(HOME_WIDGETS.gettingStarted)}</Grid>
              <Grid item>{widget(HOME_WIDGETS.starred)}</Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

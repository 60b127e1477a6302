import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityRefLinks,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import {
  COMPONENT_ANNOTATION,
  type LibraryComponent,
  formatTotals,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { dataStackApiRef } from '../../api/DataStackApi';
import { LAYER_TITLES } from '../layerTitles';
import { systemsByComponent } from './usedIn';

interface Row extends LibraryComponent {
  usedIn: string[];
  addsTitles: string[];
}

const resourcesText = (r: LibraryComponent['resources'][number]) =>
  `${r.profile}: ${formatTotals(r)}`;

const columns: TableColumn<Row>[] = [
  {
    title: 'Component',
    field: 'title',
    highlight: true,
    render: c => (
      <>
        {c.docs ? <Link to={c.docs}>{c.title}</Link> : c.title}
        <Typography variant="body2" color="textSecondary">
          {c.description}
        </Typography>
        {c.problem && (
          <Typography variant="body2" color="error">
            {c.problem}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Version', field: 'version' },
  {
    title: 'Layer',
    field: 'layer',
    render: c => LAYER_TITLES[c.layer] ?? c.layer,
  },
  {
    title: 'Library',
    field: 'origin.kind',
    render: c =>
      c.origin.kind === 'shipped' ? (
        'shipped'
      ) : (
        <Chip
          size="small"
          variant="outlined"
          label="team library"
          title={c.origin.location}
        />
      ),
  },
  {
    title: 'Brings along',
    field: 'addsTitles',
    render: c =>
      c.companion ? (
        <Typography variant="body2" color="textSecondary">
          a companion, added for others
        </Typography>
      ) : (
        c.addsTitles.join(', ')
      ),
  },
  {
    title: 'Resources per profile',
    field: 'resources',
    sorting: false,
    render: c => (
      <>
        {c.resources.map(r => (
          <Typography key={r.profile} variant="body2" noWrap>
            {resourcesText(r)}
          </Typography>
        ))}
      </>
    ),
  },
  {
    title: 'Used in',
    field: 'usedIn',
    sorting: false,
    render: c => (
      <EntityRefLinks
        entityRefs={c.usedIn.map(ref => parseEntityRef(ref))}
        defaultKind="System"
      />
    ),
  },
];

/**
 * Every component of the library the backend loaded (every layer, the
 * companions too): version, layer, where it comes from, what it brings
 * along, its resources per profile, the stacks that use it and its docs.
 */
export const ComponentLibraryPage = () => {
  const dataStack = useApi(dataStackApiRef);
  const catalog = useApi(catalogApiRef);
  const rows = useAsync(async (): Promise<Row[]> => {
    const [components, entities] = await Promise.all([
      dataStack.components(),
      catalog.getEntities({
        filter: {
          [`metadata.annotations.${COMPONENT_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['metadata.annotations', 'metadata.namespace', 'spec.system'],
      }),
    ]);
    const usedIn = systemsByComponent(entities.items);
    const titles = new Map(components.map(c => [c.id, c.title]));
    return components.map(c => ({
      ...c,
      usedIn: usedIn.get(c.id) ?? [],
      addsTitles: c.adds.map(a => titles.get(a.id) ?? a.id),
    }));
  }, [dataStack, catalog]);

  return (
    <Page themeId="tool">
      <Header
        title="Component library"
        subtitle="What a data stack can be made of, and where it is used"
      />
      <Content>
        {rows.loading && <Progress />}
        {rows.error && <ResponseErrorPanel error={rows.error} />}
        {rows.value && (
          <Table<Row>
            title={`${rows.value.length} components`}
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={columns}
            data={rows.value}
          />
        )}
      </Content>
    </Page>
  );
};

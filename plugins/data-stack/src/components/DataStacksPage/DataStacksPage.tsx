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
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  type StackOverview,
  formatTotals,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataStackApiRef } from '../../api/DataStackApi';
import {
  StackFilters,
  StackHealth,
  filterStacks,
  overallHealth,
  ownersOf,
} from './stackFilters';

const HEALTH_TITLES: Record<StackHealth, string> = {
  up: 'all up',
  down: 'something down',
  unknown: 'not known',
};

/** TechDocs' page of an entity (its reader's route, `/docs/:namespace/:kind/:name`). */
function docsPath(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/docs/${namespace}/${kind.toLowerCase()}/${name}`;
}

const rollupText = ({ health }: StackOverview) =>
  `${health.up} up · ${health.down} down · ${health.unknown} unknown`;

const budgetText = ({ budget }: StackOverview) =>
  budget ? formatTotals(budget) : '';

function useColumns(): TableColumn<StackOverview>[] {
  const entityRoute = useRouteRef(entityRouteRef);
  const entityPath = (ref: string) =>
    entityRoute(entityRouteParams(parseEntityRef(ref)));
  return [
    {
      title: 'Stack',
      field: 'name',
      highlight: true,
      render: s => (
        <>
          <Link to={`${entityPath(s.entityRef)}/data-stack`}>
            {s.title ?? s.name}
          </Link>
          {s.description && (
            <Typography variant="body2" color="textSecondary">
              {s.description}
            </Typography>
          )}
          {s.problem && (
            <Typography variant="body2" color="error">
              {s.problem}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: s =>
        s.owner ? (
          <EntityRefLink entityRef={s.owner} defaultKind="Group" />
        ) : null,
    },
    {
      title: 'Health',
      field: 'health.down',
      render: s => (
        <span
          data-testid={`health-${s.name}`}
          title={HEALTH_TITLES[overallHealth(s)]}
        >
          {rollupText(s)}
        </span>
      ),
    },
    { title: 'Profile', field: 'profile' },
    {
      title: 'Components',
      field: 'components',
      sorting: false,
      render: s => s.components.join(', '),
    },
    { title: 'Budget', field: 'budget.cpu', render: budgetText },
    {
      title: 'Links',
      sorting: false,
      render: s => (
        <Box display="flex" flexDirection="column">
          {s.repository && (
            <Typography variant="body2" noWrap title={s.repository.location}>
              {s.repository.type === 'local' ? (
                `repository: ${s.repository.location}`
              ) : (
                <Link to={s.repository.location}>repository</Link>
              )}
            </Typography>
          )}
          {s.docs && <Link to={docsPath(s.entityRef)}>docs</Link>}
        </Box>
      ),
    },
  ];
}

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: [string, string][];
  onChange: (value: string | undefined) => void;
}) {
  const id = `stacks-filter-${props.label.toLowerCase()}`;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        label={props.label}
        value={props.value ?? ''}
        onChange={e => props.onChange((e.target.value as string) || undefined)}
        data-testid={id}
      >
        <MenuItem value="">any</MenuItem>
        {props.options.map(([value, title]) => (
          <MenuItem key={value} value={value}>
            {title}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * Every data stack the user may read: owner, profile, components, the
 * health of its components (from the backend's cached status service, so
 * a page view probes nothing the cache holds), budget, and links to its
 * Data stack tab, repository and docs; filtered by owner and health.
 */
export const DataStacksPage = () => {
  const api = useApi(dataStackApiRef);
  const stacks = useAsync(() => api.stacks(), [api]);
  const [filters, setFilters] = useState<StackFilters>({});
  const columns = useColumns();
  const shown = filterStacks(stacks.value ?? [], filters);
  return (
    <Page themeId="tool">
      <Header
        title="Data stacks"
        subtitle="Every stack in the catalog, with the health of its components"
      />
      <Content>
        {stacks.loading && <Progress />}
        {stacks.error && <ResponseErrorPanel error={stacks.error} />}
        {stacks.value && (
          <>
            <Box display="flex" gridGap={16} mb={2}>
              <FilterSelect
                label="Owner"
                value={filters.owner}
                options={ownersOf(stacks.value).map(o => [o, o])}
                onChange={owner => setFilters({ ...filters, owner })}
              />
              <FilterSelect
                label="Health"
                value={filters.health}
                options={Object.entries(HEALTH_TITLES)}
                onChange={health =>
                  setFilters({ ...filters, health: health as StackHealth })
                }
              />
            </Box>
            <Table<StackOverview>
              title={`${shown.length} of ${stacks.value.length} stacks`}
              options={{ paging: false, search: true, padding: 'dense' }}
              columns={columns}
              data={shown}
            />
          </>
        )}
      </Content>
    </Page>
  );
};

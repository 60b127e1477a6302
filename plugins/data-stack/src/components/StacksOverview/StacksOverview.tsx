import {
  type Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EmptyState,
  LinkButton,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  STACK_ANNOTATION,
  type StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { dataStackApiRef } from '../../api/DataStackApi';
import { REFRESH_MS } from '../../hooks/useStackData';
import { StatusChip } from '../StatusChip';
import { stackHealth } from './stackHealth';
import { errorMessage } from '../../api/errorMessage';

/** The Create data stack template's form (templates/create-data-stack). */
export const CREATE_STACK_PATH = '/create/templates/default/create-data-stack';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginTop: theme.spacing(1),
  },
  chip: { flexShrink: 0, marginLeft: theme.spacing(2) },
}));

interface StackRow {
  entity: Entity;
  status?: StackStatusResponse;
  error?: Error;
}

/**
 * Every data stack in the catalog (a System with the stack annotation)
 * with its health from the status backend, linked to its Data stack tab,
 * and the Create data stack action. The home page shows it.
 */
export function StacksOverview(props: {
  refreshMs?: number;
  createPath?: string;
}) {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const dataStackApi = useApi(dataStackApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const rows = useAsyncRetry(async (): Promise<StackRow[]> => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'System',
        [`metadata.annotations.${STACK_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      },
      fields: ['kind', 'metadata', 'spec.owner'],
    });
    const sorted = [...items].sort((a, b) =>
      (a.metadata.title ?? a.metadata.name).localeCompare(
        b.metadata.title ?? b.metadata.name,
      ),
    );
    // Each stack's status on its own: one that fails does not hide the rest.
    return Promise.all(
      sorted.map(entity =>
        dataStackApi.status(getCompoundEntityRef(entity)).then(
          status => ({ entity, status }),
          error => ({ entity, error }),
        ),
      ),
    );
  }, [catalogApi, dataStackApi]);
  useInterval(rows.retry, props.refreshMs ?? REFRESH_MS);

  const create = (
    <div className={classes.actions}>
      <LinkButton
        to={props.createPath ?? CREATE_STACK_PATH}
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
      >
        Create data stack
      </LinkButton>
    </div>
  );
  // The last answer stays on screen while a refresh runs.
  if (!rows.value && rows.loading) return <Progress />;
  if (!rows.value && rows.error)
    return <ResponseErrorPanel error={rows.error} />;
  if (!rows.value?.length)
    return (
      <>
        <EmptyState
          missing="data"
          title="No data stacks yet"
          description="A data stack is a System with the datastack.backstage.io/stack annotation, as Create data stack registers it."
        />
        {create}
      </>
    );
  return (
    <div data-testid="stacks-overview">
      <List dense disablePadding>
        {rows.value.map(({ entity, status, error }) => {
          const ref = getCompoundEntityRef(entity);
          const health = status && stackHealth(status);
          return (
            <ListItem
              key={stringifyEntityRef(entity)}
              data-testid={`stack-${ref.name}`}
              divider
            >
              <ListItemText
                primary={
                  <Link
                    to={`${entityRoute(
                      entityRouteParams(entity, { encodeParams: true }),
                    )}/data-stack`}
                  >
                    {entity.metadata.title ?? entity.metadata.name}
                  </Link>
                }
                secondary={
                  <>
                    {entity.metadata.description && (
                      <Typography variant="body2" component="span">
                        {entity.metadata.description}
                        <br />
                      </Typography>
                    )}
                    <span data-testid="stack-summary">
                      {health?.summary ??
                        `status unavailable: ${error && errorMessage(error)}`}
                    </span>
                  </>
                }
              />
              <div className={classes.chip}>
                <StatusChip
                  status={health?.status ?? 'unknown'}
                  reason={health?.summary ?? (error && errorMessage(error))}
                />
              </div>
            </ListItem>
          );
        })}
      </List>
      {create}
    </div>
  );
}

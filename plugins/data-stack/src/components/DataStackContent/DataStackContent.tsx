import { EmptyState, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { STACK_ANNOTATION } from '@big-data-stack/backstage-plugin-data-stack-common';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { REFRESH_MS, useStackData } from '../../hooks/useStackData';
import { ComponentStatusCard } from '../ComponentStatusCard';
import { QueryCatalogsCard } from '../QueryCatalogsCard';
import { StackProblem } from '../StackProblem';
import { groupByLayer } from './groupByLayer';
import { StackNotRunning } from './StackNotRunning';
import { UpdatedAt } from './UpdatedAt';

/**
 * The "Data stack" tab of a stack's System: every component by layer with
 * its status and metrics, refreshed on a timer, and the query catalogs.
 */
export function DataStackContent(props: { refreshMs?: number }) {
  const { entity } = useEntity();
  const refreshMs = props.refreshMs ?? REFRESH_MS;
  const data = useStackData(entity, refreshMs);
  if (!entity.metadata.annotations?.[STACK_ANNOTATION])
    return <MissingAnnotationEmptyState annotation={STACK_ANNOTATION} />;
  if (data.loading) return <Progress />;
  if (!data.status) return <StackProblem error={data.statusError!} />;

  const { components } = data.status;
  if (components.length === 0)
    return (
      <EmptyState
        missing="data"
        title="No components in the catalog"
        description={`No catalog entity carries ${STACK_ANNOTATION}: ${data.status.stack} with a component. Register the catalog-info.yaml that \`datastack render\` wrote for this stack.`}
      />
    );
  const metricsOf = new Map(data.metrics?.components.map(m => [m.id, m]) ?? []);
  const { notRunning } = data.status;
  // Said once when the backend has no endpoints for any component.
  const unconfigured = components.every(
    c => c.status === 'unknown' && c.code === 'not-configured',
  );
  return (
    <Grid container spacing={3} data-testid="data-stack-content">
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary" component="div">
          <UpdatedAt at={data.updatedAt} refreshMs={refreshMs} />
          <Tooltip title="Check again">
            <IconButton
              size="small"
              aria-label="refresh"
              onClick={data.refresh}
              disabled={data.refreshing}
            >
              <RefreshIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Typography>
        {data.statusError && <StackProblem error={data.statusError} />}
        {unconfigured && (
          <EmptyState
            missing="info"
            title="No endpoints configured for this stack"
            description="Set dataStack.status.endpoints (a host pattern) or dataStack.status.stacks[].endpoints in app-config.yaml so the backend can reach the stack's services; see the Status and metrics page of the docs."
          />
        )}
      </Grid>
      {notRunning && (
        // Once, instead of the same connection error on every card.
        <Grid item xs={12}>
          <StackNotRunning
            entity={entity}
            status={{ ...data.status, notRunning }}
            refreshMs={refreshMs}
          />
        </Grid>
      )}
      {!notRunning &&
        groupByLayer(components).map(([layer, list]) => (
          <Grid item xs={12} key={layer}>
            <Typography
              variant="h5"
              component="h2"
              gutterBottom
              style={{ textTransform: 'capitalize' }}
            >
              {layer}
            </Typography>
            <Grid container spacing={2}>
              {list.map(status => (
                <Grid item xs={12} md={6} lg={4} key={status.id}>
                  <ComponentStatusCard
                    status={status}
                    metrics={metricsOf.get(status.id)}
                  />
                </Grid>
              ))}
            </Grid>
          </Grid>
        ))}
      {!notRunning && (
        <Grid item xs={12}>
          <QueryCatalogsCard />
        </Grid>
      )}
    </Grid>
  );
}

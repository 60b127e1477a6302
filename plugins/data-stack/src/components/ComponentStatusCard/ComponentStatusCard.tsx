import { Link, TrendLine } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ComponentMetrics,
  ComponentStatus,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { StatusChip } from '../StatusChip';
import { formatMetric } from './formatMetric';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  facts: { color: theme.palette.text.secondary },
  metric: {
    display: 'grid',
    gridTemplateColumns: '1fr auto 80px',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  links: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) },
}));

/** One component: status, latency, version, reason, card metrics with sparklines, web UIs. */
export function ComponentStatusCard(props: {
  status: ComponentStatus;
  metrics?: ComponentMetrics;
}) {
  const classes = useStyles();
  const { status, metrics } = props;
  const facts = [
    status.latencyMs !== undefined && `${status.latencyMs} ms`,
    status.version && `v${status.version}`,
  ].filter(Boolean);
  return (
    <Card
      variant="outlined"
      className={classes.card}
      data-testid={`component-${status.id}`}
    >
      <CardContent>
        <div className={classes.header}>
          <Typography variant="h6" component="h3">
            {status.entityRef ? (
              <EntityRefLink
                entityRef={status.entityRef}
                title={status.title}
              />
            ) : (
              status.title
            )}
          </Typography>
          <StatusChip status={status.status} reason={status.reason} />
        </div>
        {facts.length > 0 && (
          <Typography variant="body2" className={classes.facts}>
            {facts.join(' · ')}
          </Typography>
        )}
        {status.reason && status.status !== 'healthy' && (
          <Typography variant="body2" color="textSecondary">
            {status.reason}
          </Typography>
        )}
        {metrics?.metrics.map(m => (
          <div key={m.title} className={classes.metric}>
            <Typography variant="body2">{m.title}</Typography>
            <Typography variant="body2" data-testid="metric-value">
              <strong>{formatMetric(m.value, m.unit)}</strong>
            </Typography>
            {m.series.length > 1 ? (
              <TrendLine
                data={m.series.map(([, v]) => v)}
                title={`${m.title} over time`}
              />
            ) : (
              <span />
            )}
          </div>
        ))}
        {metrics?.reason && (
          <Typography variant="caption" color="textSecondary">
            Metrics: {metrics.reason}
          </Typography>
        )}
        {status.links?.length ? (
          <div className={classes.links}>
            {status.links.map(link => (
              <Link key={link.url} to={link.url}>
                {link.title}
              </Link>
            ))}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

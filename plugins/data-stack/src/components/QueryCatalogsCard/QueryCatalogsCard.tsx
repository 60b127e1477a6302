import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { QueryEngineCatalogs } from '@big-data-stack/backstage-plugin-data-stack-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataStackApiRef } from '../../api/DataStackApi';
import { StackProblem } from '../StackProblem';

/** The schemas of one catalog, loaded when its row is first opened. */
function Schemas(props: { engine: string; catalog: string }) {
  const api = useApi(dataStackApiRef);
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.catalogSchemas(ref, props.engine, props.catalog),
    [api, ref.kind, ref.namespace, ref.name, props.engine, props.catalog],
  );
  if (loading) return <Progress />;
  if (error) return <StackProblem error={error} />;
  if (value?.reason)
    return (
      <Typography variant="body2" color="error">
        {value.reason}
      </Typography>
    );
  return (
    <div data-testid={`schemas-${props.engine}-${props.catalog}`}>
      {value?.schemas.map(schema => (
        <Chip key={schema} size="small" label={schema} style={{ margin: 2 }} />
      ))}
    </div>
  );
}

function EngineCatalogs(props: { engine: QueryEngineCatalogs }) {
  const { engine } = props;
  const [opened, setOpened] = useState<Set<string>>(new Set());
  return (
    <div data-testid={`engine-${engine.id}`}>
      <Typography variant="subtitle1" component="h3">
        {engine.title}
      </Typography>
      {engine.reason && (
        <Typography variant="body2" color="error">
          {engine.reason}
        </Typography>
      )}
      {engine.catalogs.map(catalog => (
        <Accordion
          key={catalog.name}
          TransitionProps={{ unmountOnExit: true }}
          onChange={(_, expanded) =>
            expanded && setOpened(prev => new Set(prev).add(catalog.name))
          }
        >
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>
              <strong>{catalog.name}</strong>{' '}
              <Typography component="span" color="textSecondary">
                {catalog.connector}
              </Typography>
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            {opened.has(catalog.name) && (
              <Schemas engine={engine.id} catalog={catalog.name} />
            )}
          </AccordionDetails>
        </Accordion>
      ))}
    </div>
  );
}

/** Trino's and Presto's catalogs with their connectors; a catalog's schemas on expand. */
export function QueryCatalogsCard() {
  const api = useApi(dataStackApiRef);
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.queryCatalogs(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <StackProblem error={error} />;
  else if (!value?.engines.length)
    body = (
      <Typography variant="body2">
        This stack has no Trino or Presto.
      </Typography>
    );
  else
    body = value.engines.map(engine => (
      <EngineCatalogs key={engine.id} engine={engine} />
    ));
  return <InfoCard title="Query catalogs">{body}</InfoCard>;
}

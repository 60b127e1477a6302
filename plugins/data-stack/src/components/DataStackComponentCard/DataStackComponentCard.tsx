import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { REFRESH_MS, useStackData } from '../../hooks/useStackData';
import { ComponentStatusCard } from '../ComponentStatusCard';
import { StackProblem } from '../StackProblem';

/** On a component's own entity page: its status and metrics. */
export function DataStackComponentCard(props: { refreshMs?: number }) {
  const { entity } = useEntity();
  const data = useStackData(entity, props.refreshMs ?? REFRESH_MS);
  let body;
  if (data.loading) body = <Progress />;
  else if (!data.status) body = <StackProblem error={data.statusError!} />;
  else
    body = data.status.components.map(status => (
      <ComponentStatusCard
        key={status.id}
        status={status}
        metrics={data.metrics?.components.find(m => m.id === status.id)}
      />
    ));
  return <InfoCard title="Data stack status">{body}</InfoCard>;
}

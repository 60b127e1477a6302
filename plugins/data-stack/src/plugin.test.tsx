import { screen } from '@testing-library/react';
import { renderWithEntity } from './__testUtils__/renderWithEntity';
import {
  mockDataStackApi,
  stackSystem,
  trinoEntity,
} from './__testUtils__/stackFixtures';
import {
  EntityDataStackComponentCard,
  EntityDataStackContent,
  EntityQueryCatalogsCard,
} from './plugin';

describe('the legacy extensions', () => {
  it('render the tab on a System', async () => {
    await renderWithEntity(
      <EntityDataStackContent />,
      stackSystem,
      mockDataStackApi(),
    );
    expect(await screen.findByTestId('component-trino')).toBeInTheDocument();
  });

  it('render the status and query-catalogs cards on Trino', async () => {
    await renderWithEntity(
      <>
        <EntityDataStackComponentCard />
        <EntityQueryCatalogsCard />
      </>,
      trinoEntity,
      mockDataStackApi(),
    );
    expect(await screen.findByText('Data stack status')).toBeInTheDocument();
    expect(await screen.findByTestId('engine-trino')).toBeInTheDocument();
  });
});

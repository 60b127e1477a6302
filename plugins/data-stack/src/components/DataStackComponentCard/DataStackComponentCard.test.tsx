import { screen, within } from '@testing-library/react';
import { DataStackResponseError } from '../../api/DataStackClient';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import {
  metricsAnswer,
  mockDataStackApi,
  statusAnswer,
  trinoEntity,
} from '../../__testUtils__/stackFixtures';
import { DataStackComponentCard } from './DataStackComponentCard';

describe("a component's status card", () => {
  it('shows its own status and metrics', async () => {
    const api = mockDataStackApi({
      status: jest.fn().mockResolvedValue({
        stack: 'analytics',
        components: [statusAnswer.components[0]],
      }),
      metrics: jest.fn().mockResolvedValue(metricsAnswer),
    });
    await renderWithEntity(<DataStackComponentCard />, trinoEntity, api);
    const card = await screen.findByTestId('component-trino');
    expect(within(card).getByText('healthy')).toBeInTheDocument();
    expect(
      await within(card).findByText('Running queries'),
    ).toBeInTheDocument();
    expect(api.status).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'analytics-trino',
    });
  });

  it('shows a loading state, then advice on error', async () => {
    const api = mockDataStackApi({
      status: jest
        .fn()
        .mockRejectedValue(new DataStackResponseError('forbidden', 403)),
    });
    await renderWithEntity(<DataStackComponentCard />, trinoEntity, api);
    expect(await screen.findByText(/Not allowed/)).toBeInTheDocument();
  });
});

import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { DataStackApi, dataStackApiRef } from '../../api/DataStackApi';
import { ChangePage } from './ChangePage';

const change = {
  branch: 'datastack/add-trino',
  files: [
    { path: 'stack.yaml', change: 'modified', added: 1, removed: 0 },
    {
      path: 'services/trino/docker-compose.yml',
      change: 'added',
      added: 40,
      removed: 0,
    },
  ],
  stackFilePatch: '--- a/stack.yaml\n+++ b/stack.yaml\n+    - trino\n',
  mergeCommand: 'git -C /s/analytics merge datastack/add-trino',
};

const render = (api: Partial<DataStackApi>, query: string) =>
  renderInTestApp(
    <TestApiProvider apis={[[dataStackApiRef, api]]}>
      <ChangePage />
    </TestApiProvider>,
    { routeEntries: [`/data-stack/changes?${query}`] },
  );

describe('ChangePage', () => {
  const query =
    'stack=system%3Adefault%2Fanalytics&branch=datastack%2Fadd-trino';

  it('shows the files, the stack.yaml diff and merges on a click', async () => {
    const api = {
      change: jest.fn().mockResolvedValue(change),
      merge: jest
        .fn()
        .mockResolvedValue({ commit: 'abcdef0123', fastForward: true }),
    };
    await render(api, query);
    expect(await screen.findByText('2 files change')).toBeInTheDocument();
    expect(screen.getByTestId('stack-file-patch')).toHaveTextContent(
      '+ - trino',
    );
    expect(
      screen.getByText('git -C /s/analytics merge datastack/add-trino'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Merge into main' }));
    expect(await screen.findByTestId('merged')).toHaveTextContent(
      'Merged into main (abcdef0)',
    );
    expect(api.merge).toHaveBeenCalledWith(
      { kind: 'system', namespace: 'default', name: 'analytics' },
      'datastack/add-trino',
    );
  });

  it('shows why a merge was refused', async () => {
    const api = {
      change: jest.fn().mockResolvedValue(change),
      merge: jest
        .fn()
        .mockRejectedValue(new Error('/s/analytics has uncommitted changes')),
    };
    await render(api, query);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Merge into main' }),
    );
    expect(
      await screen.findByText('/s/analytics has uncommitted changes'),
    ).toBeInTheDocument();
  });

  it('asks which change when the address names none', async () => {
    await render({ change: jest.fn() }, '');
    expect(screen.getByText(/Which change\?/)).toBeInTheDocument();
  });
});

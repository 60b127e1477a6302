import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { DataStackApi, dataStackApiRef } from '../../api/DataStackApi';
import {
  ComponentPickerField,
  componentPickerValidation,
} from './ComponentPickerField';

import type { LibraryComponent } from '@big-data-stack/backstage-plugin-data-stack-common';

const shipped = { kind: 'shipped' as const, location: '' };
const component = (
  c: Pick<LibraryComponent, 'id' | 'title' | 'description' | 'layer'> &
    Partial<LibraryComponent>,
): LibraryComponent => ({
  version: '1',
  companion: false,
  origin: shipped,
  requires: [],
  adds: [],
  resources: [],
  ...c,
});

const library = [
  component({
    id: 'trino',
    title: 'Trino',
    description: 'SQL engine.',
    layer: 'query',
  }),
  component({
    id: 'postgresql',
    title: 'PostgreSQL',
    description: 'Relational database.',
    layer: 'storage',
    adds: [{ id: 'postgres-exporter', reason: 'required by postgresql' }],
  }),
  component({
    id: 'postgres-exporter',
    title: 'PostgreSQL exporter',
    description: 'Metrics of PostgreSQL.',
    layer: 'observability',
    companion: true,
  }),
  component({
    id: 'team-cache',
    title: 'Team cache',
    description: "A platform team's own component.",
    layer: 'storage',
    origin: { kind: 'directory', location: '../team-library' },
  }),
];

async function renderPicker(
  formData: Record<string, unknown>,
  api: Partial<DataStackApi>,
  options: Record<string, unknown> = {},
  value: string[] = [],
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[dataStackApiRef, api]]}>
      <ComponentPickerField
        {...({
          onChange,
          formData: value,
          formContext: { formData },
          uiSchema: { 'ui:options': options },
          schema: { title: 'Components' },
        } as any)}
      />
    </TestApiProvider>,
  );
  return onChange;
}

describe('ComponentPickerField', () => {
  it("offers the library's components by layer, a team's own included", async () => {
    const api = { components: jest.fn().mockResolvedValue(library) };
    const onChange = await renderPicker({}, api);
    const storage = await screen.findByTestId('layer-storage');
    expect(within(storage).getByText('Team cache')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('pick-team-cache')).getByText('team library'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('pick-postgresql')).queryByText('team library'),
    ).toBeNull();
    // What choosing it brings along, by title; companions are not offered.
    expect(screen.getByTestId('adds-postgresql')).toHaveTextContent(
      'Adds PostgreSQL exporter',
    );
    expect(screen.queryByTestId('pick-postgres-exporter')).toBeNull();
    expect(screen.getByTestId('layer-query')).toHaveTextContent('Trino');
    // Storage comes before query, as the library orders its layers.
    expect(
      screen.getAllByTestId(/^layer-/).map(e => e.getAttribute('data-testid')),
    ).toEqual(['layer-storage', 'layer-query']);
    fireEvent.click(
      within(screen.getByTestId('pick-trino')).getByRole('checkbox'),
    );
    expect(onChange).toHaveBeenLastCalledWith(['trino']);
  });

  it('shows the components of an existing stack as present, and they cannot be picked', async () => {
    const api = {
      components: jest.fn().mockResolvedValue(library),
      stack: jest.fn().mockResolvedValue({
        name: 'analytics',
        repository: { type: 'local', location: '/stacks/analytics' },
        profile: 'dev',
        components: ['postgresql', 'postgres-exporter'],
        selected: ['postgresql'],
      }),
    };
    await renderPicker({ stack: 'system:default/analytics' }, api, {
      stackField: 'stack',
    });
    const present = within(await screen.findByTestId('pick-postgresql'));
    expect(present.getByRole('checkbox')).toBeChecked();
    expect(present.getByRole('checkbox')).toBeDisabled();
    expect(screen.getByTestId('pick-postgresql')).toHaveTextContent(
      'PostgreSQL (in the stack)',
    );
    expect(
      within(screen.getByTestId('pick-trino')).getByRole('checkbox'),
    ).toBeEnabled();
    expect(api.stack).toHaveBeenCalledWith({
      kind: 'system',
      namespace: 'default',
      name: 'analytics',
    });
  });

  it('says so when the library cannot be read', async () => {
    const api = {
      components: jest.fn().mockRejectedValue(new Error('backend down')),
    };
    await renderPicker({}, api);
    expect(
      await screen.findByText(/The component library could not be read/),
    ).toBeInTheDocument();
  });

  it('stops the step until a component is chosen', () => {
    const validation = { addError: jest.fn() };
    componentPickerValidation([], validation);
    expect(validation.addError).toHaveBeenCalledWith(
      'choose at least one component',
    );
    validation.addError.mockClear();
    componentPickerValidation(['trino'], validation);
    expect(validation.addError).not.toHaveBeenCalled();
  });
});

describe('ComponentPickerField with rjsf placeholders', () => {
  it('drops them from the value and does not count them as a choice', async () => {
    const api = { components: jest.fn().mockResolvedValue(library) };
    const onChange = await renderPicker({}, api, {}, [undefined as any]);
    fireEvent.click(
      within(await screen.findByTestId('pick-trino')).getByRole('checkbox'),
    );
    expect(onChange).toHaveBeenLastCalledWith(['trino']);
    const validation = { addError: jest.fn() };
    componentPickerValidation([undefined as any], validation);
    expect(validation.addError).toHaveBeenCalled();
  });
});

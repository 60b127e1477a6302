import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DataStackApi, dataStackApiRef } from '../../api/DataStackApi';
import { PlanPreviewField, planPreviewValidation } from './PlanPreviewField';

const plan = {
  components: [
    { id: 'delta-lake', title: 'Delta Lake', selected: true },
    {
      id: 'minio',
      title: 'MinIO',
      selected: false,
      addedBecause: 'required by delta-lake (s3)',
    },
  ],
  budget: { profile: 'dev', cpu: 1.5, memoryMi: 2048, diskMi: 10240 },
  summary: '**preview**, dev profile: 2 components.',
};

function renderField(
  formData: Record<string, unknown>,
  api: Partial<DataStackApi>,
  options: Record<string, unknown> = {
    componentFields: ['storage', 'lakehouse'],
  },
) {
  const onChange = jest.fn();
  const props = {
    onChange,
    formContext: { formData },
    uiSchema: { 'ui:options': options },
    schema: { title: 'The plan' },
  } as any;
  return {
    onChange,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[dataStackApiRef, api]]}>
        <PlanPreviewField {...props} />
      </TestApiProvider>,
    ),
  };
}

describe('PlanPreviewField', () => {
  it('shows the companions added and the budget, and takes the plan in one line as its value', async () => {
    const api = { plan: jest.fn().mockResolvedValue(plan) };
    const { onChange, rendered } = renderField(
      { name: 'analytics', lakehouse: ['delta-lake'], profile: 'dev' },
      api,
    );
    await rendered;
    expect(
      await screen.findByText('MinIO: required by delta-lake (s3)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Resources: 1.5 CPU, 2.0 GiB memory, 10.0 GiB disk.'),
    ).toBeInTheDocument();
    expect(api.plan).toHaveBeenCalledWith({
      components: ['delta-lake'],
      profile: 'dev',
      name: 'analytics',
    });
    expect(onChange).toHaveBeenLastCalledWith(
      '2 components in the dev profile; added for you: MinIO (required by delta-lake (s3)); resources: 1.5 CPU, 2.0 GiB memory, 10.0 GiB disk',
    );
  });

  it('asks the user to choose when nothing is chosen, without calling the backend', async () => {
    const api = { plan: jest.fn() };
    await renderField({}, api).rendered;
    expect(
      screen.getByText(
        'The plan: choose components to see what the stack will hold.',
      ),
    ).toBeInTheDocument();
    expect(api.plan).not.toHaveBeenCalled();
  });

  it('says why the library refuses a choice', async () => {
    const api = {
      plan: jest
        .fn()
        .mockRejectedValue(
          new Error("spec.components[0]: unknown component 'x'"),
        ),
    };
    await renderField({ storage: ['x'] }, api).rendered;
    expect(
      await screen.findByText(/The library refuses this choice/),
    ).toBeInTheDocument();
    expect(
      screen.getByText("spec.components[0]: unknown component 'x'"),
    ).toBeInTheDocument();
  });

  it('shows what a change adds to an existing stack and how its resources change', async () => {
    const api = {
      plan: jest.fn().mockResolvedValue({
        components: [
          {
            id: 'postgresql',
            title: 'PostgreSQL',
            selected: true,
            present: true,
          },
          { id: 'trino', title: 'Trino', selected: true, present: false },
        ],
        budget: { profile: 'dev', cpu: 2, memoryMi: 2048, diskMi: 10240 },
        before: { profile: 'dev', cpu: 0.5, memoryMi: 512, diskMi: 5120 },
        summary: '',
      }),
    };
    const { onChange, rendered } = renderField(
      { stack: 'system:default/analytics', components: ['trino'] },
      api,
      { componentFields: ['components'], stackField: 'stack' },
    );
    await rendered;
    expect(await screen.findByText('Trino')).toBeInTheDocument();
    expect(screen.queryByText('PostgreSQL')).toBeNull();
    expect(screen.getByText('CPU 0.5 → 2 (+1.5)')).toBeInTheDocument();
    expect(
      screen.getByText('memory 0.5 GiB → 2.0 GiB (+1.5 GiB)'),
    ).toBeInTheDocument();
    expect(api.plan).toHaveBeenCalledWith({
      components: ['trino'],
      stack: 'system:default/analytics',
    });
    expect(onChange).toHaveBeenLastCalledWith(
      'adds Trino; resources: CPU 0.5 → 2 (+1.5), memory 0.5 GiB → 2.0 GiB (+1.5 GiB), disk 5.0 GiB → 10.0 GiB (+5 GiB)',
    );
  });

  it('waits for the stack before planning a change to it', async () => {
    const api = { plan: jest.fn() };
    await renderField({ components: ['trino'] }, api, {
      componentFields: ['components'],
      stackField: 'stack',
    }).rendered;
    expect(api.plan).not.toHaveBeenCalled();
  });

  it('blocks the step while there is no plan', () => {
    const validation = { addError: jest.fn() };
    planPreviewValidation(undefined, validation);
    expect(validation.addError).toHaveBeenCalled();
    planPreviewValidation(
      'a plan',
      (validation.addError.mockClear(), validation),
    );
    expect(validation.addError).not.toHaveBeenCalled();
  });
});

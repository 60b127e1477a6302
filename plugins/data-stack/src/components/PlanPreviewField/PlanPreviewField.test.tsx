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
) {
  const onChange = jest.fn();
  const props = {
    onChange,
    formContext: { formData },
    uiSchema: {
      'ui:options': { componentFields: ['storage', 'lakehouse'] },
    },
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

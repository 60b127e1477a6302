import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DataStackApi, dataStackApiRef } from '../../api/DataStackApi';
import {
  RepositoryPickerField,
  repositoryPickerValidation,
} from './RepositoryPickerField';

async function renderPicker(
  formData: Record<string, unknown>,
  api: Partial<DataStackApi>,
  value?: unknown,
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[dataStackApiRef, api]]}>
      <RepositoryPickerField
        {...({
          onChange,
          formData: value,
          formContext: { formData },
          uiSchema: { 'ui:options': { nameField: 'name' } },
          schema: { title: 'Repository' },
        } as any)}
      />
    </TestApiProvider>,
  );
  return onChange;
}

const local = { type: 'local', host: 'local', title: 'This machine (/s)' };
const github = {
  type: 'github',
  host: 'github.com',
  title: 'GitHub (github.com)',
};

describe('RepositoryPickerField', () => {
  it('chooses this machine first, named after the stack, and says where', async () => {
    const api = {
      publishTargets: jest.fn().mockResolvedValue([local, github]),
      localName: jest
        .fn()
        .mockResolvedValue({ available: true, path: '/s/analytics' }),
    };
    const onChange = await renderPicker({ name: 'analytics' }, api);
    expect(
      await screen.findByText(
        'A git repository at /s/analytics, in the catalog when the task ends.',
      ),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({
      target: 'local',
      location: '/s/analytics',
    });
  });

  it('says a taken name is taken', async () => {
    const api = {
      publishTargets: jest.fn().mockResolvedValue([local]),
      localName: jest.fn().mockResolvedValue({
        available: false,
        path: '/s/analytics',
        reason:
          "a stack repository named 'analytics' already exists at /s/analytics",
      }),
    };
    await renderPicker({ name: 'analytics' }, api);
    expect(
      await screen.findByText(
        "a stack repository named 'analytics' already exists at /s/analytics",
      ),
    ).toBeInTheDocument();
  });

  it('asks for the owner on a forge and names the repository readably', async () => {
    const api = { publishTargets: jest.fn().mockResolvedValue([github]) };
    const onChange = await renderPicker({ name: 'analytics' }, api, {
      target: 'github',
      host: 'github.com',
      owner: 'acme',
      repo: 'analytics',
    });
    expect(await screen.findByLabelText(/Owner/)).toHaveValue('acme');
    expect(onChange).toHaveBeenLastCalledWith({
      target: 'github',
      host: 'github.com',
      owner: 'acme',
      repo: 'analytics',
      location: 'github.com/acme/analytics',
      repoUrl: 'github.com?owner=acme&repo=analytics',
    });
  });

  it('says when there is nowhere to publish, and the task offers a download', async () => {
    const api = { publishTargets: jest.fn().mockResolvedValue([]) };
    const onChange = await renderPicker({ name: 'analytics' }, api);
    expect(
      await screen.findByText(/There is nowhere to publish a stack/),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({
      target: 'download',
      location: 'a download of the rendered files (.tar.gz)',
    });
  });

  describe('validation', () => {
    const context = (api: Partial<DataStackApi>) => ({
      apiHolder: { get: () => api },
      formData: { name: 'analytics' },
      uiSchema: { 'ui:options': { nameField: 'name' } },
    });

    it('refuses a name taken on this machine before the review', async () => {
      const validation = { addError: jest.fn() };
      await repositoryPickerValidation(
        { target: 'local', location: '/s/analytics' },
        validation,
        context({
          localName: jest
            .fn()
            .mockResolvedValue({ available: false, path: '', reason: 'taken' }),
        }) as any,
      );
      expect(validation.addError).toHaveBeenCalledWith('taken');
    });

    it('refuses a forge repository without owner or with a bad name', async () => {
      const validation = { addError: jest.fn() };
      await repositoryPickerValidation(
        {
          target: 'github',
          location: 'github.com//a b',
          owner: '',
          repo: 'a b',
        },
        validation,
        context({}) as any,
      );
      expect(validation.addError.mock.calls).toEqual([
        ['give the owner: a user, organization or group'],
        ['give the repository name: letters, digits, ".", "_" and "-"'],
      ]);
    });
  });
});

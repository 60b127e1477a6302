import { Progress, WarningPanel } from '@backstage/core-components';
import { ApiHolder, useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { PublishTarget } from '@big-data-stack/backstage-plugin-data-stack-common';
import { dataStackApiRef } from '../../api/DataStackApi';
import { errorMessage } from '../../api/errorMessage';

/** Where the stack repository goes, as the template's steps read it. */
export interface RepositoryChoice {
  target: 'local' | 'github' | 'gitlab' | 'download';
  /** The repository as people read it; what the review shows. */
  location: string;
  /** A forge repository as `publish:github`/`publish:gitlab` take it. */
  repoUrl?: string;
  host?: string;
  owner?: string;
  repo?: string;
}

/** Where in the form the stack's name is. */
export interface RepositoryPickerOptions {
  nameField?: string;
}

/** Owner and repository names the forges accept (GitLab groups may nest). */
const OWNER = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const REPO = /^[A-Za-z0-9_.-]+$/;

const DOWNLOAD: RepositoryChoice = {
  target: 'download',
  location: 'a download of the rendered files (.tar.gz)',
};

/** The choice for a target, the owner and the repository name. */
export function repositoryChoice(
  target: PublishTarget,
  name: string,
  owner = '',
  repo = name,
  localPath = '',
): RepositoryChoice {
  if (target.type === 'local')
    return { target: 'local', location: localPath || `this machine: ${name}` };
  return {
    target: target.type,
    host: target.host,
    owner,
    repo,
    location: `${target.host}/${owner}/${repo}`,
    repoUrl: `${target.host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo)}`,
  };
}

/** What the form says of a repository on this machine. */
function localHint(
  name: string,
  answer?: { available: boolean; reason?: string; path: string },
): string {
  if (!name) return 'The repository is named after the stack.';
  if (answer?.available === false) return answer.reason ?? `${name} is taken`;
  return `A git repository at ${
    answer?.path ?? name
  }, in the catalog when the task ends.`;
}

/**
 * `ui:field: DataStackRepositoryPicker`: where the new stack repository
 * goes, from the places the backend can publish to: this machine's stacks
 * folder, or a GitHub or GitLab integration with credentials. With none,
 * it says so and the task offers the files as a download. The value names
 * the repository readably, so the review shows where it will be.
 */
export const RepositoryPickerField = (
  props: FieldExtensionComponentProps<
    RepositoryChoice,
    RepositoryPickerOptions
  >,
) => {
  const { onChange, formData, uiSchema, formContext, rawErrors } = props;
  const api = useApi(dataStackApiRef);
  const nameField = uiSchema?.['ui:options']?.nameField ?? 'name';
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const name =
    typeof form[nameField] === 'string' ? (form[nameField] as string) : '';
  const targets = useAsync(() => api.publishTargets(), [api]);
  const list = targets.value ?? [];
  const current =
    list.find(
      t =>
        t.type === formData?.target &&
        (t.type === 'local' || t.host === formData?.host),
    ) ?? list[0];
  const local = useAsync(
    async () =>
      current?.type === 'local' && name ? api.localName(name) : undefined,
    [api, current?.type, name],
  );
  const owner = formData?.owner ?? '';
  const repo = formData?.repo || name;

  let next: RepositoryChoice | undefined;
  if (current)
    next = repositoryChoice(current, name, owner, repo, local.value?.path);
  else if (!targets.loading) next = DOWNLOAD;
  const key = JSON.stringify(next);
  useEffect(() => {
    if (next && key !== JSON.stringify(formData)) onChange(next);
    // Only a new choice changes the value (see PlanPreviewField).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (targets.loading) return <Progress />;
  if (targets.error)
    return (
      <WarningPanel
        severity="error"
        title="The publish targets could not be read"
      >
        {errorMessage(targets.error)}
      </WarningPanel>
    );
  if (!current)
    return (
      <div data-testid="no-publish-target">
        <WarningPanel
          severity="info"
          title="There is nowhere to publish a stack"
          defaultExpanded
        >
          This portal has no stacks folder (dataStack.publish.local) and no
          GitHub or GitLab integration with a token. The task will render the
          stack and offer its files as a download.
        </WarningPanel>
      </div>
    );
  const select = (host: string) => {
    const target = list.find(t => `${t.type}:${t.host}` === host)!;
    onChange(repositoryChoice(target, name, owner, repo));
  };
  return (
    <Box>
      <FormControl fullWidth margin="normal" error={Boolean(rawErrors?.length)}>
        <InputLabel id="data-stack-publish-target">Publish to</InputLabel>
        <Select
          labelId="data-stack-publish-target"
          value={`${current.type}:${current.host}`}
          onChange={e => select(e.target.value as string)}
        >
          {list.map(t => (
            <MenuItem key={`${t.type}:${t.host}`} value={`${t.type}:${t.host}`}>
              {t.title}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {current.type === 'local' ? (
        <FormHelperText data-testid="local-repository">
          {localHint(name, local.value)}
        </FormHelperText>
      ) : (
        <Box display="flex" style={{ gap: 16 }}>
          <TextField
            id="data-stack-repository-owner"
            label={current.type === 'gitlab' ? 'Group or user' : 'Owner'}
            required
            margin="normal"
            value={owner}
            onChange={e =>
              onChange(repositoryChoice(current, name, e.target.value, repo))
            }
          />
          <TextField
            id="data-stack-repository-name"
            label="Repository"
            required
            margin="normal"
            value={repo}
            onChange={e =>
              onChange(repositoryChoice(current, name, owner, e.target.value))
            }
          />
        </Box>
      )}
    </Box>
  );
};

/** Refuses a taken name on this machine and incomplete forge repositories. */
export async function repositoryPickerValidation(
  value: RepositoryChoice | undefined,
  validation: { addError(message: string): void },
  context: {
    apiHolder: ApiHolder;
    formData: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: unknown };
  },
) {
  const options = (context.uiSchema?.['ui:options'] ??
    {}) as RepositoryPickerOptions;
  if (!value?.target) {
    validation.addError('choose where the stack repository goes');
    return;
  }
  if (value.target === 'local') {
    const name = context.formData[options.nameField ?? 'name'];
    const api = context.apiHolder.get(dataStackApiRef);
    if (api && typeof name === 'string' && name) {
      const answer = await api.localName(name);
      if (!answer.available)
        validation.addError(answer.reason ?? `${name} is taken`);
    }
  }
  if (value.target === 'github' || value.target === 'gitlab') {
    if (!value.owner || !OWNER.test(value.owner))
      validation.addError('give the owner: a user, organization or group');
    if (!value.repo || !REPO.test(value.repo))
      validation.addError(
        'give the repository name: letters, digits, ".", "_" and "-"',
      );
  }
}

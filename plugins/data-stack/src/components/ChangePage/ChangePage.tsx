import {
  Content,
  Link,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import type { ChangedFile } from '@big-data-stack/backstage-plugin-data-stack-common';
import { dataStackApiRef } from '../../api/DataStackApi';
import { errorMessage } from '../../api/errorMessage';

const columns: TableColumn<ChangedFile>[] = [
  { title: 'File', field: 'path', render: f => <code>{f.path}</code> },
  { title: 'Change', field: 'change' },
  { title: 'Lines', render: f => `+${f.added} −${f.removed}` },
];

/**
 * A change proposed on a stack of this machine ("Add data stack
 * components" commits it as a branch): its files, its stack.yaml diff, and
 * a Merge button, the local counterpart of a pull request's page. At
 * `/data-stack/changes?stack=<System ref>&branch=<branch>`.
 */
export const ChangePage = () => {
  const [params] = useSearchParams();
  const api = useApi(dataStackApiRef);
  const stackRef = params.get('stack') ?? '';
  const branch = params.get('branch') ?? '';
  const [merged, setMerged] = useState(false);
  const system = (() => {
    try {
      return parseEntityRef(stackRef, { defaultKind: 'System' });
    } catch {
      return undefined;
    }
  })();
  const change = useAsync(
    async () => (system && branch ? api.change(system, branch) : undefined),
    [api, stackRef, branch],
  );
  const [merge, doMerge] = useAsyncFn(async () => {
    const result = await api.merge(system!, branch);
    setMerged(true);
    return result;
  }, [api, stackRef, branch]);
  const stackUrl = system
    ? `/catalog/${system.namespace}/system/${system.name}`
    : '/catalog';

  let body;
  if (!system || !branch)
    body = (
      <WarningPanel severity="error" title="Which change?">
        The address needs a stack and a branch, as the task of Add data stack
        components links to.
      </WarningPanel>
    );
  else if (change.loading) body = <Progress />;
  else if (change.error && !merged)
    body = (
      <WarningPanel severity="error" title="The change could not be read">
        {errorMessage(change.error)}
      </WarningPanel>
    );
  else
    body = (
      <>
        {change.value && (
          <Table<ChangedFile>
            title={`${change.value.files.length} files change`}
            options={{ search: false, paging: false, padding: 'dense' }}
            columns={columns}
            data={change.value.files}
          />
        )}
        {change.value?.stackFilePatch && (
          <Box mt={3}>
            <Typography variant="h6">stack.yaml</Typography>
            <pre data-testid="stack-file-patch">
              {change.value.stackFilePatch}
            </pre>
          </Box>
        )}
        <Box mt={3}>
          {merged ? (
            <Typography data-testid="merged">
              Merged into main ({merge.value?.commit.slice(0, 7)}). The catalog
              reads the stack again; see it on{' '}
              <Link to={stackUrl}>its page</Link>.
            </Typography>
          ) : (
            <>
              <Button
                variant="contained"
                color="primary"
                disabled={merge.loading}
                onClick={() => doMerge()}
              >
                Merge into main
              </Button>
              <Typography variant="body2" color="textSecondary">
                Or with git: <code>{change.value?.mergeCommand}</code>
              </Typography>
              {merge.error && (
                <WarningPanel severity="error" title="The merge was refused">
                  {errorMessage(merge.error)}
                </WarningPanel>
              )}
            </>
          )}
        </Box>
      </>
    );

  return (
    <Content>
      <Typography variant="h4" gutterBottom>
        {branch || 'A change'} to{' '}
        {system ? <Link to={stackUrl}>{system.name}</Link> : 'a stack'}
      </Typography>
      {body}
    </Content>
  );
};

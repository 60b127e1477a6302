import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ResponseError } from '@backstage/errors';
import { DataStackResponseError } from '../../api/DataStackClient';
import { errorMessage } from '../../api/errorMessage';

/** The HTTP status of a failed call to the backend, or 0. */
function statusOf(error: Error): number {
  if (error instanceof ResponseError) return error.statusCode;
  if (error instanceof DataStackResponseError) return error.status;
  return 0;
}

/** What to do about an error of the data stack backend, by its status. */
function advice(error: Error): { title: string; hint: string } {
  const status = statusOf(error);
  if (status === 404)
    return {
      title: 'Not a data stack the backend knows',
      hint: 'The entity needs the datastack.backstage.io/stack annotation that `datastack render` writes into catalog-info.yaml, and its components need to be in the catalog.',
    };
  if (status === 403)
    return {
      title: 'Not allowed',
      hint: 'You may not read this entity in the catalog; ask its owner for access.',
    };
  if (status === 401)
    return { title: 'Not signed in', hint: 'Sign in again to see the stack.' };
  return {
    title: 'The data stack backend did not answer',
    hint: "Check that the backend runs the data stack plugin (backend.add(import('@big-data-stack/backstage-plugin-data-stack-backend'))) and look at its logs.",
  };
}

/** An error as a warning that says what to configure, never a stack trace. */
export function StackProblem(props: { error: Error }) {
  const { title, hint } = advice(props.error);
  return (
    <WarningPanel severity="error" title={title} defaultExpanded>
      <Typography variant="body2" paragraph>
        {errorMessage(props.error)}
      </Typography>
      <Typography variant="body2">{hint}</Typography>
    </WarningPanel>
  );
}

import { CodeSnippet, InfoCard, Link } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import type { StackStatusResponse } from '@big-data-stack/backstage-plugin-data-stack-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { groupByLayer } from './groupByLayer';
import { startAdvice } from './startCommand';

/**
 * Shown instead of the cards when no component of the stack answers: one
 * message, the command that starts the stack, and each component's
 * reason folded away.
 */
export function StackNotRunning(props: {
  entity: Entity;
  status: StackStatusResponse & {
    notRunning: NonNullable<StackStatusResponse['notRunning']>;
  };
  refreshMs: number;
}) {
  const { entity, status } = props;
  const { runsOn } = status.notRunning;
  const advice = startAdvice(entity, runsOn);
  const where = advice.folder ? (
    'in its folder'
  ) : (
    <>
      in{' '}
      {advice.url ? (
        <Link to={advice.url}>the stack's repository</Link>
      ) : (
        "the stack's repository"
      )}
    </>
  );
  return (
    <InfoCard
      title={`Nothing of ${status.stack} answers`}
      subheader={
        runsOn === 'compose'
          ? 'The stack is not running on this machine.'
          : 'The stack is not deployed, or its cluster is out of reach.'
      }
    >
      <div data-testid="stack-not-running">
        <Typography variant="body1" paragraph>
          None of its {status.components.length} components answered the
          portal's status checks. {runsOn === 'compose' ? 'Start' : 'Deploy'} it{' '}
          {where}:
        </Typography>
        <div data-testid="start-command">
          <CodeSnippet
            text={advice.command}
            language="shell"
            showCopyCodeButton
            wrapLongLines
          />
        </div>
        <Typography variant="body2" color="textSecondary" paragraph>
          This page checks again every {Math.round(props.refreshMs / 1000)} s
          and shows each component with its status and metrics once it answers.
        </Typography>
        <Accordion variant="outlined">
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">
              What each component answered
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <ul data-testid="not-running-reasons" style={{ margin: 0 }}>
              {groupByLayer(status.components).flatMap(([, list]) =>
                list.map(c => (
                  <li key={c.id}>
                    <Typography variant="body2">
                      <strong>{c.title}</strong>: {c.reason ?? c.status}
                    </Typography>
                  </li>
                )),
              )}
            </ul>
          </AccordionDetails>
        </Accordion>
      </div>
    </InfoCard>
  );
}

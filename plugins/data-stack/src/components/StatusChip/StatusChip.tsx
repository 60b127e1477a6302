import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { HealthState } from '@big-data-stack/backstage-plugin-data-stack-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

const INDICATORS = {
  healthy: StatusOK,
  degraded: StatusWarning,
  down: StatusError,
  unknown: StatusAborted,
};

/** A component's health as a chip with Backstage's status colours; the reason on hover. */
export function StatusChip(props: { status: HealthState; reason?: string }) {
  const Indicator = INDICATORS[props.status];
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      data-status={props.status}
      label={<Indicator>{props.status}</Indicator>}
    />
  );
  return props.reason ? <Tooltip title={props.reason}>{chip}</Tooltip> : chip;
}

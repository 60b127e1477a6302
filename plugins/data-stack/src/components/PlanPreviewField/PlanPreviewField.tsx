import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type {
  StackBudget,
  StackPlanPreview,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { dataStackApiRef } from '../../api/DataStackApi';
import { errorMessage } from '../../api/errorMessage';

/** Where in the form the choice is: the fields holding component ids, the profile and the name. */
export interface PlanPreviewOptions {
  componentFields?: string[];
  profileField?: string;
  nameField?: string;
  /** The field holding an existing stack's System: the plan is of the change to it. */
  stackField?: string;
}

const gib = (mi: number) => `${(mi / 1024).toFixed(1)} GiB`;
/** A change with its sign, e.g. "+1.5". */
const signed = (n: number, digits = 2) =>
  `${n >= 0 ? '+' : '−'}${Math.abs(n)
    .toFixed(digits)
    .replace(/\.?0+$/, '')}`;

/** What a change to an existing stack costs: before → after (difference). */
export function budgetChange(
  before: StackBudget,
  after: StackBudget,
): string[] {
  return [
    `CPU ${before.cpu} → ${after.cpu} (${signed(after.cpu - before.cpu)})`,
    `memory ${gib(before.memoryMi)} → ${gib(after.memoryMi)} (${signed(
      (after.memoryMi - before.memoryMi) / 1024,
      1,
    )} GiB)`,
    `disk ${gib(before.diskMi)} → ${gib(after.diskMi)} (${signed(
      (after.diskMi - before.diskMi) / 1024,
      1,
    )} GiB)`,
  ];
}

/** The plan in one line of plain text: the field's value, as the review step lists it. */
export function planLine(plan: StackPlanPreview): string {
  const t = plan.budget;
  if (plan.before) {
    const adds = plan.components.filter(c => !c.present);
    return [
      `adds ${adds.map(c => c.title).join(', ')}`,
      `resources: ${budgetChange(plan.before, t).join(', ')}`,
    ].join('; ');
  }
  const added = plan.components.filter(c => !c.selected);
  return [
    `${plan.components.length} components in the ${t.profile} profile`,
    ...(added.length
      ? [
          `added for you: ${added
            .map(c => `${c.title} (${c.addedBecause})`)
            .join(', ')}`,
        ]
      : []),
    `resources: ${t.cpu} CPU, ${gib(t.memoryMi)} memory, ${gib(t.diskMi)} disk`,
  ].join('; ');
}

/**
 * `ui:field: DataStackPlan`: the plan of the form's current choice,
 * resolved by the data stack backend: the companions it adds and why, and
 * the resources it needs. Its value is the plan in one line, so the review
 * step shows the plan before anything is created.
 */
export const PlanPreviewField = (
  props: FieldExtensionComponentProps<string, PlanPreviewOptions>,
) => {
  const { onChange, formContext, uiSchema, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const components = (options.componentFields ?? ['components']).flatMap(
    field => (Array.isArray(form[field]) ? (form[field] as string[]) : []),
  );
  const text = (field: string) =>
    typeof form[field] === 'string' ? (form[field] as string) : undefined;
  const profile = text(options.profileField ?? 'profile');
  const name = text(options.nameField ?? 'name');
  const stack = options.stackField ? text(options.stackField) : undefined;
  const api = useApi(dataStackApiRef);
  const choice = JSON.stringify({ components, profile, name, stack });
  const { value, loading, error } = useAsync(
    async () =>
      components.length && (!options.stackField || stack)
        ? api.plan(
            stack ? { components, stack } : { components, profile, name },
          )
        : undefined,
    // The choice, not the arrays' identities, decides when to ask again.
    [api, choice],
  );
  const summary = value && planLine(value);
  useEffect(() => {
    // Only a new plan changes the value: a needless onChange from this
    // field could replace what a sibling field has just set in the form.
    if (summary !== props.formData) onChange(summary);
    // onChange changes on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary]);

  const title = schema.title ?? 'Resolved plan';
  if (!components.length)
    return (
      <Typography variant="body2" color="textSecondary">
        {title}: choose components to see what the stack will hold.
      </Typography>
    );
  if (loading) return <Progress />;
  if (error)
    return (
      <WarningPanel
        severity="error"
        title="The library refuses this choice"
        defaultExpanded
      >
        <Typography component="pre" variant="body2">
          {errorMessage(error)}
        </Typography>
      </WarningPanel>
    );
  if (!value) return null;
  const t = value.budget;
  if (value.before) {
    const adds = value.components.filter(c => !c.present);
    return (
      <Box data-testid="plan-change">
        <Typography variant="h6">{title}</Typography>
        <Typography variant="subtitle2">Adds</Typography>
        <ul>
          {adds.map(c => (
            <li key={c.id}>
              <Typography variant="body2">
                {c.title}
                {c.addedBecause ? `: ${c.addedBecause}` : ''}
              </Typography>
            </li>
          ))}
        </ul>
        <Typography variant="subtitle2">Resources</Typography>
        <ul>
          {budgetChange(value.before, t).map(line => (
            <li key={line}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </ul>
      </Box>
    );
  }
  const added = value.components.filter(c => !c.selected);
  return (
    <Box>
      <Typography variant="h6">{title}</Typography>
      <Typography variant="body2">
        {value.components.length} components in the {t.profile} profile.
      </Typography>
      {added.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">Added for you</Typography>
          <ul>
            {added.map(c => (
              <li key={c.id}>
                <Typography variant="body2">
                  {c.title}: {c.addedBecause}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Typography variant="body2">
        Resources: {t.cpu} CPU, {gib(t.memoryMi)} memory, {gib(t.diskMi)} disk.
      </Typography>
    </Box>
  );
};

/** Blocks the step while the choice has no plan. */
export const planPreviewValidation = (
  value: string | undefined,
  validation: { addError(message: string): void },
) => {
  if (!value)
    validation.addError(
      'choose components the library can resolve into a stack',
    );
};

import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { COMPONENT_LAYERS } from '@big-data-stack/backstage-plugin-data-stack-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { LibraryComponent } from '@big-data-stack/backstage-plugin-data-stack-common';
import { dataStackApiRef } from '../../api/DataStackApi';
import { errorMessage } from '../../api/errorMessage';
import { LAYER_TITLES } from '../layerTitles';

/** Where in the form the stack being changed is, when there is one. */
export interface ComponentPickerOptions {
  /** The field holding an existing stack's System (Add data stack components). */
  stackField?: string;
}

/** The components by layer, in the library's layer order. */
function byLayer(components: LibraryComponent[]) {
  const order: readonly string[] = COMPONENT_LAYERS;
  const rank = (layer: string) =>
    order.includes(layer) ? order.indexOf(layer) : order.length;
  const groups = new Map<string, LibraryComponent[]>();
  for (const c of components)
    groups.set(c.layer, [...(groups.get(c.layer) ?? []), c]);
  return [...groups.entries()].sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b),
  );
}

/** What the form offers: not the companions the resolver adds for others. */
const offered = (components: LibraryComponent[]) =>
  components.filter(c => !c.companion);

/**
 * `ui:field: DataStackComponentPicker`: the components of the library the
 * backend loaded, by layer, each with what it brings along, so a platform
 * team's own components are offered (marked "team library") with no
 * template edit. With `stackField`, the components the stack has
 * already are shown checked and cannot be picked.
 */
export const ComponentPickerField = (
  props: FieldExtensionComponentProps<string[], ComponentPickerOptions>,
) => {
  const { onChange, formData, schema, uiSchema, rawErrors, formContext } =
    props;
  const api = useApi(dataStackApiRef);
  const options = uiSchema?.['ui:options'] ?? {};
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const stackRef =
    options.stackField && typeof form[options.stackField] === 'string'
      ? (form[options.stackField] as string)
      : undefined;
  const library = useAsync(() => api.components(), [api]);
  const stack = useAsync(
    async () =>
      stackRef
        ? api.stack(parseEntityRef(stackRef, { defaultKind: 'System' }))
        : undefined,
    [api, stackRef],
  );
  // rjsf may hold placeholders (undefined) in an array field's value.
  const chosen = (formData ?? []).filter(
    (c): c is string => typeof c === 'string',
  );
  const present = new Set(stack.value?.components ?? []);

  if (library.loading || stack.loading) return <Progress />;
  const error = library.error ?? stack.error;
  if (error)
    return (
      <WarningPanel
        severity="error"
        title={
          stack.error
            ? 'The stack could not be read'
            : 'The component library could not be read'
        }
        defaultExpanded
      >
        <Typography variant="body2">{errorMessage(error)}</Typography>
      </WarningPanel>
    );
  const titles = new Map((library.value ?? []).map(c => [c.id, c.title]));
  const titleOf = (id: string) => titles.get(id) ?? id;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id] : chosen.filter(c => c !== id));
  return (
    <FormControl
      component="fieldset"
      error={Boolean(rawErrors?.length)}
      required={props.required}
    >
      <FormLabel component="legend">{schema.title ?? 'Components'}</FormLabel>
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {stack.value && (
        <FormHelperText>
          {stack.value.name} has {stack.value.components.length} components;
          they are checked and cannot be picked again.
        </FormHelperText>
      )}
      {byLayer(offered(library.value ?? [])).map(([layer, components]) => (
        <Box key={layer} mt={2} data-testid={`layer-${layer}`}>
          <Typography variant="subtitle2">
            {LAYER_TITLES[layer] ?? layer}
          </Typography>
          <FormGroup>
            {components.map(c => {
              const inStack = present.has(c.id);
              return (
                <FormControlLabel
                  key={c.id}
                  data-testid={`pick-${c.id}`}
                  control={
                    <Checkbox
                      checked={inStack || chosen.includes(c.id)}
                      disabled={inStack}
                      onChange={e => toggle(c.id, e.target.checked)}
                      name={c.id}
                      color="primary"
                    />
                  }
                  label={
                    <Box>
                      <Typography variant="body2">
                        <strong>{c.title}</strong>
                        {inStack ? ' (in the stack)' : ''}: {c.description}
                        {c.origin.kind !== 'shipped' && (
                          <Chip
                            size="small"
                            variant="outlined"
                            label="team library"
                            title={c.origin.location}
                            style={{ marginLeft: 8 }}
                          />
                        )}
                      </Typography>
                      {c.adds.length > 0 && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          data-testid={`adds-${c.id}`}
                        >
                          Adds {c.adds.map(a => titleOf(a.id)).join(', ')}
                        </Typography>
                      )}
                    </Box>
                  }
                />
              );
            })}
          </FormGroup>
        </Box>
      ))}
    </FormControl>
  );
};

/** Stops the step until at least one component is chosen. */
export const componentPickerValidation = (
  value: string[] | undefined,
  validation: { addError(message: string): void },
) => {
  if (!value?.some(c => typeof c === 'string'))
    validation.addError('choose at least one component');
};

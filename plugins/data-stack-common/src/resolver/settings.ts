import type { Setting } from '../model/descriptor';
import type { Problem } from '../model/problems';
import { settingPattern } from '../model/settingPattern';
import type { DataStack } from '../model/stackSpec';
import type { Selection } from './selection';

function checkSetting(setting: Setting, value: unknown): string | undefined {
  switch (setting.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return `must be an integer, got ${JSON.stringify(value)}`;
      if (setting.minimum !== undefined && value < setting.minimum)
        return `must be at least ${setting.minimum}`;
      if (setting.maximum !== undefined && value > setting.maximum)
        return `must be at most ${setting.maximum}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false, got ${JSON.stringify(value)}`;
    default:
      if (typeof value !== 'string')
        return `must be a string, got ${JSON.stringify(value)}`;
      if (setting.enum && !setting.enum.includes(value))
        return `must be one of ${setting.enum.join(', ')}`;
      if (setting.pattern && !settingPattern(setting.pattern).matches(value))
        return `must match ${setting.pattern}`;
      return undefined;
  }
}

/** Merges defaults with `spec.overrides`, checked against each descriptor. */
export function resolveSettings(
  spec: DataStack,
  selection: Map<string, Selection>,
  problems: Problem[],
) {
  const settings = new Map<string, Record<string, string | number | boolean>>();
  for (const [id, { descriptor }] of selection) {
    settings.set(
      id,
      Object.fromEntries(
        Object.entries(descriptor.spec.settings).map(([k, s]) => [
          k,
          s.default,
        ]),
      ),
    );
  }
  for (const [id, overrides] of Object.entries(spec.spec.overrides)) {
    const current = settings.get(id);
    if (!current) {
      problems.push({
        path: `spec.overrides.${id}`,
        message: `${id} is not in the stack; add it to spec.components or remove the override`,
      });
      continue;
    }
    const declared = selection.get(id)!.descriptor.spec.settings;
    for (const [key, value] of Object.entries(overrides)) {
      const setting = Object.hasOwn(declared, key) ? declared[key] : undefined;
      if (!setting) {
        const names = Object.keys(declared);
        problems.push({
          path: `spec.overrides.${id}.${key}`,
          message: `${id} has no setting '${key}'; ${
            names.length
              ? `settings are ${names.join(', ')}`
              : 'it has no settings'
          }`,
        });
        continue;
      }
      const error = checkSetting(setting, value);
      if (error)
        problems.push({ path: `spec.overrides.${id}.${key}`, message: error });
      else current[key] = value;
    }
  }
  return settings;
}

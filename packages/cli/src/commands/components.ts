import { loadLibrary } from '../library';

/** `datastack components`: the library, selectable components first. */
export function componentsCommand(opts: {
  json?: boolean;
  library?: string[];
}) {
  const library = loadLibrary(opts);
  const rows = [...library.components.values()]
    .map(d => ({
      id: d.metadata.id,
      title: d.metadata.title,
      layer: d.metadata.layer,
      version: d.metadata.version,
      companion: d.metadata.companion,
      description: d.metadata.description,
      provides: Object.keys(d.spec.provides),
      settings: Object.keys(d.spec.settings),
    }))
    .sort(
      (a, b) =>
        Number(a.companion) - Number(b.companion) ||
        a.layer.localeCompare(b.layer) ||
        a.id.localeCompare(b.id),
    );
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        { components: rows, profiles: [...library.profiles.values()] },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const width = Math.max(...rows.map(r => r.id.length));
  for (const r of rows) {
    process.stdout.write(
      `${r.id.padEnd(width)}  ${r.layer.padEnd(13)} ${r.version.padEnd(12)} ${
        r.companion ? '(companion) ' : ''
      }${r.title}\n`,
    );
  }
  process.stdout.write(
    `\nprofiles: ${[...library.profiles.keys()].join(', ')}\n`,
  );
}

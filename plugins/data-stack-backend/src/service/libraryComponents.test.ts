import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';
import { libraryComponents } from './libraryComponents';

const teamLibrary = path.resolve(
  defaultLibraryDir(),
  '../examples/team-library',
);
const library = loadComponentLibrary([
  defaultLibraryDir(),
  {
    dir: teamLibrary,
    origin: { kind: 'directory', location: 'examples/team-library' },
  },
]);

describe('GET /components', () => {
  const { components } = libraryComponents(library);
  const byId = new Map(components.map(c => [c.id, c]));

  it('lists every component of every layer, each with its origin', () => {
    expect(components).toHaveLength(library.components.size);
    expect(byId.get('questdb')).toMatchObject({
      title: 'QuestDB',
      layer: 'storage',
      companion: false,
      origin: { kind: 'directory', location: 'examples/team-library' },
    });
    expect(byId.get('trino')!.origin.kind).toBe('shipped');
    expect(byId.get('hive-metastore')!.companion).toBe(true);
    const titles = components.map(c => c.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  it('says what choosing a component alone brings along, and why', () => {
    const delta = byId.get('delta-lake')!;
    expect(delta.requires).toEqual(['s3', 'metastore']);
    expect(delta.adds).toEqual(
      expect.arrayContaining([
        { id: 'minio', reason: 'required by delta-lake (s3)' },
        { id: 'hive-metastore', reason: 'required by delta-lake (metastore)' },
      ]),
    );
    expect(byId.get('questdb')!.adds).toEqual([]);
  });

  it("gives a component's own resources in every profile, growing with it", () => {
    const trino = byId.get('trino')!.resources;
    expect(trino.map(r => r.profile)).toEqual([...library.profiles.keys()]);
    const [dev, , production] = trino;
    expect(production.memoryMi).toBeGreaterThan(dev.memoryMi);
    expect(dev.cpu).toBeGreaterThan(0);
  });

  it('is worked out once per loaded library', () => {
    expect(libraryComponents(library)).toBe(libraryComponents(library));
  });
});

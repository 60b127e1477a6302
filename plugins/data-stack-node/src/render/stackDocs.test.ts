import { resolveStack } from '@big-data-stack/backstage-plugin-data-stack-common';
import { renderStackDocs } from './stackDocs';
import { shippedLibrary, stackSpec } from '../testing/stackFixtures';

const library = shippedLibrary();

const mkdocsYml = (name: string, description?: string) => {
  const spec = stackSpec(['postgresql']);
  const plan = resolveStack(
    { ...spec, metadata: { ...spec.metadata, name, description } },
    library,
  );
  return renderStackDocs(plan).find(f => f.path === 'mkdocs.yml')!.content;
};

describe('the stack docs mkdocs.yml', () => {
  // Exactly what TechDocs' generator writes back (js-yaml's dump of its
  // allowed keys, in their order): packages/backend/src/backend.test.ts
  // builds the demo stack through the real backend and finds it unchanged.
  it('is in the form TechDocs writes back, with web fonts off', () => {
    expect(mkdocsYml('demo-analytics', 'A description: of #things')).toBe(
      [
        'site_name: demo-analytics',
        'nav:',
        '  - Overview: index.md',
        'theme:',
        '  name: material',
        '  font: false',
        'plugins:',
        '  - techdocs-core',
        '',
      ].join('\n'),
    );
  });

  // js-yaml's quoting of each name (`dump({ site_name })` with js-yaml 4).
  it.each([
    ['yes', "'yes'"],
    ['off', "'off'"],
    ['y', "'y'"],
    ['123', "'123'"],
    ['1e3', "'1e3'"],
    ['0x1f', "'0x1f'"],
    ['0o17', "'0o17'"],
    ['2001-12-14', "'2001-12-14'"],
    ['null', "'null'"],
    ['true', "'true'"],
    ['1-2', '1-2'],
  ])('writes the name %s as js-yaml does: %s', (name, written) => {
    expect(mkdocsYml(name).split('\n')[0]).toBe(`site_name: ${written}`);
  });
});

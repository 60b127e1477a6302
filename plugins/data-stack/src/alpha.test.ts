import plugin from './alpha';

describe('the new frontend system plugin', () => {
  it.each([
    'api:data-stack',
    'entity-content:data-stack',
    'entity-card:data-stack/component-status',
    'entity-card:data-stack/query-catalogs',
    'scaffolder-form-field:data-stack/data-stack-plan',
  ])('provides %s', id => {
    expect(plugin.getExtension(id as any)).toBeDefined();
  });
});

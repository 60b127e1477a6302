import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  stackMemberEntity as member,
  stackSystemEntity,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { StackCatalog } from './stackCatalog';

const a = stackSystemEntity('a', 'file:/stacks/a/catalog-info.yaml');
const b = stackSystemEntity('b', 'file:/stacks/b/catalog-info.yaml');
const entities = [
  a,
  member(a, 'postgresql'),
  member(a, 'trino'),
  // Claims stack a in another case, from elsewhere: an outsider of a.
  member(b, 'intruder', {
    stack: 'A',
    location: 'file:/elsewhere/catalog-info.yaml',
  }),
  b,
  member(b, 'clickhouse'),
  stackSystemEntity('plain', 'file:/etc/plain.yaml', { stack: false }),
];

/** A StackCatalog over `entities`, and the catalog calls it makes. */
function stackCatalog() {
  const catalog = catalogServiceMock({ entities });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
  const stacks = new StackCatalog(catalog, mockServices.auth(), 60_000);
  return {
    stacks,
    calls: () =>
      getEntities.mock.calls.length + getEntityByRef.mock.calls.length,
  };
}

describe('StackCatalog.readStacks', () => {
  it('answers members and System claims of many stacks from one catalog query', async () => {
    const { stacks, calls } = stackCatalog();
    await stacks.readStacks(['a', 'b']);
    expect(calls()).toBe(1);
    const [membersA, membersB, claimA] = await Promise.all([
      stacks.members('a'),
      stacks.members('b'),
      stacks.claim('system:default/a'),
    ]);
    expect(calls()).toBe(1);
    expect(claimA).toEqual({ found: true, stack: 'a' });
    expect([...membersA.members.keys()]).toEqual([
      'resource:default/a-postgresql',
      'resource:default/a-trino',
    ]);
    expect([...membersB.members.keys()]).toEqual([
      'resource:default/b-clickhouse',
    ]);
    expect(membersA.outsiders.get('resource:default/b-intruder')).toContain(
      'does not carry',
    );
  });

  it('answers as the per-stack reads do', async () => {
    const many = stackCatalog().stacks;
    await many.readStacks(['a', 'b']);
    const one = stackCatalog().stacks;
    for (const stack of ['a', 'b']) {
      expect(await many.members(stack)).toEqual(await one.members(stack));
    }
    expect(await many.claim('system:default/b')).toEqual(
      await one.claim('system:default/b'),
    );
  });

  it('reads nothing for stacks it already holds', async () => {
    const { stacks, calls } = stackCatalog();
    await stacks.members('a');
    await stacks.readStacks(['a']);
    await stacks.claim('system:default/a');
    // members('a') was the one query; readStacks found a's members held,
    // and its System's claim came from them.
    expect(calls()).toBe(1);
  });
});

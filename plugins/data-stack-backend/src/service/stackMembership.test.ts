import type { Entity } from '@backstage/catalog-model';
import { stackMembers } from './stackMembership';

const FILE = 'url:https://git.example.com/analytics/catalog-info.yaml';

function entity(
  kind: string,
  name: string,
  options: {
    stack?: string;
    system?: unknown;
    location?: string;
    namespace?: string;
  } = {},
): Entity {
  const { stack = 'analytics', system, location = FILE, namespace } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace,
      annotations: {
        'datastack.backstage.io/stack': stack,
        'backstage.io/managed-by-location': location,
      },
    },
    spec: { ...(system !== undefined && { system }) },
  };
}

const names = (entities: Map<string, Entity>) =>
  [...entities.values()].map(e => e.metadata.name);

describe('stackMembers', () => {
  const system = entity('System', 'analytics');

  it("takes the stack's Components and Resources from the System's file, however spec.system is written", () => {
    const { system: found, members } = stackMembers('analytics', [
      system,
      entity('Component', 'short', { system: 'analytics' }),
      entity('Resource', 'full', { system: 'system:default/analytics' }),
      entity('Component', 'cased', { system: 'System:Default/Analytics' }),
      entity('Component', 'elsewhere', {
        system: 'analytics',
        namespace: 'team',
      }),
      entity('Component', 'pointed', {
        system: 'system:default/analytics',
        namespace: 'team',
      }),
    ]);
    expect(found).toBe(system);
    expect(names(members)).toEqual(['short', 'full', 'cased', 'pointed']);
  });

  it('refuses what the catalog matched loosely or what another file claims', () => {
    const { members, outsiders } = stackMembers('analytics', [
      system,
      entity('Component', 'upper', { stack: 'Analytics', system: 'analytics' }),
      entity('Component', 'no-system'),
      entity('Component', 'other-system', { system: 'billing' }),
      entity('Component', 'not-a-ref', { system: { kind: 'system' } }),
      entity('Component', 'other-file', {
        system: 'analytics',
        location: 'url:https://git.example.com/intruder/catalog-info.yaml',
      }),
      entity('API', 'api', { system: 'analytics' }),
    ]);
    expect(members.size).toBe(0);
    expect(Object.fromEntries(outsiders)).toEqual({
      'component:default/upper':
        'component:default/upper does not carry datastack.backstage.io/stack: analytics',
      'component:default/no-system':
        'component:default/no-system is not part of system:default/analytics (spec.system)',
      'component:default/other-system':
        'component:default/other-system is not part of system:default/analytics (spec.system)',
      'component:default/not-a-ref':
        'component:default/not-a-ref is not part of system:default/analytics (spec.system)',
      'component:default/other-file':
        'component:default/other-file was not read from the catalog file of system:default/analytics (backstage.io/managed-by-location)',
      'api:default/api':
        'api:default/api is neither a Component nor a Resource',
    });
  });

  it("finds the stack's System only at system:default/<stack>", () => {
    for (const other of [
      entity('System', 'analytics', { namespace: 'intruder' }),
      entity('System', 'intruder'),
      entity('System', 'analytics', { stack: 'billing' }),
    ])
      expect(
        stackMembers('analytics', [
          other,
          entity('Component', 'c', { system: 'analytics' }),
        ]),
      ).toMatchObject({ system: undefined, members: new Map() });
  });

  it('has no members when the System has no catalog file', () => {
    const bare = entity('System', 'analytics');
    delete bare.metadata.annotations!['backstage.io/managed-by-location'];
    const orphan = entity('Component', 'c', { system: 'analytics' });
    delete orphan.metadata.annotations!['backstage.io/managed-by-location'];
    expect(stackMembers('analytics', [bare, orphan]).members.size).toBe(0);
  });
});

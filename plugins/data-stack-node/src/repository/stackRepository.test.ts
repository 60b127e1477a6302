import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { stackRepositoryOf } from './stackRepository';

const config = new ConfigReader({
  dataStack: { publish: { local: { directory: '/srv/stacks' } } },
  integrations: {
    github: [{ host: 'github.com' }],
    gitlab: [
      {
        host: 'gitlab.example.com',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
        token: 't',
      },
    ],
  },
});

const system = (location?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'analytics',
    ...(location && {
      annotations: { 'backstage.io/managed-by-location': location },
    }),
  },
});

describe('stackRepositoryOf', () => {
  it('finds a repository of the stacks folder', () => {
    expect(
      stackRepositoryOf(
        system('file:/srv/stacks/analytics/catalog-info.yaml'),
        config,
      ),
    ).toEqual({
      type: 'local',
      name: 'analytics',
      path: '/srv/stacks/analytics',
      location: '/srv/stacks/analytics',
    });
  });

  it.each([
    ['file:/etc/stacks/analytics/catalog-info.yaml', 'not a stack repository'],
    ['file:/srv/stacks/a/b/catalog-info.yaml', 'not a stack repository'],
    ['file:/srv/stacks/analytics/other.yaml', 'not a stack repository'],
    ['file:/srv/stacks/../etc/catalog-info.yaml', 'not a stack repository'],
    [
      'url:https://example.com/a/b/blob/main/catalog-info.yaml',
      'not on a GitHub or GitLab host',
    ],
    [
      'url:https://github.com/acme/blob/main/catalog-info.yaml',
      'is not the catalog-info.yaml of a repository',
    ],
    [
      'url:https://github.com/acme/analytics/blob/main/docs/x.yaml',
      'is not the catalog-info.yaml of a repository',
    ],
    ['bitbucket:x', 'only stack repositories on this machine'],
  ])('refuses %s', (location, problem) => {
    expect(stackRepositoryOf(system(location), config)).toEqual({
      problem: expect.stringContaining(problem),
    });
  });

  it('says so when the catalog has no location for it', () => {
    expect(stackRepositoryOf(system(), config)).toEqual({
      problem: expect.stringContaining(
        'has no backstage.io/managed-by-location',
      ),
    });
  });

  it('finds GitHub and GitLab repositories, nested groups included', () => {
    expect(
      stackRepositoryOf(
        system(
          'url:https://github.com/acme/analytics/blob/main/catalog-info.yaml',
        ),
        config,
      ),
    ).toEqual({
      type: 'github',
      host: 'github.com',
      owner: 'acme',
      repo: 'analytics',
      repoUrl: 'github.com?owner=acme&repo=analytics',
      url: 'https://github.com/acme/analytics/tree/main',
      // As the GitHub integration resolves a relative path; its reader takes it.
      stackFileUrl: 'https://github.com/acme/analytics/tree/main/stack.yaml',
      location: 'github.com/acme/analytics',
    });
    expect(
      stackRepositoryOf(
        system(
          'url:https://gitlab.example.com/data/platform/analytics/-/blob/main/catalog-info.yaml',
        ),
        config,
      ),
    ).toEqual({
      type: 'gitlab',
      host: 'gitlab.example.com',
      owner: 'data/platform',
      repo: 'analytics',
      repoUrl: 'gitlab.example.com?owner=data%2Fplatform&repo=analytics',
      url: 'https://gitlab.example.com/data/platform/analytics/-/tree/main',
      stackFileUrl:
        'https://gitlab.example.com/data/platform/analytics/-/blob/main/stack.yaml',
      location: 'gitlab.example.com/data/platform/analytics',
    });
  });

  it('is off without a stacks folder', () => {
    expect(
      stackRepositoryOf(
        system(`file:${path.resolve('x/catalog-info.yaml')}`),
        new ConfigReader({}),
      ),
    ).toEqual({
      problem: expect.stringContaining(
        'dataStack.publish.local is not configured',
      ),
    });
  });
});

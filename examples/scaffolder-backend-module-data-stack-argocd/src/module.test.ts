import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleDataStack from '@big-data-stack/backstage-plugin-scaffolder-backend-module-data-stack';
import type { AddressInfo } from 'node:net';
import yaml from 'yaml';
import { scaffolderModuleDataStackArgoCd } from './module';

/** A template that resolves a stack and renders its helm and argocd targets. */
const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'argocd-stack' },
  spec: {
    type: 'data-stack',
    steps: [
      {
        id: 'resolve',
        action: 'datastack:stack:resolve',
        input: {
          name: 'lake',
          components: ['postgresql'],
          targets: ['helm', 'argocd'],
        },
      },
      { id: 'helm', action: 'datastack:helm:render' },
      { id: 'argocd', action: 'datastack:argocd:render' },
    ],
  },
};

describe('the argocd module, installed beside the data stack module', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDataStack,
        scaffolderModuleDataStackArgoCd,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dataStackArgoCd: { repositoryBase: 'https://github.com/acme' },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/scaffolder`;
    stop = () => backend.stop();
  }, 60_000);
  afterAll(() => stop?.());

  const request = (route: string, body?: unknown) =>
    fetch(`${baseUrl}${route}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${mockCredentials.user.token()}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('gives the scaffolder a render action for the target', async () => {
    const actions: { id: string; description: string }[] = await (
      await request('/v2/actions')
    ).json();
    expect(actions).toContainEqual(
      expect.objectContaining({
        id: 'datastack:argocd:render',
        description: expect.stringContaining('Argo CD Application'),
      }),
    );
  });

  it('resolves a stack naming the target and renders its Applications', async () => {
    const res = await request('/v2/dry-run', {
      template,
      values: {},
      directoryContents: [],
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    const files: { path: string; base64Content: string }[] =
      body.directoryContents;
    const app = files.find(f => f.path === 'argocd/postgresql.yaml');
    expect(app).toBeDefined();
    const application = yaml.parse(
      Buffer.from(app!.base64Content, 'base64').toString('utf8'),
    );
    expect(application.spec.source).toMatchObject({
      repoURL: 'https://github.com/acme/lake.git',
      path: 'helm-charts/postgresql',
    });
    expect(files.map(f => f.path)).toContain('values/postgresql.yaml');
  });
});

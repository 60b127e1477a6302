import { CORE_COMPONENT_IDS } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readYamlFile } from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  renderInto,
  shippedLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { renderedObjects } from '../testUtils/renderedObjects';

// What the pinned images need to start on Kubernetes, read from what helm
// renders from the charts of the whole library (each fact is cited in its
// descriptor). Each block guards one finding of the start-up review; the
// findings about the rendered files themselves are checked in
// data-stack-node's src/render/stackStarts.test.ts.
const library = shippedLibrary();

/** The whole library rendered once, in the dev profile. */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-dev-'));
  renderInto(dir, library, [...CORE_COMPONENT_IDS], { profile: 'dev' });
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const dirOf = () => dir;
const compose = (component: string): any =>
  readYamlFile(path.join(dirOf(), `services/${component}/docker-compose.yml`));

describe('Presto on Kubernetes', () => {
  it("runs the agent download as root, as its values ask, on the main container's volume", async () => {
    const objects = await renderedObjects(dirOf());
    const presto = objects.find(
      o => o.kind === 'StatefulSet' && o.metadata.name === 'presto',
    );
    const init = presto.spec.template.spec.initContainers[0];
    expect(init.name).toBe('presto-jmx-agent');
    expect(init.securityContext).toMatchObject({
      runAsUser: 0,
      runAsNonRoot: false,
      allowPrivilegeEscalation: false,
    });
  }, 120_000);
});

describe('logstash-exporter', () => {
  it('has no compose check it cannot run (FROM scratch) and probes /healthcheck', async () => {
    const exporter = compose('logstash-exporter').services['logstash-exporter'];
    expect(exporter.healthcheck).toEqual({ disable: true });
    const objects = await renderedObjects(dirOf());
    const deployment = objects.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'logstash-exporter',
    );
    expect(
      deployment.spec.template.spec.containers[0].readinessProbe.httpGet.path,
    ).toBe('/healthcheck');
  }, 120_000);
});

describe('Kubernetes defaults', () => {
  it('schedules the pods that share a ReadWriteOnce volume on one node', async () => {
    const objects = await renderedObjects(dirOf());
    for (const name of [
      'druid-coordinator',
      'druid-historical',
      'druid-middlemanager',
    ]) {
      const pod = objects.find(
        o => o.kind === 'StatefulSet' && o.metadata.name === name,
      ).spec.template;
      expect(
        pod.metadata.labels['volumes.datastack.backstage.io/druid-shared'],
      ).toBe('mounted');
      expect(
        pod.spec.affinity.podAffinity
          .requiredDuringSchedulingIgnoredDuringExecution,
      ).toEqual([
        {
          labelSelector: {
            matchLabels: {
              'volumes.datastack.backstage.io/druid-shared': 'mounted',
            },
          },
          topologyKey: 'kubernetes.io/hostname',
        },
      ]);
    }
    const pvc = objects.find(
      o =>
        o.kind === 'PersistentVolumeClaim' &&
        o.metadata.name === 'druid-shared',
    );
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
  }, 120_000);
});

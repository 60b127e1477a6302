import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  RenderedStack,
  conformanceStackFile,
  renderStack,
} from './stack/renderedStack';
import {
  failuresRunningTwice,
  runCommand,
  runHealthcheck,
} from './stack/runService';
import { stackHas } from './stack/sqlStores';
import { startService } from './stack/startService';

// The lakehouse's object store: MinIO and mc built from the commits of the
// release tags the images pin, MinIO started from its rendered command and
// environment, then the stack's bucket and user jobs run with mc as their
// containers would. The engines' users are checked against the bucket.

let stack: RenderedStack;
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  stack = await renderStack(conformanceStackFile(), dir);
  for (const id of ['minio', 'delta-lake'])
    if (!stackHas(stack, id)) throw new Error(`the stack has no ${id}`);
  servers.push(await startService(stack, 'minio', 'minio'));
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Jobs that run mc: the bucket and the engines' users. */
const mcJobs = () =>
  Object.entries(stack.services).filter(
    ([, s]) => s.restart === 'no' && s.image.startsWith('quay.io/minio/mc:'),
  );

/** mc signed in as `user`, under an alias of its own. */
async function mcAs(user: string, secret: string, ...args: string[]) {
  const alias = `conformance-${user}`;
  await runCommand([
    'mc',
    'alias',
    'set',
    alias,
    'http://minio:9000',
    user,
    secret,
  ]);
  return runCommand(['mc', ...args.map(a => a.replace(/^ALIAS/, alias))]);
}

it('answers its compose healthcheck (mc ready local)', async () => {
  expect(await runHealthcheck(stack.services.minio)).toMatchObject({
    code: 0,
  });
});

it('runs the bucket job and every user job of the stack, twice', async () => {
  const jobs = mcJobs();
  expect(jobs.map(([name]) => name).sort()).toEqual(
    expect.arrayContaining(['delta-lake', 'trino-s3-user', 'presto-s3-user']),
  );
  // The bucket first, as compose orders it (the users' policies name it).
  jobs.sort(([a]) => (a === 'delta-lake' ? -1 : 1));
  expect(await failuresRunningTwice(jobs)).toEqual([]);
}, 120_000);

it('lets Trino read and write the lakehouse bucket and nothing else, and Presto only read it', async () => {
  const bucket = /lake\/(\S+)/.exec(
    (stack.services['delta-lake'].command ?? []).join(' '),
  )![1];
  const file = path.join(dir, 'row.csv');
  fs.writeFileSync(file, 'id,amount\n1,9.5\n');
  const trino = stack.env.TRINO_CATALOG_PASSWORD;
  const presto = stack.env.PRESTO_CATALOG_PASSWORD;

  const put = await mcAs(
    'trino',
    trino,
    'cp',
    file,
    `ALIAS/${bucket}/conformance/row.csv`,
  );
  expect(put).toMatchObject({ code: 0 });
  const read = await mcAs(
    'presto',
    presto,
    'cat',
    `ALIAS/${bucket}/conformance/row.csv`,
  );
  expect(read).toMatchObject({ code: 0, stdout: 'id,amount\n1,9.5\n' });

  const prestoPut = await mcAs(
    'presto',
    presto,
    'cp',
    file,
    `ALIAS/${bucket}/conformance/other.csv`,
  );
  expect(prestoPut.code).not.toBe(0);
  expect(prestoPut.stderr).toMatch(/Access Denied|Insufficient permissions/i);
  const trinoBucket = await mcAs(
    'trino',
    trino,
    'mb',
    'ALIAS/not-the-lakehouse',
  );
  expect(trinoBucket.code).not.toBe(0);
  expect(trinoBucket.stderr).toMatch(/Access Denied|Insufficient permissions/i);
}, 60_000);

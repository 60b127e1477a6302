import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import {
  RunResult,
  failuresRunningTwice,
  runCommand,
  runHealthcheck,
} from './stack/runService';
import { objectStoreJobs } from './stack/objectStore';
import { startService } from './stack/startService';

// The object store: MinIO and mc built from the commits of the release tags
// the images pin, MinIO started from its rendered command and environment,
// then the stack's bucket and user jobs run with mc as their containers
// would. Each user is checked against the bucket as its job granted it.

const planned = conformancePlan();
let stack: RenderedStack;
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  stack = await renderStack();
  dir = stack.dir;
  if (planHolds(planned, 'minio'))
    servers.push(await startService(stack, 'minio', 'minio'));
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The user jobs of the plan, known before the stack is rendered. */
const userJobs = planned.components
  .flatMap(c => c.services)
  .filter(s => s.job && s.name.endsWith('-s3-user'))
  .map(s => s.name);

/** mc signed in as `user`, under an alias of its own. */
async function mcAs(
  user: string,
  secret: string,
  ...args: string[]
): Promise<RunResult> {
  const alias = `conformance-${user}`;
  const login = await runCommand([
    'mc',
    'alias',
    'set',
    alias,
    'http://minio:9000',
    user,
    secret,
  ]);
  if (login.code !== 0) return login;
  return runCommand(['mc', ...args.map(a => a.replace(/^ALIAS/, alias))]);
}

const DENIED = /Access Denied|Insufficient permissions/i;

if (!planHolds(planned, 'minio'))
  it('makes no object-store jobs in a stack without an object store', () => {
    expect(objectStoreJobs(stack)).toEqual([]);
  });

if (planHolds(planned, 'minio'))
  describe('MinIO', () => {
    it('answers its compose healthcheck (mc ready local)', async () => {
      expect(await runHealthcheck(stack.services.minio)).toMatchObject({
        code: 0,
      });
    });

    it('runs every bucket and user job of the stack, twice, in any order', async () => {
      const jobs = objectStoreJobs(stack);
      expect(jobs.map(([name]) => name)).toEqual(
        expect.arrayContaining(userJobs),
      );
      expect(await failuresRunningTwice(jobs)).toEqual([]);
    }, 120_000);

    if (userJobs.length)
      it.each(userJobs)(
        '%s reads its bucket, writes it only if its policy says so, and makes no other bucket',
        async name => {
          const { USER_NAME, USER_SECRET, POLICY } = stack.services[name]
            .environment as Record<string, string>;
          // What the rendered policy grants: its bucket, and writes or not.
          const policy = JSON.parse(POLICY) as {
            Statement: { Action: string[]; Resource: string[] }[];
          };
          const bucket = policy.Statement[0].Resource[0].replace(
            'arn:aws:s3:::',
            '',
          );
          const writes = policy.Statement.some(st =>
            st.Action.includes('s3:PutObject'),
          );
          const root = stack.services.minio.environment as Record<
            string,
            string
          >;
          const file = path.join(dir, 'row.csv');
          fs.writeFileSync(file, 'id,amount\n1,9.5\n');
          const object = `ALIAS/${bucket}/conformance/row.csv`;
          // The bucket's job has run (above); the store's root writes a row.
          expect(
            await mcAs(
              root.MINIO_ROOT_USER,
              root.MINIO_ROOT_PASSWORD,
              'cp',
              file,
              object,
            ),
          ).toMatchObject({ code: 0 });

          expect(
            await mcAs(USER_NAME, USER_SECRET, 'cat', object),
          ).toMatchObject({
            code: 0,
            stdout: 'id,amount\n1,9.5\n',
          });
          const put = await mcAs(
            USER_NAME,
            USER_SECRET,
            'cp',
            file,
            `ALIAS/${bucket}/conformance/${USER_NAME}.csv`,
          );
          let outcome = put.stderr;
          if (put.code === 0) outcome = 'written';
          else if (DENIED.test(put.stderr)) outcome = 'denied';
          expect(outcome).toBe(writes ? 'written' : 'denied');
          const other = await mcAs(
            USER_NAME,
            USER_SECRET,
            'mb',
            'ALIAS/not-the-lakehouse',
          );
          expect(other.code).not.toBe(0);
          expect(other.stderr).toMatch(DENIED);
        },
        60_000,
      );
  });

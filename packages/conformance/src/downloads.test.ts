import fs from 'node:fs';
import path from 'node:path';
import {
  LoadedService,
  RenderedStack,
  conformancePlan,
  renderStack,
} from './stack/renderedStack';
import { runServiceCommand } from './stack/runService';
import { nativePaths } from './stack/startService';

// What a stack downloads when it first starts (the metastore's JDBC and S3A
// jars, the JMX agent): the stack's own jobs run natively against Maven
// Central, each file checked against the SHA-256 the descriptor pins.

let stack: RenderedStack;
let dir: string;

beforeAll(async () => {
  stack = await renderStack();
  dir = stack.dir;
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The jobs of the plan that fetch files, known before the stack renders. */
const planned = conformancePlan()
  .components.flatMap(c => c.services)
  .filter(s => [s.command ?? []].flat().join(' ').includes('sha256sum -c'))
  .map(s => s.name);

/** The stack's jobs that fetch files and check them. */
const downloadJobs = () =>
  Object.entries(stack.services).filter(([, s]) =>
    (s.command ?? []).join(' ').includes('sha256sum -c'),
  );

/** A job with its volume paths in `scratch`, and its command edited. */
function nativeJob(
  job: LoadedService,
  scratch: string,
  edit: (command: string) => string = c => c,
): LoadedService {
  const native = nativePaths(job, scratch);
  return { ...job, command: (job.command ?? []).map(c => edit(native(c))) };
}

if (!planned.length)
  it('fetches nothing at start in a stack without downloads', () => {
    expect(downloadJobs()).toEqual([]);
  });

if (planned.length)
  it('fetches every file it needs and each one matches its pinned sum, twice', async () => {
    const jobs = downloadJobs();
    expect(jobs.map(([name]) => name).sort()).toEqual(planned.sort());
    for (const [name, job] of jobs) {
      const scratch = fs.mkdtempSync(path.join(dir, `${name}-`));
      const native = nativeJob(job, scratch);
      for (const round of [1, 2]) {
        const result = await runServiceCommand(native, {}, { internet: true });
        expect(`${name} (run ${round}): ${result.code} ${result.stderr}`).toBe(
          `${name} (run ${round}): 0 ${result.stderr}`,
        );
      }
      const files = fs
        .readdirSync(path.join(scratch, 'volumes'), { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.jar'));
      expect(`${name}: ${files.length}`).not.toBe(`${name}: 0`);
    }
  }, 300_000);

if (planned.length)
  it('refuses a file whose sum does not match, and leaves none in its place', async () => {
    const [, job] = downloadJobs()[0];
    const scratch = fs.mkdtempSync(path.join(dir, 'tampered-'));
    const tampered = nativeJob(job, scratch, c =>
      c.replace(/[0-9a-f]{64}/, '0'.repeat(64)),
    );
    const result = await runServiceCommand(tampered, {}, { internet: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/FAILED/);
    const files = fs
      .readdirSync(path.join(scratch, 'volumes'), { recursive: true })
      .map(String);
    expect(files.filter(f => f.endsWith('.jar'))).toEqual([]);
  }, 120_000);

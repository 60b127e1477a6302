/*
 * Create data stack as a real task (issue 16 budget: the task, every
 * component, at most 5 s on this machine). Run from the repository root
 * after `make setup`:
 *
 *   PATH=$PWD/.tools/bin:$PATH node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/createTask.ts
 *
 * Starts the portal backend as `make start` does, with a temporary stacks
 * folder, signs in as guest and runs the template through the scaffolder's
 * task API, publishing on this machine (the shipped default): once with
 * every component, then once per component, after one warm-up task. Prints
 * each task's time from submission to completion and its slowest steps.
 * `BENCH_ROUNDS=n` repeats the every-component task n times (default 3);
 * `BENCH_SINGLES=0` leaves out the one-component tasks; `BENCH_PAUSE_MS=n`
 * waits n ms before each every-component task (a portal between two users)
 * rather than running them back to back; `BENCH_LOG=file` keeps the
 * backend's log, whose timestamps time each step to the millisecond.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { everyComponentChoice } from '../../plugins/scaffolder-backend-module-data-stack/src/__testUtils__/templates';
import {
  guestToken,
  startPortalBackend,
} from '../../packages/backend/src/__testUtils__/startPortalBackend';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUDGET_MS = 5000;

type TaskEvent = {
  type: string;
  createdAt: string;
  body: { stepId?: string; status?: string; message?: string };
};

async function main() {
  const stacks = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stacks-'));
  const backend = await startPortalBackend({
    config: () => ({
      dataStack: { publish: { local: { directory: stacks } } },
    }),
  });
  try {
    const token = await guestToken(backend.baseUrl);
    const api = async (route: string, init: RequestInit = {}) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fetch(`${backend.baseUrl}/api/scaffolder/v2${route}`, {
            ...init,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
            },
          });
        } catch (error) {
          // A kept-alive connection the backend closed as the request went
          // out (ECONNRESET) is tried again; a backend that is gone is not.
          if (attempt === 3) throw error;
          console.error(
            `retrying ${route} after: ${(error as Error).cause ?? error}`,
          );
        }
      }
    };
    // The catalog reads the templates a few seconds after start.
    for (let i = 0; ; i++) {
      const res = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/template/default/create-data-stack`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (res.ok) break;
      if (i > 120) throw new Error('the catalog never read the template');
      await new Promise(r => setTimeout(r, 1000));
    }
    let n = 0;
    /** Runs one task; its time and its steps' times, from the task's events. */
    const run = async (components: string[]) => {
      const name = `bench-${++n}`;
      const started = performance.now();
      const res = await api('/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/create-data-stack',
          values: { ...everyComponentChoice, name, components },
        }),
      });
      if (!res.ok) throw new Error(`task refused: ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const task = (await (await api(`/tasks/${id}`)).json()) as {
          status: string;
        };
        if (task.status === 'completed') break;
        if (task.status === 'failed' || task.status === 'cancelled') {
          const events = (await (
            await api(`/tasks/${id}/events`)
          ).json()) as TaskEvent[];
          throw new Error(
            `task ${task.status}:\n${events
              .map(e => e.body.message)
              .filter(Boolean)
              .slice(-10)
              .join('\n')}`,
          );
        }
        await new Promise(r => setTimeout(r, 100));
      }
      const ms = performance.now() - started;
      const events = (await (
        await api(`/tasks/${id}/events`)
      ).json()) as TaskEvent[];
      const begun = new Map<string, number>();
      const steps: [string, number][] = [];
      for (const e of events) {
        const { stepId, status } = e.body;
        if (!stepId) continue;
        const at = Date.parse(e.createdAt);
        if (status === 'processing') begun.set(stepId, at);
        if (status === 'completed' && begun.has(stepId))
          steps.push([stepId, at - begun.get(stepId)!]);
      }
      return { ms, steps: steps.sort((a, b) => b[1] - a[1]) };
    };
    // The task API stamps events to the second; BENCH_LOG has milliseconds.
    const line = (label: string, r: Awaited<ReturnType<typeof run>>) =>
      console.log(
        `${label}: ${r.ms.toFixed(0)} ms (steps to the second: ${r.steps
          .filter(([, t]) => t > 0)
          .map(([s, t]) => `${s} ${t / 1000} s`)
          .join(', ')})`,
      );
    /**
     * BENCH_PAUSE_MS between tasks lets the catalog finish reading the
     * stack just created, as on a portal between two users; without it each
     * task shares the machine with the catalog still processing the last.
     */
    const pause = () =>
      new Promise(r => setTimeout(r, Number(process.env.BENCH_PAUSE_MS ?? 0)));

    await run(['postgresql']);
    const all: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await pause();
      const r = await run(everyComponentChoice.components);
      all.push(r.ms);
      line(`every component, round ${i + 1}`, r);
    }
    const singles: number[] = [];
    // BENCH_SINGLES=0 leaves out the one-component tasks.
    const singleIds =
      process.env.BENCH_SINGLES === '0' ? [] : everyComponentChoice.components;
    for (const id of singleIds) {
      const r = await run([id]);
      singles.push(r.ms);
      line(id, r);
    }
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `every component: median ${median(all).toFixed(
        0,
      )} ms over ${ROUNDS} tasks (budget ${BUDGET_MS} ms)`,
    );
    if (singles.length)
      console.log(
        `one component: slowest ${Math.max(...singles).toFixed(
          0,
        )} ms, median ${median(singles).toFixed(
          0,
        )} ms (budget ${BUDGET_MS} ms)`,
      );
  } catch (error) {
    await new Promise(r => setTimeout(r, 3000));
    console.error(
      backend
        .logLines()
        .filter(l => !/ info: (wrote|  added) /.test(l))
        .slice(-25)
        .join('\n'),
    );
    throw error;
  } finally {
    if (process.env.BENCH_LOG)
      fs.writeFileSync(process.env.BENCH_LOG, backend.logLines().join('\n'));
    await backend.stop();
    fs.rmSync(stacks, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

/*
 * Status backend load benchmark (budgets of issues 6 and 15). Run from the
 * repository root after `make setup`:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/status.ts
 *
 * Starts the stack and backend of scripts/bench/statusStack.ts (real
 * PostgreSQL, MariaDB, ClickHouse, Prometheus; fakes for the rest, three
 * hung; the real catalog), then measures:
 *
 * 1. cold status latency: one request per fresh stack entity (nothing
 *    cached), with the three hung components, against probe timeout + 100 ms;
 * 2. 200 clients (autocannon) on the status, metrics and query-catalogs
 *    routes: a warm-up, then 30 s measured: upstream probes per component
 *    per cache period, failed answers (5xx, errors, timeouts), and the
 *    backend's resident size and live heap (after a full collection)
 *    before and after. V8 sizes its heap to the allocation rate, so at
 *    about 1000 requests/s the RSS climbs for some 20 s before it levels
 *    (a load of POST /plan alone does the same): the warm-up runs at full
 *    load for 30 s, so the measured run starts from that level and growth
 *    in it is growth, not V8 finding its size;
 * 3. everything cached, 50 clients: the stack's status route alone, then
 *    POST /plan for comparison. From here on the hung fakes answer, so a
 *    cache refresh inside the window costs milliseconds, not the probe
 *    timeout (phases 1 and 2 measure that);
 * 4. membership through the real catalog: entities of another catalog file
 *    that claim the stack (annotation, spec.system, a forged
 *    managed-by-location) are in no answer and their pages are 404s.
 *
 * It ends with a summary: each budget, its figure, pass or FAIL, and the
 * machine's load; the exit code is 1 when a budget fails. The load
 * generator, the servers and the backend share the machine.
 *
 * Environment: BENCH_DURATION (seconds, default 30), BENCH_WARMUP (default
 * 30), BENCH_CONNECTIONS (default 200), BENCH_TTL (cache TTL seconds,
 * default 10), BENCH_CACHED_DURATION (phase 3, per route, default 15).
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import {
  COLD,
  COMPONENTS,
  FAKED,
  HUNG,
  INTRUDERS,
  PHISHING,
  STACK,
  TOKEN,
  startStatusStack,
} from './statusStack';

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const TTL_SECONDS = Number(process.env.BENCH_TTL ?? 10);
const CACHED_DURATION = Number(process.env.BENCH_CACHED_DURATION ?? 15);
const CACHED_CONNECTIONS = 50;
const PROBE_TIMEOUT_MS = 2000;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const rssMiB = (pid: number) => {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find(l => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
};
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load1 = () => os.loadavg()[0].toFixed(2);
/** /proc/stat and /proc/<pid>/stat count in USER_HZ, 100 on Linux. */
const TICKS = 100;

/** A process's CPU seconds: utime and stime, fields 14 and 15 of /proc/<pid>/stat. */
function processSeconds(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Counted from the state, after "(comm)", which may hold spaces.
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) / TICKS;
}

/**
 * CPU seconds so far: the machine's busy time, the time the hypervisor
 * gave to other guests (steal), the backend's and this process's (the load
 * generator).
 */
function cpuNow(backendPid?: number) {
  const fields = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  const own = process.cpuUsage();
  return {
    at: now(),
    busy: (user + nice + system + irq + softirq) / TICKS,
    steal: steal / TICKS,
    backend: backendPid ? processSeconds(backendPid) : 0,
    bench: (own.user + own.system) / 1e6,
  };
}

/** Cores used between two cpuNow() readings, by whom. */
function coresUsed(
  from: ReturnType<typeof cpuNow>,
  to: ReturnType<typeof cpuNow>,
) {
  const seconds = (to.at - from.at) / 1000;
  const rate = (key: 'busy' | 'steal' | 'backend' | 'bench') =>
    (to[key] - from[key]) / seconds;
  const others = Math.max(0, rate('busy') - rate('backend') - rate('bench'));
  return `CPU in cores of ${os.cpus().length}: backend ${rate(
    'backend',
  ).toFixed(2)}, load generator ${rate('bench').toFixed(
    2,
  )}, other processes ${others.toFixed(
    2,
  )} (the stack's servers among them), stolen by the hypervisor ${rate(
    'steal',
  ).toFixed(2)}`;
}

type Result = autocannon.Result;
const figures = (r: Result) =>
  `${r.requests.average} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
const failures = (r: Result) =>
  `5xx ${r['5xx']}, other non-2xx ${r.non2xx - r['5xx']}, errors ${
    r.errors
  }, timeouts ${r.timeouts}`;

async function main() {
  const loadAtStart = load1();
  // What the machine does without the benchmark, for the record.
  const idleFrom = cpuNow();
  await new Promise(r => setTimeout(r, 5000));
  const idle = coresUsed(idleFrom, cpuNow());
  console.log(`before starting, 5 s: ${idle}`);
  process.stdout.write(
    'starting PostgreSQL, MariaDB, ClickHouse, Prometheus, fakes and the backend... ',
  );
  const stack = await startStatusStack({
    ttlSeconds: TTL_SECONDS,
    probeTimeoutMs: PROBE_TIMEOUT_MS,
  });
  console.log('done');
  const budgets: { budget: string; measured: string; ok: boolean }[] = [];
  const loads: string[] = [`start ${loadAtStart}`];
  const cpuUse: string[] = [`before starting: ${idle}`];
  try {
    const origin = `http://127.0.0.1:${stack.port}`;
    const entities = `${origin}/api/data-stack/entities`;
    const headers = { authorization: `Bearer ${TOKEN}` };

    // 1. Cold status latency with three hung components.
    const cold: number[] = [];
    let components = 0;
    for (const name of COLD) {
      const started = now();
      const res = await fetch(`${entities}/system/default/${name}/status`, {
        headers,
      });
      const body = await res.json();
      cold.push(now() - started);
      components = body.components.length;
    }
    console.log(
      `1. cold status, ${components} components (${HUNG.join(
        ', ',
      )} hung): median ${median(cold).toFixed(0)} ms, max ${Math.max(
        ...cold,
      ).toFixed(0)} ms`,
    );
    budgets.push({
      budget: `cold status ≤ probe timeout + 100 ms (${
        PROBE_TIMEOUT_MS + 100
      } ms)`,
      measured: `median ${median(cold).toFixed(0)} ms, max ${Math.max(
        ...cold,
      ).toFixed(0)} ms of ${cold.length}`,
      ok: Math.max(...cold) <= PROBE_TIMEOUT_MS + 100,
    });

    // 2. Load: warm-up, baseline memory, then the measured run.
    const routes = ['status', 'metrics', 'query-catalogs'];
    const requests = routes.map(route => ({
      method: 'GET' as const,
      path: `/api/data-stack/entities/system/default/${STACK}/${route}`,
      headers,
    }));
    const sizes = await Promise.all(
      requests.map(
        async r =>
          (
            await (await fetch(`${origin}${r.path}`, { headers })).text()
          ).length,
      ),
    );
    const run = (
      duration: number,
      connections: number,
      reqs: autocannon.Request[],
    ) =>
      autocannon({
        url: origin,
        connections,
        duration,
        requests: reqs,
        timeout: 10,
      });
    await run(WARMUP, CONNECTIONS, requests);
    loads.push(`after warm-up ${load1()}`);
    const rssBefore = rssMiB(stack.backendPid);
    const heapBefore = (await stack.liveMemory()).heapUsed / 2 ** 20;
    const hitsBefore = Object.fromEntries(
      Object.entries(stack.fakeOf).map(([id, f]) => [id, f.requests.length]),
    );
    const cpuBefore = cpuNow(stack.backendPid);
    const result = await run(DURATION, CONNECTIONS, requests);
    const cpu = coresUsed(cpuBefore, cpuNow(stack.backendPid));
    const rssAfter = rssMiB(stack.backendPid);
    const heapAfter = (await stack.liveMemory()).heapUsed / 2 ** 20;
    loads.push(`after the load ${load1()}`);
    const periods = Math.ceil(DURATION / TTL_SECONDS) + 1;
    console.log(
      `2. ${CONNECTIONS} clients on ${routes.join(', ')} (answers of ${sizes
        .map(s => `${(s / 1024).toFixed(1)} KB`)
        .join(', ')}), ${WARMUP} s warm-up, ${DURATION} s measured: ${
        result.requests.total
      } requests, ${figures(result)}; ${failures(result)}`,
    );
    console.log(`   ${cpu}`);
    cpuUse.push(`200 clients: ${cpu}`);
    console.log(
      `   upstream requests per component during the run (cache TTL ${TTL_SECONDS} s, so at most ${periods} cache periods):`,
    );
    let worst = 0;
    for (const [id, fake] of Object.entries(stack.fakeOf)) {
      const during = fake.requests.length - hitsBefore[id];
      // Query engines answer the health probe and two catalog statements' pages.
      const perProbe =
        id === 'trino' || id === 'presto' ? undefined : FAKED[id].length;
      if (perProbe) worst = Math.max(worst, during / perProbe / periods);
      console.log(
        `     ${id.padEnd(14)} ${String(during).padStart(4)} requests${
          perProbe ? `, ${(during / perProbe).toFixed(0)} probes` : ''
        }`,
      );
    }
    const percent = (after: number, before: number) => {
      const change = (after / before - 1) * 100;
      return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
    };
    const growth = heapAfter / heapBefore - 1;
    console.log(
      `   live heap ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(
        0,
      )} MiB (${percent(heapAfter, heapBefore)}); RSS ${rssBefore.toFixed(
        0,
      )} → ${rssAfter.toFixed(0)} MiB (${percent(rssAfter, rssBefore)})`,
    );
    budgets.push(
      {
        budget: '≤ 1 probe per component per cache period',
        measured: `at most ${worst.toFixed(2)}`,
        ok: worst <= 1,
      },
      {
        budget: `no failed answer (${CONNECTIONS} clients)`,
        measured: `${result['2xx']} 2xx of ${result.requests.total}; ${failures(
          result,
        )}`,
        ok:
          result.non2xx === 0 &&
          result.errors === 0 &&
          result.timeouts === 0 &&
          result['2xx'] === result.requests.total,
      },
      {
        budget: `backend RSS and live heap growth ≤ 10 % over the ${DURATION} s run`,
        measured: `RSS ${percent(rssAfter, rssBefore)} (${rssBefore.toFixed(
          0,
        )} → ${rssAfter.toFixed(0)} MiB), live heap ${percent(
          heapAfter,
          heapBefore,
        )} (${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MiB)`,
        ok: growth <= 0.1 && rssAfter / rssBefore - 1 <= 0.1,
      },
    );

    // 3. Everything cached, 50 clients: status alone, then /plan.
    for (const id of HUNG) stack.fakeOf[id].mode = 'ok';
    const cpuCached = cpuNow(stack.backendPid);
    const status = await run(CACHED_DURATION, CACHED_CONNECTIONS, [
      requests[0],
    ]);
    const statusCpu = coresUsed(cpuCached, cpuNow(stack.backendPid));
    cpuUse.push(`cached status: ${statusCpu}`);
    const cpuPlan = cpuNow(stack.backendPid);
    const plan = await run(CACHED_DURATION, CACHED_CONNECTIONS, [
      {
        method: 'POST',
        path: '/api/data-stack/plan',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ components: COMPONENTS }),
      },
    ]);
    const planCpu = coresUsed(cpuPlan, cpuNow(stack.backendPid));
    cpuUse.push(`POST /plan: ${planCpu}`);
    loads.push(`after the cached runs ${load1()}`);
    console.log(
      `3. ${CACHED_CONNECTIONS} clients, ${CACHED_DURATION} s each, everything cached:`,
    );
    console.log(
      `   GET …/${STACK}/status: ${figures(status)}; ${failures(status)}`,
    );
    console.log(`     ${statusCpu}`);
    console.log(
      `   POST /plan (all ${COMPONENTS.length} components): ${figures(
        plan,
      )}; ${failures(plan)}`,
    );
    console.log(`     ${planCpu}`);
    budgets.push({
      budget: `cached status, ${CACHED_CONNECTIONS} clients: ≥ 300 requests/s, p99 ≤ 300 ms`,
      measured: `${status.requests.average}/s, p99 ${status.latency.p99} ms (POST /plan ${plan.requests.average}/s, p99 ${plan.latency.p99} ms)`,
      ok:
        status.requests.average >= 300 &&
        status.latency.p99 <= 300 &&
        status['2xx'] === status.requests.total,
    });

    // 4. Membership through the real catalog.
    const answers = await Promise.all(
      routes.map(async route =>
        (
          await fetch(`${entities}/system/default/${STACK}/${route}`, {
            headers,
          })
        ).text(),
      ),
    );
    const shown = answers.filter(
      a => a.includes('intruder') || a.includes(PHISHING),
    ).length;
    const pages = await Promise.all(
      INTRUDERS.map(async ref => {
        const res = await fetch(`${entities}/${ref}/status`, { headers });
        return res.status;
      }),
    );
    const forged = await (
      await fetch(
        `${origin}/api/catalog/entities/by-name/component/default/intruder-forged`,
        { headers },
      )
    ).json();
    console.log(
      `4. intruders: in ${shown} of ${
        answers.length
      } answers; their status pages answer ${pages.join(
        ', ',
      )}; the catalog says intruder-forged came from ${
        forged.metadata.annotations['backstage.io/managed-by-location']
      }`,
    );
    budgets.push({
      budget: 'no entity of another catalog file in the stack',
      measured: `in ${shown} answers; pages ${pages.join(', ')}`,
      ok: shown === 0 && pages.every(s => s === 404),
    });
  } finally {
    await stack.stop();
  }

  const width = Math.max(...budgets.map(b => b.budget.length));
  console.log('\nSummary');
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${
      process.version
    }; 1-minute load average: ${loads.join(', ')}`,
  );
  for (const line of cpuUse) console.log(line);
  console.log(
    `settings: BENCH_WARMUP=${WARMUP} BENCH_DURATION=${DURATION} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_TTL=${TTL_SECONDS} BENCH_CACHED_DURATION=${CACHED_DURATION}`,
  );
  for (const b of budgets)
    console.log(
      `${b.ok ? 'pass' : 'FAIL'}  ${b.budget.padEnd(width)}  ${b.measured}`,
    );
  const ok = budgets.every(b => b.ok);
  console.log(`within budget: ${ok ? 'yes' : 'NO'}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

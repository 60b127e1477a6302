/*
 * The backend the status benchmark loads (scripts/bench/statusStack.ts
 * starts it with --expose-gc): Backstage's default services, the real
 * catalog backend on an in-memory SQLite, and the data stack backend.
 * Config comes from the `--config` files the benchmark passes.
 */
import { createBackend } from '@backstage/backend-defaults';

// SIGUSR2 asks for the live heap: a full collection first, so that what
// is measured is what the backend holds, not garbage V8 has not collected
// yet; the answer is one line on stderr, which the benchmark reads.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(
    `bench-memory ${JSON.stringify(process.memoryUsage())}\n`,
  );
});

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@big-data-stack/backstage-plugin-data-stack-backend'));
backend.start();

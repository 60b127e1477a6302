/*
 * The backend the status benchmark loads (scripts/bench/status.ts starts
 * it): Backstage's default services, the real catalog backend on an
 * in-memory SQLite, and the data stack backend. Config comes from the
 * `--config` files the benchmark passes.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@big-data-stack/backstage-plugin-data-stack-backend'));
backend.start();

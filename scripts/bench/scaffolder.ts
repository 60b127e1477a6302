/*
 * Scaffolder benchmark (issue 5 budget: a dry run of create-data-stack with
 * every component through the scaffolder API within 3 s, and at most 2x a
 * dry run of a template that only copies the very same output files with
 * fetch:plain). Run from the repository root after `make setup`:
 *
 *   PATH=$PWD/.tools/bin:$PATH node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/scaffolder.ts
 *
 * Starts the portal backend as `make start` does, signs in as guest, and
 * times both dry runs alternately (5 rounds after 2 warm-up rounds each),
 * printing the medians and their ratio.
 */
import fs from 'node:fs';
import yaml from 'yaml';
import {
  everyComponentChoice,
  templateDirectoryContents,
} from '../../plugins/scaffolder-backend-module-data-stack/src/__testUtils__/templates';
import {
  guestToken,
  startPortalBackend,
} from '../../packages/backend/src/__testUtils__/startPortalBackend';

const ROUNDS = 5;
const WARM_UP = 2;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type File = { path: string; base64Content: string };

/** The floor: a template whose one step copies the given files with fetch:plain. */
const copyTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'copy-files', title: 'Copy files' },
  spec: {
    owner: 'group:default/data-platform',
    type: 'benchmark',
    parameters: [],
    steps: [
      {
        id: 'copy',
        name: 'Copy',
        action: 'fetch:plain',
        input: { url: './skeleton' },
      },
    ],
  },
};

async function main() {
  const backend = await startPortalBackend();
  try {
    const token = await guestToken(backend.baseUrl);
    const dryRun = async (body: unknown) => {
      const start = performance.now();
      const res = await fetch(`${backend.baseUrl}/api/scaffolder/v2/dry-run`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { directoryContents: File[] };
      const ms = performance.now() - start;
      if (!res.ok) throw new Error(`dry run failed: ${JSON.stringify(json)}`);
      return { ms, files: json.directoryContents };
    };
    const create = {
      template: yaml.parse(
        fs.readFileSync('templates/create-data-stack/template.yaml', 'utf8'),
      ),
      values: everyComponentChoice,
      directoryContents: templateDirectoryContents(
        'templates/create-data-stack',
      ),
    };
    const { files } = await dryRun(create);
    const copy = {
      template: copyTemplate,
      values: {},
      directoryContents: files.map(f => ({ ...f, path: `skeleton/${f.path}` })),
    };
    const bytes = files.reduce(
      (n, f) => n + Buffer.from(f.base64Content, 'base64').length,
      0,
    );
    const times = { create: [] as number[], copy: [] as number[] };
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      const c = await dryRun(create);
      const f = await dryRun(copy);
      if (i >= WARM_UP) {
        times.create.push(c.ms);
        times.copy.push(f.ms);
      }
    }
    const createMs = median(times.create);
    const copyMs = median(times.copy);
    console.log(
      `output: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `create-data-stack dry run, every component: median ${createMs.toFixed(
        0,
      )} ms over ${ROUNDS} rounds (budget 3000 ms)`,
    );
    console.log(
      `fetch:plain of the same files: median ${copyMs.toFixed(0)} ms`,
    );
    console.log(`ratio: ${(createMs / copyMs).toFixed(2)}x (budget 2x)`);
  } finally {
    await backend.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

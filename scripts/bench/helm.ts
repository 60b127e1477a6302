/*
 * Helm benchmark (issue 4 budget: helm template of every release of the
 * root stack plus schema validation of every object, within 60 s). Run from
 * the repository root after `make setup` (helm comes from .tools/bin):
 *
 *   PATH=$PWD/.tools/bin:$PATH node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/helm.ts
 *
 * Prints, over 3 rounds, the median wall time of `helm template` for every
 * release in helmfile.yaml with its values (as many helm processes at once
 * as the machine has cores), of checking every rendered object against the
 * Kubernetes schemas and policies, and of the whole Helm pass of
 * `datastack validate` (lint and template, defaults and values, every chart).
 */
import { kubernetesId } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  HELMFILE,
  parseYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  KubernetesObject,
  checkHelmfile,
  checkManifests,
  inPool,
  runHelm,
  templateStackRelease,
  validateHelmDir,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROUNDS = 3;
const root = process.cwd();
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function main() {
  const version = await runHelm(['version', '--short']);
  const stack = (
    parseYaml(fs.readFileSync('stack.yaml', 'utf8'), 'stack.yaml') as any
  ).metadata.name;
  const { helmfile } = checkHelmfile(
    parseYaml(fs.readFileSync(HELMFILE, 'utf8'), HELMFILE),
    root,
    HELMFILE,
  );
  const releases = helmfile!.releases;
  const cores = os.availableParallelism();
  const template: number[] = [];
  const validate: number[] = [];
  const total: number[] = [];
  let objectCount = 0;
  let problems = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-helm-'));
    const start = now();
    const rendered = await inPool(releases, cores, async r => {
      const out = await templateStackRelease(root, r, staging);
      if ('error' in out) throw new Error(`${r.name}: ${out.error}`);
      return { release: r.name, objects: out.objects as KubernetesObject[] };
    });
    const templated = now();
    objectCount = 0;
    problems = 0;
    for (const r of rendered) {
      objectCount += r.objects.length;
      problems += checkManifests(
        r.objects,
        kubernetesId(stack, r.release),
        r.release,
      ).length;
    }
    const done = now();
    template.push(templated - start);
    validate.push(done - templated);
    total.push(done - start);
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const full: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = now();
    await validateHelmDir(root);
    full.push(now() - start);
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `helm ${version.stdout.trim()}, ${cores} cores, ${
      releases.length
    } releases, ${objectCount} objects, ${problems} problems`,
  );
  console.log(`helm template of every release: median ${s(median(template))}`);
  console.log(
    `schema and policy checks of every object: median ${s(median(validate))}`,
  );
  console.log(`together: median ${s(median(total))} (budget 60 s)`);
  console.log(
    `datastack validate, Helm pass (lint + template, defaults + values): median ${s(
      median(full),
    )}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});

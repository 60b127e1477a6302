/*
 * Render benchmark (issue 3 budgets). Run from the repository root:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/render.ts
 *
 * Prints the median time to resolve and render every component to every
 * file of the stack in-process (compose, configs, Helm values, charts and
 * helmfile), the median time to only serialise the same YAML documents,
 * their ratio, the median per target, and the resource budget of the root
 * stack.yaml per profile.
 */
import {
  formatMebibytes,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  parseYaml,
  builtInTargets,
  renderStack,
  renderInput,
  stringifyYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';

const ROUNDS = 200;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn: () => void) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const library = loadComponentLibrary([defaultLibraryDir()]);
const spec = parseYaml(
  fs.readFileSync('stack.yaml', 'utf8'),
  'stack.yaml',
) as any;

let files = renderStack(resolveStack(spec, library), library);
const yamlDocs = files
  // Chart templates are Go templates, not YAML.
  .filter(f => /\.ya?ml$/.test(f.path) && !f.path.includes('/templates/'))
  .map(f => parseYaml(f.content, f.path));

for (let i = 0; i < 20; i++) renderStack(resolveStack(spec, library), library); // warm-up
const render = Array.from({ length: ROUNDS }, () =>
  time(() => (files = renderStack(resolveStack(spec, library), library))),
);
const serialise = Array.from({ length: ROUNDS }, () =>
  time(() => yamlDocs.forEach(d => stringifyYaml(d))),
);

const renderMs = median(render);
const serialiseMs = median(serialise);
console.log(
  `render all components: ${files.length} files (${
    yamlDocs.length
  } YAML), median ${renderMs.toFixed(2)} ms over ${ROUNDS} rounds`,
);
console.log(
  `serialise the same YAML only: median ${serialiseMs.toFixed(2)} ms; ratio ${(
    renderMs / serialiseMs
  ).toFixed(2)}x`,
);
for (const target of builtInTargets.get(['compose', 'helm', 'helmfile'])) {
  const plan = resolveStack(spec, library);
  const perTarget = Array.from({ length: ROUNDS }, () =>
    time(() => target.render(renderInput(plan, library, [target]))),
  );
  console.log(
    `  ${target.id} target alone: median ${median(perTarget).toFixed(2)} ms`,
  );
}
for (const profile of ['dev', 'small', 'production']) {
  const { total } = resolveStack(
    { ...spec, spec: { ...spec.spec, profile } },
    library,
  ).budget;
  const gib = (total.memoryMi / 1024).toFixed(2);
  console.log(
    `resources (${profile}): ${total.cpu} CPU, ${formatMebibytes(
      total.memoryMi,
    )} (${gib} GiB) memory, ${formatMebibytes(total.diskMi)} disk`,
  );
}

import {
  CORE_COMPONENT_IDS,
  formatProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  renderInto,
  shippedLibrary,
  withTemporaryDirAsync,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import {
  readYamlFile,
  stringifyYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { loadComposeWithDocker } from './loadCompose';
import { runHelmfile } from './runHelmfile';
import {
  checkPrometheusConfigs,
  prometheusConfigsOf,
} from './checkPrometheusConfig';
import { STACK_TOOLS, StackTool, toolAvailable } from './stackTools';
import { validateStack } from './validateStack';

// The tools users run on a stack, built by `make setup`. A missing one fails
// here with the command that installs it; nothing is skipped.
const library = shippedLibrary();
const TOOLS = Object.keys(STACK_TOOLS) as StackTool[];

describe('the tools users run', () => {
  it.each(TOOLS.map(t => [t]))('%s is installed (make setup)', tool => {
    expect(`${tool}: ${toolAvailable(tool)}`).toBe(`${tool}: true`);
  });
});

describe('every profile loads in docker compose, helmfile and promtool', () => {
  it.each(['dev', 'small', 'production'])(
    'the whole library in the %s profile',
    async profile => {
      await withTemporaryDirAsync(async dir => {
        renderInto(dir, library, [...CORE_COMPONENT_IDS], { profile });
        const { problems, ran } = await validateStack(dir, {
          tools: 'required',
        });
        expect(problems.map(formatProblem)).toEqual([]);
        expect(ran.sort()).toEqual(
          ['docker-compose', 'helmfile', 'promtool'].sort(),
        );
      });
    },
    300_000,
  );
});

describe('loadComposeWithDocker', () => {
  it('refuses a flow sequence Go yaml.v3 cannot read, which JS parsers accept', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['elasticsearch'], { targets: ['compose'] });
      expect(await loadComposeWithDocker(dir)).toEqual([]);
      // What the renderer wrote before block style: `?` inside a plain
      // scalar of a flow sequence.
      const file = path.join(dir, 'services/elasticsearch/docker-compose.yml');
      const text = fs.readFileSync(file, 'utf8');
      const flow = text.replace(
        /test:\n\s+- CMD-SHELL\n\s+- (.*)\n/,
        (_, command) => `test: [ CMD-SHELL, ${command} ]\n`,
      );
      expect(flow).not.toBe(text);
      expect(readYamlFile(file)).toBeTruthy();
      fs.writeFileSync(file, flow);
      const problems = (await loadComposeWithDocker(dir)).map(formatProblem);
      expect(problems.join('\n')).toContain("did not find expected ',' or ']'");
    });
  }, 60_000);

  it('reports a variable .env.example does not declare', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['grafana'], { targets: ['compose'] });
      const file = path.join(dir, 'services/grafana/docker-compose.yml');
      const doc = readYamlFile(file) as any;
      doc.services.grafana.environment.EXTRA = '${NOT_DECLARED}';
      fs.writeFileSync(file, stringifyYaml(doc));
      const problems = (await loadComposeWithDocker(dir)).map(formatProblem);
      expect(problems.join('\n')).toContain('NOT_DECLARED');
    });
  }, 60_000);
});

describe('runHelmfile', () => {
  it('loads, lints and renders every release, and fails on a need that names no release', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['trino', 'postgresql', 'prometheus'], {
        targets: ['helm', 'helmfile'],
      });
      expect(await runHelmfile(dir, 'full')).toEqual([]);
      expect(await runHelmfile(dir, 'load')).toEqual([]);

      const helmfile = path.join(dir, 'helmfile.yaml');
      const doc = readYamlFile(helmfile) as any;
      doc.releases[0].needs = ['big-data-stack/nothing'];
      fs.writeFileSync(helmfile, stringifyYaml(doc));
      const broken = (await runHelmfile(dir, 'full')).map(formatProblem);
      expect(broken.join('\n')).toMatch(/helmfile (lint|template)/);
    });
  }, 120_000);

  it('refuses with helmfile build a file helmfile cannot load', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['postgresql'], {
        targets: ['helm', 'helmfile'],
      });
      const helmfile = path.join(dir, 'helmfile.yaml');
      const doc = readYamlFile(helmfile) as any;
      doc.releases[0].notAField = true;
      fs.writeFileSync(helmfile, stringifyYaml(doc));
      const broken = (await runHelmfile(dir, 'load')).map(formatProblem);
      expect(broken.join('\n')).toMatch(/helmfile build.*notAField/);
    });
  }, 60_000);
});

describe('checkPrometheusConfigs', () => {
  it('passes a rendered configuration and fails a broken one with promtool', async () => {
    await withTemporaryDirAsync(async dir => {
      renderInto(dir, library, ['prometheus', 'postgresql'], {
        targets: ['compose'],
      });
      const configs = prometheusConfigsOf(dir);
      expect(await checkPrometheusConfigs(configs)).toEqual([]);
      const broken = configs.map(c => ({
        ...c,
        content: c.content.replace(
          'scrape_interval: 15s',
          'scrape_interval: soon',
        ),
      }));
      const problems = (await checkPrometheusConfigs(broken)).map(
        formatProblem,
      );
      expect(problems.join('\n')).toContain(
        'configs/prometheus/prometheus.yml: promtool check config',
      );
      expect(problems.join('\n')).toContain('soon');
    });
  }, 60_000);
});

describe('validateStack without a tool', () => {
  it('says how to get it when tools are required, and skips it otherwise', async () => {
    const saved = process.env.DATASTACK_PROMTOOL;
    process.env.DATASTACK_PROMTOOL = '/nonexistent/promtool';
    try {
      await withTemporaryDirAsync(async dir => {
        renderInto(dir, library, ['prometheus'], { targets: ['compose'] });
        const required = await validateStack(dir, { tools: 'required' });
        expect(required.problems.map(formatProblem).join('\n')).toContain(
          "promtool was not found (looked for '/nonexistent/promtool'); run 'make setup'",
        );
        const available = await validateStack(dir);
        expect(available.problems).toEqual([]);
        expect(available.missing).toEqual(['promtool']);
        expect(available.ran).toEqual(['docker-compose']);
      });
    } finally {
      if (saved === undefined) delete process.env.DATASTACK_PROMTOOL;
      else process.env.DATASTACK_PROMTOOL = saved;
    }
  }, 60_000);
});

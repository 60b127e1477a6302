import fs from 'node:fs';
import path from 'node:path';
import {
  TestServer,
  freePort,
  requireBinary,
  scratchDir,
  startProcess,
} from './process';
import { stringifyYaml } from '@big-data-stack/backstage-plugin-data-stack-node';

/**
 * The stack's own Prometheus (3.5, which `make setup` builds from its Go
 * module into .tools/bin), scraping itself every second as job `prometheus`
 * with the stack label the rendered config sets, so the prometheus
 * component's card queries return real series.
 */
export async function startPrometheus(stack: string): Promise<TestServer> {
  const server = requireBinary(
    (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(dir => dir.endsWith(path.join('.tools', 'bin')))
      .map(dir => path.join(dir, 'prometheus')),
    'prometheus',
    'make setup builds it from its Go module',
  );
  const dir = scratchDir('prometheus');
  const port = await freePort();
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    stringifyYaml({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      scrape_configs: [
        {
          job_name: 'prometheus',
          static_configs: [
            { targets: [`127.0.0.1:${port}`], labels: { stack } },
          ],
        },
      ],
    }),
  );
  const ready = async () =>
    (await fetch(`http://127.0.0.1:${port}/-/ready`)).ok;
  const started = await startProcess({
    name: 'prometheus',
    dir,
    command: [
      server,
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    ready,
  });
  return { port, stop: started.stop };
}

import type {
  PlannedComponent,
  StackPlan,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  ownValue,
  stackPath,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { z } from 'zod';
import { stringifyYaml } from '../../yaml';
import { GENERATED_HEADER, RenderedFile } from '../files';
import {
  LogstashPipeline,
  toHadoopXml,
  toLogstashPipeline,
  toProperties,
} from './formats';
import { renderOverviewDashboard } from './grafanaDashboard';

/** What a config renderer sees: the plan and the component asking for the file. */
export interface ConfigRenderContext {
  plan: StackPlan;
  component: PlannedComponent;
}

/**
 * A config renderer turns one `spec.configs` entry of a descriptor into
 * files. Descriptors pick renderers by name, so a new component reuses
 * them with no code change; `params` checks the entry.
 */
export interface ConfigRenderer<P extends z.ZodType = z.ZodType> {
  params: P;
  render(context: ConfigRenderContext, params: z.output<P>): RenderedFile[];
}

const define = <P extends z.ZodType>(renderer: ConfigRenderer<P>) =>
  renderer as unknown as ConfigRenderer;
const outputPath = stackPath.refine(
  p => p.startsWith('configs/') || p.startsWith('services/'),
  'must be under configs/ or services/<id>/',
);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Trino and Presto catalogs: one `<name>.properties` per provider of a capability. */
const catalogs = define({
  params: z.strictObject({
    renderer: z.literal('catalogs'),
    capability: z.string(),
    dir: outputPath,
    /** Property renames for this engine's version, e.g. fs.native-s3.enabled → fs.s3.enabled. */
    renames: z
      .array(z.strictObject({ from: z.string(), to: z.string() }))
      .default([]),
  }),
  render({ plan, component }, params) {
    const catalogData = z.object({
      name: z.string().regex(/^[a-z][a-z0-9_]*$/),
      properties: z.record(z.string(), scalar),
    });
    return (ownValue(component.collects, params.capability) ?? []).map(
      providerId => {
        const provider = plan.components.find(c => c.id === providerId)!;
        const data = catalogData.parse(
          ownValue(provider.provides, params.capability),
        );
        const properties = Object.fromEntries(
          Object.entries(data.properties).map(([k, v]) => [
            params.renames.find(r => r.from === k)?.to ?? k,
            v,
          ]),
        );
        return {
          path: `${params.dir}/${data.name}.properties`,
          content: toProperties(
            properties,
            `${component.title} catalog for ${provider.title}.\n${GENERATED_HEADER}`,
          ),
        };
      },
    );
  },
});

/** A file of key = value settings in one format (`.properties`, Hadoop XML). */
const keyValueFile = (
  name: string,
  serialise: (properties: Record<string, unknown>, header: string) => string,
) =>
  define({
    params: z.strictObject({
      renderer: z.literal(name),
      path: outputPath,
      properties: z.record(z.string(), scalar),
    }),
    render: ({ component }, p) => [
      {
        path: p.path,
        content: serialise(
          p.properties,
          `${component.title}.\n${GENERATED_HEADER}`,
        ),
      },
    ],
  });

const properties = keyValueFile('properties', toProperties);

const lines = define({
  params: z.strictObject({
    renderer: z.literal('lines'),
    path: outputPath,
    lines: z.array(z.string()),
  }),
  render: (_, p) => [{ path: p.path, content: `${p.lines.join('\n')}\n` }],
});

const yaml = define({
  params: z.strictObject({
    renderer: z.literal('yaml'),
    path: outputPath,
    content: z.record(z.string(), z.unknown()),
  }),
  render: ({ component }, p) => [
    {
      path: p.path,
      content: stringifyYaml(p.content, {
        header: `${component.title}.\n${GENERATED_HEADER}`,
      }),
    },
  ],
});

/** Prometheus: one scrape job per metrics source in the plan. */
const prometheus = define({
  params: z.strictObject({
    renderer: z.literal('prometheus'),
    path: outputPath,
    scrapeInterval: z.string().default('15s'),
  }),
  render({ plan }, p) {
    const scrapeConfigs = plan.components
      .filter(c => c.metrics)
      .map(c => ({
        job_name: c.metrics!.job,
        metrics_path: c.metrics!.path,
        ...c.metrics!.scrape,
        static_configs: [
          {
            targets: c.metrics!.endpoints.map(e => `${e.service}:${e.port}`),
            labels: { stack: plan.stack.name, component: c.id },
          },
        ],
      }));
    const doc = {
      global: {
        scrape_interval: p.scrapeInterval,
        evaluation_interval: p.scrapeInterval,
      },
      scrape_configs: scrapeConfigs,
    };
    return [
      {
        path: p.path,
        content: stringifyYaml(doc, { header: GENERATED_HEADER }),
      },
    ];
  },
});

/** Grafana provisioning: the stack's Prometheus as datasource plus the overview dashboard. */
const grafana = define({
  params: z.strictObject({
    renderer: z.literal('grafana'),
    capability: z.string(),
    datasources: outputPath,
    dashboardProviders: outputPath,
    dashboardFile: outputPath,
    /** Where the container sees the dashboard directory. */
    dashboardMountPath: z.string().startsWith('/'),
  }),
  render({ plan, component }, p) {
    const providers = [
      ownValue(component.providers, p.capability),
      ...(ownValue(component.collects, p.capability) ?? []),
    ];
    const ids = providers.filter((id): id is string => Boolean(id));
    const sources = [...new Set(ids)].map((id, i) => {
      const data = z
        .object({ url: z.string().url() })
        .parse(
          ownValue(
            plan.components.find(c => c.id === id)!.provides,
            p.capability,
          ),
        );
      return {
        name: i === 0 ? 'Prometheus' : `Prometheus (${id})`,
        uid: id,
        type: 'prometheus',
        access: 'proxy',
        url: data.url,
        isDefault: i === 0,
        editable: false,
      };
    });
    const files: RenderedFile[] = [
      {
        path: p.datasources,
        content: stringifyYaml(
          { apiVersion: 1, datasources: sources },
          { header: GENERATED_HEADER },
        ),
      },
      {
        path: p.dashboardProviders,
        content: stringifyYaml(
          {
            apiVersion: 1,
            providers: [
              {
                name: 'datastack',
                folder: 'Data stack',
                type: 'file',
                disableDeletion: true,
                allowUiUpdates: false,
                options: { path: p.dashboardMountPath },
              },
            ],
          },
          { header: GENERATED_HEADER },
        ),
      },
    ];
    if (sources.length) {
      files.push({
        path: p.dashboardFile,
        content: `${JSON.stringify(
          renderOverviewDashboard(plan, sources[0].uid),
          null,
          2,
        )}\n`,
      });
    }
    return files;
  },
});

/** Hadoop-style XML (`core-site.xml`) from a map of properties. */
const hadoopXml = keyValueFile('hadoop-xml', toHadoopXml);

const logstashPlugin = z.record(z.string(), z.record(z.string(), z.unknown()));

/** A Logstash pipeline from structured sections. */
const logstashPipeline = define({
  params: z.strictObject({
    renderer: z.literal('logstash-pipeline'),
    path: outputPath,
    pipeline: z.strictObject({
      input: z.array(logstashPlugin).min(1),
      filter: z.array(logstashPlugin).optional(),
      output: z.array(logstashPlugin).min(1),
    }),
  }),
  render: ({ component }, p) => [
    {
      path: p.path,
      content: toLogstashPipeline(
        p.pipeline as LogstashPipeline,
        `${component.title} pipeline.\n${GENERATED_HEADER}`,
      ),
    },
  ],
});

/** Every renderer a descriptor can name in `spec.configs[].renderer`. */
export const configRenderers: Record<string, ConfigRenderer> = {
  catalogs,
  properties,
  lines,
  yaml,
  prometheus,
  grafana,
  'logstash-pipeline': logstashPipeline,
  'hadoop-xml': hadoopXml,
};

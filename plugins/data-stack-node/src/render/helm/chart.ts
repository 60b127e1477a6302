import type {
  PlannedComponent,
  StackPlan,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { stringifyYaml } from '../../yaml';
import { listFiles } from '../../listFiles';
import { GENERATED_HEADER, RenderedFile } from '../files';
import { ReleaseValues, valuesJsonSchema } from './valuesSchema';

/** Version of every chart this package renders; bump it with the common chart. */
export const CHART_VERSION = '0.1.0';
export const CHARTS_DIR = 'helm-charts';
export const COMMON_CHART = 'common';

/** The parts of a component chart; each is one include of the common chart. */
const TEMPLATES: Record<string, string> = {
  'workloads.yaml': 'common.workloads',
  'services.yaml': 'common.services',
  'configmaps.yaml': 'common.configMaps',
  'secret.yaml': 'common.secret',
  'persistentvolumeclaims.yaml': 'common.persistentVolumeClaims',
  'poddisruptionbudgets.yaml': 'common.podDisruptionBudgets',
  'servicemonitor.yaml': 'common.serviceMonitor',
};

function commonChartSource(): string {
  // eslint-disable-next-line no-restricted-syntax -- the chart ships beside the code
  return path.resolve(__dirname, '../../../assets/helm-charts', COMMON_CHART);
}

/** `helm-charts/common`, the library chart, as shipped in assets/. */
export function renderCommonChart(): RenderedFile[] {
  const root = commonChartSource();
  return listFiles(root).map(file => ({
    path: `${CHARTS_DIR}/${COMMON_CHART}/${file}`,
    content: fs.readFileSync(path.join(root, file), 'utf8'),
  }));
}

/** Text for NOTES.txt, where `{{` would start a template action. */
const literal = (text: string) => text.split('{{').join('{{ "{{" }}');

function notes(component: PlannedComponent): string {
  const lines = [
    `${literal(
      component.title,
    )} is installed as release {{ .Release.Name }} in namespace {{ .Release.Namespace }}.`,
    literal(component.description),
    '',
  ];
  for (const link of component.links) {
    const service = component.services.find(
      s => s.name === (link.service ?? component.primary),
    );
    const port = service?.ports.find(p => p.name === link.port);
    if (!service || !port) continue;
    lines.push(
      `${literal(link.title)}:`,
      `  kubectl --namespace {{ .Release.Namespace }} port-forward service/${service.name} ${port.port}:${port.port}`,
      `  then open http://localhost:${port.port}${link.path}`,
      '',
    );
  }
  if (component.secrets.length)
    lines.push(
      'Secrets ({{ if .Values.secret.existingSecret }}{{ .Values.secret.existingSecret }}{{ else }}{{ .Values.secret.name }}, generated once and kept{{ end }}):',
      ...component.secrets.map(s => `  ${s.name}: ${literal(s.description)}`),
      '',
    );
  return `${lines.join('\n')}`;
}

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  description?: string;
};

/** The values table of a chart's README, described by the values schema. */
function valuesTable(values: ReleaseValues): string {
  const top = valuesJsonSchema() as JsonSchema;
  const service = (
    (
      top.properties!.services as JsonSchema & {
        additionalProperties: JsonSchema;
      }
    ).additionalProperties ?? {}
  ).properties!;
  const rows: [string, unknown, string | undefined][] = [
    ['stack', values.stack, top.properties!.stack.description],
    ['component', values.component, top.properties!.component.description],
    [
      'kubernetesId',
      values.kubernetesId,
      top.properties!.kubernetesId.description,
    ],
    ['imagePullPolicy', values.imagePullPolicy, undefined],
    [
      'secret.existingSecret',
      values.secret.existingSecret,
      top.properties!.secret.properties!.existingSecret.description,
    ],
    [
      'secret.keys',
      values.secret.keys,
      top.properties!.secret.properties!.keys.description,
    ],
    [
      'serviceMonitor.enabled',
      values.serviceMonitor.enabled,
      top.properties!.serviceMonitor.properties!.enabled.description,
    ],
    ...Object.entries(values.configMaps).map(
      ([name, files]) =>
        [
          `configMaps.${name}`,
          Object.keys(files),
          top.properties!.configMaps.description,
        ] as [string, unknown, string | undefined],
    ),
    ...Object.entries(values.persistentVolumeClaims).map(
      ([name, claim]) =>
        [
          `persistentVolumeClaims.${name}.size`,
          claim.size,
          top.properties!.persistentVolumeClaims.description,
        ] as [string, unknown, string | undefined],
    ),
  ];
  for (const [name, s] of Object.entries(values.services)) {
    const p = `services.${name}`;
    rows.push(
      [`${p}.workload`, s.workload, service.workload.description],
      [`${p}.replicas`, s.replicas, service.replicas.description],
      [`${p}.image`, s.image, service.image.description],
      [`${p}.resources`, s.resources, service.resources.description],
    );
    s.volumeClaims.forEach((v, i) =>
      rows.push([
        `${p}.volumeClaims[${i}].size`,
        v.size,
        `${v.name}, mounted at ${v.mountPath}`,
      ]),
    );
  }
  return [
    '| Key | Default | Description |',
    '| --- | --- | --- |',
    ...rows.map(
      ([key, value, description]) =>
        `| \`${key}\` | \`${JSON.stringify(value)}\` | ${description ?? ''} |`,
    ),
  ].join('\n');
}

function readme(component: PlannedComponent, values: ReleaseValues): string {
  return `<!-- ${GENERATED_HEADER} -->

# ${component.title} chart

${component.description}

Version ${component.version}. Part of the Big Data Stack: every object is
built by the \`common\` library chart from the values below, which
\`datastack render\` fills from a stack's \`stack.yaml\` (see
\`values/${component.id}.yaml\` in a rendered stack). The defaults are those
of a stack with this component alone, in the \`dev\` profile.

\`\`\`sh
helm dependency build helm-charts/${component.id}
helm install ${component.id} helm-charts/${component.id} -f values/${
    component.id
  }.yaml
\`\`\`

Every workload, pod template and Service carries the label
\`backstage.io/kubernetes-id: <kubernetesId>\`, which the catalog entity's
annotation selects for the portal's Kubernetes tab.

## Values

${valuesTable(values)}

Each service also takes \`command\`, \`args\`, \`env\`, \`ports\`, the three
probes, \`securityContext\`, \`sharedVolumes\`, \`configMounts\` and
\`initContainers\`; \`values.schema.json\` describes them all.
`;
}

/** `helm-charts/<id>/`: a chart whose templates all come from the common chart. */
export function renderComponentChart(
  plan: StackPlan,
  component: PlannedComponent,
  values: ReleaseValues,
): RenderedFile[] {
  const dir = `${CHARTS_DIR}/${component.id}`;
  const chart = {
    apiVersion: 'v2',
    name: component.id,
    description: component.description,
    type: 'application',
    version: CHART_VERSION,
    appVersion: component.version,
    ...(component.docs && { home: component.docs }),
    keywords: ['big-data-stack', component.layer],
    dependencies: [
      {
        name: COMMON_CHART,
        version: CHART_VERSION,
        repository: `file://../${COMMON_CHART}`,
      },
    ],
  };
  return [
    {
      path: `${dir}/Chart.yaml`,
      content: stringifyYaml(chart, { header: GENERATED_HEADER }),
    },
    {
      path: `${dir}/values.yaml`,
      content: stringifyYaml(values, {
        header: `Defaults of the ${component.title} chart: a ${plan.profile.id} stack with ${component.id} alone.\n${GENERATED_HEADER}`,
      }),
    },
    {
      path: `${dir}/values.schema.json`,
      content: `${JSON.stringify(valuesJsonSchema(), null, 2)}\n`,
    },
    ...Object.entries(TEMPLATES).map(([file, include]) => ({
      path: `${dir}/templates/${file}`,
      content: `{{- include "${include}" . }}\n`,
    })),
    { path: `${dir}/templates/NOTES.txt`, content: notes(component) },
    { path: `${dir}/README.md`, content: readme(component, values) },
  ];
}

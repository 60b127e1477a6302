import {
  COMPONENT_ANNOTATION,
  DataStackError,
  KUBERNETES_NAMESPACE_ANNOTATION,
  QUERY_CATALOGS_ANNOTATION,
  PlannedComponent,
  STACK_ANNOTATION,
  StackPlan,
  kubernetesId,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { stringifyYaml, stringifyYamlDocuments } from '../yaml';
import { GENERATED_HEADER, RenderedFile } from './files';

export const CATALOG_FILE = 'catalog-info.yaml';

const NAMESPACE = 'default';

type EntityRef = string;
interface CatalogEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'System' | 'Component' | 'Resource' | 'API';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
    links?: { url: string; title: string; icon?: string }[];
    tags?: string[];
  };
  spec: Record<string, unknown>;
}

/** The entity of a component of the stack: `<stack>-<component>`, as the Kubernetes label. */
const entityName = (plan: StackPlan, id: string) =>
  kubernetesId(plan.stack.name, id);
const apiName = (plan: StackPlan, id: string, api: string) =>
  `${entityName(plan, id)}-${api}`;

function refOf(plan: StackPlan, c: PlannedComponent): EntityRef {
  return `${c.catalog.kind.toLowerCase()}:${NAMESPACE}/${entityName(
    plan,
    c.id,
  )}`;
}

/** Components this one takes something from: its providers and what it collects. */
function providersOf(c: PlannedComponent): [string, string][] {
  const pairs: [string, string][] = [
    ...Object.entries(c.providers),
    ...Object.entries(c.collects).flatMap(([cap, ids]) =>
      ids.map(id => [cap, id] as [string, string]),
    ),
  ];
  return pairs.filter(([, id]) => id !== c.id);
}

/** Web UIs as the compose stack publishes them on this machine. */
function localLinks(c: PlannedComponent) {
  return c.links.flatMap(link => {
    const service = c.services.find(
      s => s.name === (link.service ?? c.primary),
    );
    const port = service?.ports.find(p => p.name === link.port);
    return port?.hostPort
      ? [
          {
            url: `${link.scheme}://localhost:${port.hostPort}${link.path}`,
            title: `${link.title} (local compose)`,
            icon: 'dashboard',
          },
        ]
      : [];
  });
}

/** Where every entity of a stack belongs: its owner and its System. */
interface StackEntityContext {
  plan: StackPlan;
  owner: string;
  system: EntityRef;
  byId: Map<string, PlannedComponent>;
}

/** The System of the stack, which its docs and the data stack tab hang on. */
function systemEntity({ plan, owner }: StackEntityContext): CatalogEntity {
  const { stack } = plan;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: stack.name,
      description:
        stack.description ||
        `Data stack with ${plan.components.length} components (${plan.profile.id} profile).`,
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        [STACK_ANNOTATION]: stack.name,
        [KUBERNETES_NAMESPACE_ANNOTATION]: stack.namespace,
      },
      tags: ['data-stack', plan.profile.id],
    },
    spec: { owner },
  };
}

/** The APIs a component consumes: those its providers offer for what it takes. */
function consumedApis(
  { plan, byId }: StackEntityContext,
  providers: [string, string][],
): EntityRef[] {
  return [
    ...new Set(
      providers.flatMap(([cap, id]) =>
        byId
          .get(id)!
          .catalog.apis.filter(api => api.capability === cap)
          .map(api => `api:${NAMESPACE}/${apiName(plan, id, api.name)}`),
      ),
    ),
  ].sort();
}

/**
 * A component as a Component or Resource, named like its Kubernetes label
 * and annotated for the Kubernetes tab and the data stack plugin.
 */
function componentEntity(
  context: StackEntityContext,
  c: PlannedComponent,
): CatalogEntity {
  const { plan, owner, system, byId } = context;
  const { stack } = plan;
  const providers = providersOf(c);
  const dependsOn = [
    ...new Set(providers.map(([, id]) => refOf(plan, byId.get(id)!))),
  ].sort();
  const consumesApis = consumedApis(context, providers);
  const providesApis = c.catalog.apis.map(
    api => `api:${NAMESPACE}/${apiName(plan, c.id, api.name)}`,
  );
  const links = localLinks(c);
  const isComponent = c.catalog.kind === 'Component';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: c.catalog.kind,
    metadata: {
      name: entityName(plan, c.id),
      title: c.title,
      description: c.description,
      annotations: {
        'backstage.io/kubernetes-id': kubernetesId(stack.name, c.id),
        [KUBERNETES_NAMESPACE_ANNOTATION]: stack.namespace,
        'backstage.io/techdocs-entity': system,
        [STACK_ANNOTATION]: stack.name,
        [COMPONENT_ANNOTATION]: c.id,
        ...(c.portal.sqlCatalogs && {
          [QUERY_CATALOGS_ANNOTATION]: c.portal.sqlCatalogs.protocol,
        }),
      },
      ...(links.length && { links }),
      tags: [c.layer, ...(c.companion ? ['companion'] : [])],
    },
    spec: {
      type: c.catalog.type,
      ...(isComponent && { lifecycle: 'production' }),
      owner,
      system,
      ...(dependsOn.length && { dependsOn }),
      ...(isComponent && providesApis.length && { providesApis }),
      ...(isComponent && consumesApis.length && { consumesApis }),
    },
  };
}

/** An API entity per API the component offers, with its definition. */
function apiEntities(
  { plan, owner, system }: StackEntityContext,
  c: PlannedComponent,
): CatalogEntity[] {
  return c.catalog.apis.map(api => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: apiName(plan, c.id, api.name),
      title: api.title,
      description: api.description,
      annotations: { [STACK_ANNOTATION]: plan.stack.name },
    },
    spec: {
      type: api.type,
      lifecycle: 'production',
      owner,
      system,
      definition:
        typeof api.definition === 'string'
          ? api.definition
          : stringifyYaml(api.definition),
    },
  }));
}

/**
 * The catalog model of a stack (docs/stacks.md, "The rendered
 * repository"): a System for the stack; a Component or Resource per
 * component; an API entity per API a component offers; `dependsOn`,
 * `providesApis` and `consumesApis` from the plan's wiring.
 */
export function catalogEntities(plan: StackPlan): CatalogEntity[] {
  if (!plan.stack.owner)
    throw new DataStackError([
      {
        path: 'metadata.owner',
        message:
          'the catalog target needs an owner, e.g. group:default/data-platform',
      },
    ]);
  const context: StackEntityContext = {
    plan,
    owner: plan.stack.owner,
    system: `system:${NAMESPACE}/${plan.stack.name}`,
    byId: new Map(plan.components.map(c => [c.id, c])),
  };
  return [
    systemEntity(context),
    ...plan.components.flatMap(c => [
      componentEntity(context, c),
      ...apiEntities(context, c),
    ]),
  ];
}

/** `catalog-info.yaml`: every entity of the stack, one YAML document each. */
export function renderCatalog(plan: StackPlan): RenderedFile {
  return {
    path: CATALOG_FILE,
    content: stringifyYamlDocuments(catalogEntities(plan), {
      header: `The ${plan.stack.name} stack in the Backstage catalog.\n${GENERATED_HEADER}`,
    }),
  };
}

import type { PlannedResources } from './directMemory';
import type {
  CardMetric,
  ComponentDescriptor,
  ComposeHealthcheck,
  ConfigDefinition,
  Link,
  PortDefinition,
  Probe,
  Secret,
} from '../model/descriptor';
import type { Profile } from '../model/profiles';
import type { KubernetesSettings, StackTarget } from '../model/stackSpec';

/** How a dependent waits: compose conditions, helmfile `needs:`. */
export type WaitCondition =
  | 'service_healthy'
  | 'service_completed_successfully';

/** One container of the resolved stack, every placeholder filled. */
export interface PlannedService {
  name: string;
  component: string;
  description?: string;
  image: string;
  job: boolean;
  command?: string | string[];
  entrypoint?: string | string[];
  user?: string;
  environment: Record<string, string>;
  ports: PortDefinition[];
  healthcheck?: ComposeHealthcheck;
  /** Why the service has no compose healthcheck, when its descriptor disables it. */
  healthcheckDisabled?: string;
  probe?: Probe;
  resources: PlannedResources;
  /** Persistent volumes; `volume` is the stack-wide name. */
  volumes: { name: string; volume: string; mountPath: string }[];
  mounts: { source: string; target: string }[];
  dependsOn: { service: string; condition: WaitCondition }[];
  compose: Record<string, unknown>;
  kubernetes: {
    replicas: number;
    runAsUser?: number;
    runAsGroup?: number;
    /** Compose's variables with the Kubernetes replacements applied. */
    environment: Record<string, string>;
    /** Run in the service's image before it starts. */
    initContainers: {
      name: string;
      command: string[];
      runAsUser?: number;
      volumes: { name: string; mountPath: string }[];
      privileged: boolean;
    }[];
    /** Not part of the compose target. */
    only: boolean;
  };
}

/** Where a component's metrics are scraped; the job is named after the component. */
export interface MetricsTarget {
  job: string;
  /** `service:port` of every process serving the metrics. */
  targets: string[];
  path: string;
  scrape: Record<string, unknown>;
  card: CardMetric[];
}

export interface PlannedComponent {
  id: string;
  /** The descriptor file, as problems name it. */
  source: string;
  title: string;
  description: string;
  layer: ComponentDescriptor['metadata']['layer'];
  version: string;
  docs?: string;
  companion: boolean;
  /** Chosen in stack.yaml, or added by the resolver. */
  selected: boolean;
  /** Why the resolver added it, e.g. `required by delta-lake (s3)`. */
  addedBecause?: string;
  primary: string;
  settings: Record<string, string | number | boolean>;
  /** Capability → the component providing it to this one. */
  providers: Record<string, string>;
  /** Capability → every component this one collects it from. */
  collects: Record<string, string[]>;
  /** Components this one waits for at start-up. */
  dependsOn: string[];
  /** Capability data offered to others, placeholders filled. */
  provides: Record<string, Record<string, unknown>>;
  configs: ConfigDefinition[];
  files: string[];
  secrets: Secret[];
  metrics?: MetricsTarget;
  links: Link[];
  catalog: ComponentDescriptor['spec']['catalog'];
  services: PlannedService[];
}

export interface ResourceTotals {
  cpu: number;
  memoryMi: number;
  diskMi: number;
}

export interface ResourceBudget {
  profile: string;
  total: ResourceTotals;
  components: ({ id: string } & ResourceTotals)[];
}

/** The resolved stack every renderer reads. */
export interface StackPlan {
  stack: {
    name: string;
    description?: string;
    owner?: string;
    namespace: string;
    targets: StackTarget[];
    kubernetes: KubernetesSettings & { namespace: string };
  };
  profile: Profile;
  /** In start-up order: providers before their consumers. */
  components: PlannedComponent[];
  secrets: Secret[];
  budget: ResourceBudget;
}

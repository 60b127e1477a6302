import type { PlannedResources } from './directMemory';
import type {
  CardMetric,
  ComponentDescriptor,
  ConfigDefinition,
  Link,
  PortalEndpoints,
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

/**
 * Text a container receives, with the stack's secrets as references: each
 * target writes a reference its own way (Compose `${NAME}` read from .env,
 * Kubernetes a Secret key), and a literal part is the text itself, with
 * no target's escaping (`$` is one dollar sign).
 */
export type PlannedText = (string | { secret: string })[];

/**
 * How a container checks itself: a program and its arguments, or one line a
 * shell runs (which may read variables, secrets among them). Durations are
 * in seconds.
 */
export interface PlannedHealthcheck {
  command: { exec: PlannedText[] } | { shell: PlannedText };
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

/** One container of the resolved stack, every placeholder filled. */
export interface PlannedService {
  name: string;
  component: string;
  description?: string;
  image: string;
  job: boolean;
  /** The arguments the entrypoint receives (Kubernetes' `args`). */
  command?: PlannedText[];
  /** Replaces the image's entrypoint (Kubernetes' `command`). */
  entrypoint?: PlannedText[];
  /** `uid[:gid]` or a user name, as the image knows it. */
  user?: string;
  environment: Record<string, PlannedText>;
  ports: PortDefinition[];
  healthcheck?: PlannedHealthcheck;
  /** Why the service has no healthcheck, when its descriptor disables it. */
  healthcheckDisabled?: string;
  probe?: Probe;
  resources: PlannedResources;
  /** Persistent volumes; `volume` is the stack-wide name. */
  volumes: { name: string; volume: string; mountPath: string }[];
  mounts: { source: string; target: string }[];
  dependsOn: { service: string; condition: WaitCondition }[];
  /** Compose-only keys the descriptor passes through (ulimits, shm_size…). */
  compose: Record<string, unknown>;
  kubernetes: {
    replicas: number;
    runAsUser?: number;
    runAsGroup?: number;
    /** The variables with the Kubernetes replacements applied. */
    environment: Record<string, PlannedText>;
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

/** One process serving a component's metrics. */
export interface MetricsEndpoint {
  service: string;
  /** The port's name in the service's descriptor, and its number. */
  portName: string;
  port: number;
}

/** Where a component's metrics are scraped; the job is named after the component. */
export interface MetricsTarget {
  job: string;
  endpoints: MetricsEndpoint[];
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
  /** What the portal's backend asks it beyond health (metrics, SQL catalogs). */
  portal: PortalEndpoints;
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

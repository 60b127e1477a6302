import type {
  ComponentDescriptor,
  ServiceDefinition,
  StatusReasonCode,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { StatusConfig } from '../config/statusConfig';

/** The stack as the backend addresses it: validated DNS labels only. */
export interface StackRef {
  name: string;
  namespace: string;
}

/** Where one service port answers. */
export interface Endpoint {
  /** `http:`, `https:` or `tcp:`; a derived endpoint is `http:`. */
  protocol: string;
  host: string;
  port: number;
}

/**
 * An endpoint, or why there is none: a sentence, and its code for the
 * status answer. `unpublished`: the service publishes no port on the host
 * the pattern names (a Compose service without `ports:`, an exporter
 * Prometheus scrapes inside the stack), which is how the stack is built,
 * not a fault.
 */
export type EndpointLookup =
  | { endpoint: Endpoint }
  | {
      reason: string;
      code: Extract<
        StatusReasonCode,
        'not-configured' | 'unpublished' | 'descriptor-mismatch'
      >;
    };

/** `http://host:port` of an endpoint, in the scheme the caller wants for derived ones. */
export function baseUrlOf(endpoint: Endpoint, scheme = 'http'): string {
  const protocol =
    endpoint.protocol === 'tcp:' ? `${scheme}:` : endpoint.protocol;
  return `${protocol}//${endpoint.host}:${endpoint.port}`;
}

/**
 * Where a service port of a stack answers: the stack's own entry in
 * app-config, or the configured pattern filled with the stack's validated
 * names. Never anything read from a catalog entity.
 */
export function endpointOf(
  config: StatusConfig,
  stack: StackRef,
  service: string,
  definition: ServiceDefinition,
  portName: string,
): EndpointLookup {
  const fixed = config.stacks.get(stack.name)?.endpoints.get(service);
  if (fixed)
    return {
      endpoint: {
        protocol: fixed.protocol,
        host: fixed.hostname,
        port: Number(fixed.port) || (fixed.protocol === 'https:' ? 443 : 80),
      },
    };
  const { pattern } = config;
  if (!pattern)
    return {
      reason: `no endpoint configured for ${service} (dataStack.status)`,
      code: 'not-configured',
    };
  const port = definition.ports.find(p => p.name === portName);
  if (!port)
    return {
      reason: `${service} has no port named ${portName}`,
      code: 'descriptor-mismatch',
    };
  const number = pattern.port === 'published' ? port.hostPort : port.port;
  // Only a published port can be missing: every port has a container port.
  if (!number)
    return { reason: 'publishes no port on this machine', code: 'unpublished' };
  const names: Record<string, string> = {
    service,
    stack: stack.name,
    namespace: stack.namespace,
  };
  return {
    endpoint: {
      // Host and port only: each probe brings its scheme (NiFi is HTTPS only).
      protocol: 'tcp:',
      host: pattern.host.replace(
        /\{(service|stack|namespace)\}/g,
        (_, k) => names[k],
      ),
      port: number,
    },
  };
}

/**
 * The services of a component the status backend looks at: long-running
 * ones, without the Kubernetes-only ones when the stack runs on Compose.
 */
export function runningServices(
  descriptor: ComponentDescriptor,
  config: StatusConfig,
): [string, ServiceDefinition][] {
  return Object.entries(descriptor.spec.services).filter(
    ([, s]) =>
      !s.job && !(s.kubernetes.only && config.pattern?.port === 'published'),
  );
}

/** The endpoint of a service port named in a descriptor's `portal` block. */
export function portalEndpoint(
  config: StatusConfig,
  stack: StackRef,
  descriptor: ComponentDescriptor,
  ref: { service?: string; port: string },
): EndpointLookup {
  const service =
    ref.service ?? descriptor.spec.primary ?? descriptor.metadata.id;
  const definition = descriptor.spec.services[service];
  if (!definition)
    return {
      reason: `${descriptor.metadata.id} has no service ${service}`,
      code: 'descriptor-mismatch',
    };
  return endpointOf(config, stack, service, definition, ref.port);
}

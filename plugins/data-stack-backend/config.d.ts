import type { HumanDuration } from '@backstage/types';

export interface Config {
  dataStack?: {
    /**
     * Where the data stack backend finds a stack's services for status,
     * metrics and query catalogs. URLs never come from catalog entities:
     * they are listed here per stack, or derived from the stack's validated
     * names with `endpoints`.
     */
    status?: {
      /** How long one probe or upstream query may take; default 2 seconds. */
      probeTimeout?: HumanDuration | string;
      /** How long an answer is served from the cache; default 30 seconds. */
      cacheTtl?: HumanDuration | string;
      /** Probes and upstream queries in flight at once, over all requests; default 16. */
      concurrency?: number;
      /** The user Trino and Presto see on catalog queries; default `backstage`. */
      queryUser?: string;
      /** The range of the metric sparklines; default 30 minutes. */
      metricsRange?: HumanDuration | string;
      /** The step of the metric sparklines; default 1 minute. */
      metricsStep?: HumanDuration | string;
      /**
       * Endpoints derived from the stack's names, for every stack without
       * its own entry in `stacks[].endpoints`.
       */
      endpoints?: {
        /**
         * The host of a service, with `{service}`, `{stack}` and
         * `{namespace}` placeholders: `{service}.{namespace}.svc.cluster.local`
         * in a cluster, `localhost` for a Compose stack on the backend's host.
         */
        host: string;
        /**
         * `container`: the service's own port (in-cluster DNS);
         * `published`: the port Compose publishes on the host.
         */
        port: 'container' | 'published';
      };
      /** Stacks by name (the `datastack.backstage.io/stack` annotation). */
      stacks?: Array<{
        name: string;
        /** The Kubernetes namespace; the catalog's `backstage.io/kubernetes-namespace` otherwise. */
        namespace?: string;
        /** Service name → base URL, e.g. `trino: https://trino.data.example.com`. */
        endpoints?: { [service: string]: string };
        /**
         * The stack's secrets by `.env` name, for the probes that log in
         * (`sql`, and probe types modules add), e.g. `POSTGRES_PASSWORD`.
         * @visibility secret
         */
        secrets?: { [name: string]: string };
      }>;
    };
  };
}

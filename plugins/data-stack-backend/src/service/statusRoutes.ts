import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { LoadedLibrary } from '@big-data-stack/backstage-plugin-data-stack-node';
import { makeValidator } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { StatusConfig } from '../config/statusConfig';
import { MetricsService } from './metricsService';
import { QueryCatalogService } from './queryCatalogService';
import type { StackCatalog } from './stackCatalog';
import { StackSubject, resolveStackSubject } from './stackSubject';
import { StatusService } from './statusService';

export interface StatusRoutesOptions {
  config: StatusConfig;
  library: () => Promise<LoadedLibrary>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Stack membership from the catalog (the plugin's own reads, cached briefly). */
  stacks: StackCatalog;
  status: StatusService;
  metrics: MetricsService;
  queryCatalogs: QueryCatalogService;
}

/**
 * `/entities/:kind/:namespace/:name/…` for a stack's System or one of its
 * Components: status, metrics, query catalogs. Each request needs
 * credentials and catalog read permission on that entity; upstream
 * failures come back as data, never as a 5xx.
 */
/** The catalog's own rules for the parts of an entity reference. */
const entityNames = makeValidator();

export function statusRoutes(options: StatusRoutesOptions): express.Router {
  const router = Router();

  async function subject(req: express.Request): Promise<StackSubject> {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    // Only catalog names go further (and into messages): a NUL, a line
    // break or 5 000 characters in the path get one short answer.
    if (
      !entityNames.isValidKind(kind) ||
      !entityNames.isValidNamespace(namespace) ||
      !entityNames.isValidEntityName(name)
    )
      throw new InputError(
        'the path names no catalog entity: kind, namespace and name must be catalog names (letters, digits, "-", "_" and ".", at most 63 characters)',
      );
    return resolveStackSubject({ kind, namespace, name }, credentials, {
      stacks: options.stacks,
      permissions: options.permissions,
      library: await options.library(),
      config: options.config,
    });
  }

  const entity = '/entities/:kind/:namespace/:name';

  router.get(`${entity}/status`, async (req, res) => {
    res.json(await options.status.stackStatus(await subject(req)));
  });

  router.get(`${entity}/metrics`, async (req, res) => {
    res.json(await options.metrics.stackMetrics(await subject(req)));
  });

  router.get(`${entity}/query-catalogs`, async (req, res) => {
    res.json(await options.queryCatalogs.stackCatalogs(await subject(req)));
  });

  router.get(
    `${entity}/query-catalogs/:engine/:catalog/schemas`,
    async (req, res) => {
      res.json(
        await options.queryCatalogs.catalogSchemas(
          await subject(req),
          req.params.engine,
          req.params.catalog,
        ),
      );
    },
  );

  return router;
}

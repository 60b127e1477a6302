import { NotFoundError } from '@backstage/errors';
import type {
  CatalogSchemasResponse,
  ComponentDescriptor,
  QueryCatalog,
  QueryEngineCatalogs,
  StackQueryCatalogsResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type pLimit from 'p-limit';
import {
  QueryEngineClient,
  QueryRows,
  queryEngineClient,
} from '../clients/queryEngineClient';
import type { StatusConfig } from '../config/statusConfig';
import { describeError } from '../probes/probeResult';
import { StackRef, portalEndpoint } from './endpoints';
import { SharedCache, stackKey } from './sharedCache';
import type { StackSubject } from './stackSubject';

/** Trino has `connector_name`; Presto only `connector_id`. */
const CATALOGS_SQL = 'SELECT * FROM system.metadata.catalogs';

/** A catalog name as a quoted SQL identifier. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The index of the first of `names` (in that order of preference) the result has. */
function column(result: QueryRows, ...names: string[]): number {
  const lower = result.columns.map(c => c.toLowerCase());
  const index = names.map(n => lower.indexOf(n)).find(i => i >= 0) ?? -1;
  if (index < 0)
    throw new Error(`the answer has no ${names.join(' or ')} column`);
  return index;
}

/**
 * The SQL catalogs of the stack's query engines (components whose
 * descriptor has `portal.sqlCatalogs`), and the schemas of one catalog.
 * Only these two fixed statements run; a catalog name is used only when
 * the engine listed it.
 */
export class QueryCatalogService {
  constructor(
    private readonly options: {
      config: StatusConfig;
      cache: SharedCache;
      limit: pLimit.Limit;
    },
  ) {}

  async stackCatalogs(
    subject: StackSubject,
  ): Promise<StackQueryCatalogsResponse> {
    const engines = subject.components.filter(c => c.spec.portal.sqlCatalogs);
    return {
      stack: subject.stack.name,
      engines: await Promise.all(
        engines.map(engine => this.engineCatalogs(subject.stack, engine)),
      ),
    };
  }

  async catalogSchemas(
    subject: StackSubject,
    engineId: string,
    catalog: string,
  ): Promise<CatalogSchemasResponse> {
    const engine = subject.components.find(
      c => c.metadata.id === engineId && c.spec.portal.sqlCatalogs,
    );
    if (!engine)
      throw new NotFoundError(`the stack has no query engine ${engineId}`);
    const listing = await this.engineCatalogs(subject.stack, engine);
    const answer = { stack: subject.stack.name, engine: engineId, catalog };
    if (listing.reason)
      return { ...answer, schemas: [], reason: listing.reason };
    if (!listing.catalogs.some(c => c.name === catalog))
      throw new NotFoundError(`${engineId} has no catalog ${catalog}`);
    return this.options.cache.get(
      stackKey('schemas', subject.stack, engineId, catalog),
      async () => {
        try {
          const result = await this.run(
            subject.stack,
            engine,
            `SHOW SCHEMAS FROM ${quoted(catalog)}`,
          );
          const schema = column(result, 'schema');
          return {
            ...answer,
            schemas: result.rows.map(r => String(r[schema])),
          };
        } catch (error) {
          return { ...answer, schemas: [], reason: describeError(error) };
        }
      },
    );
  }

  private engineCatalogs(
    stack: StackRef,
    engine: ComponentDescriptor,
  ): Promise<QueryEngineCatalogs> {
    const { protocol } = engine.spec.portal.sqlCatalogs!;
    const answer = {
      id: engine.metadata.id,
      title: engine.metadata.title,
      protocol,
    };
    return this.options.cache.get(
      stackKey('catalogs', stack, engine.metadata.id),
      async () => {
        try {
          const result = await this.run(stack, engine, CATALOGS_SQL);
          const name = column(result, 'catalog_name');
          const connector = column(result, 'connector_name', 'connector_id');
          const catalogs: QueryCatalog[] = result.rows
            .map(r => ({
              name: String(r[name]),
              connector: String(r[connector]),
            }))
            .sort((a, b) => a.name.localeCompare(b.name));
          return { ...answer, catalogs };
        } catch (error) {
          return { ...answer, catalogs: [], reason: describeError(error) };
        }
      },
    );
  }

  private run(stack: StackRef, engine: ComponentDescriptor, sql: string) {
    const { config, limit } = this.options;
    const ref = engine.spec.portal.sqlCatalogs!;
    const lookup = portalEndpoint(config, stack, engine, ref);
    if ('reason' in lookup) throw new Error(lookup.reason);
    const client: QueryEngineClient = queryEngineClient(
      ref.protocol,
      lookup.endpoint,
      config.queryUser,
      config.probeTimeoutMs,
    );
    return limit(() => client(sql));
  }
}

import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import crypto from 'node:crypto';
import { parseAllDocuments } from 'yaml';

type AddLocationRequest = Parameters<CatalogService['addLocation']>[0];

/**
 * The catalog as the templates need it on a forge: entities in memory
 * (catalogServiceMock's InMemoryCatalogClient, which has no locations),
 * and the registration catalog:register asks for, done as the real
 * catalog does it for a `url` location: the file is read through the URL
 * reader (here, from the stand-in forge) and its entities are stored with
 * the location in `backstage.io/managed-by-location`, which is how
 * datastack:stack:fetch finds a stack's repository afterwards. A dry run
 * answers the generated Location entity and the file's entities, as the
 * real catalog's does (plugins/catalog-backend/src/service/
 * DefaultLocationService.ts in backstage/backstage); the real catalog
 * stores them later, in its processing loop, this one at once.
 *
 * One state for every plugin: the catalog service is per plugin, the
 * catalog is not.
 */
export function locationReadingCatalog(options: { entities: Entity[] }) {
  const entities = [...options.entities];
  const registrations: AddLocationRequest[] = [];
  const locations: { id: string; type: string; target: string }[] = [];

  const factory = createServiceFactory({
    service: catalogServiceRef,
    deps: { urlReader: coreServices.urlReader },
    factory: ({ urlReader }) => {
      async function addLocation(request: AddLocationRequest) {
        registrations.push(request);
        const type = request.type ?? 'url';
        const ref = `${type}:${request.target}`;
        const existing = locations.find(
          l => l.type === type && l.target === request.target,
        );
        if (existing && !request.dryRun)
          throw new ConflictError(`Location ${ref} already exists`);
        const location = existing ?? {
          id: crypto.randomUUID(),
          type,
          target: request.target,
        };
        const text = (
          await (await urlReader.readUrl(request.target)).buffer()
        ).toString('utf8');
        const read = parseAllDocuments(text)
          .map(d => d.toJS() as Entity)
          .filter(Boolean)
          .map(e => ({
            ...e,
            metadata: {
              ...e.metadata,
              namespace: e.metadata.namespace ?? 'default',
              annotations: {
                ...e.metadata.annotations,
                [ANNOTATION_LOCATION]: ref,
                [ANNOTATION_ORIGIN_LOCATION]: ref,
              },
            },
          }));
        if (request.dryRun) {
          const generated: Entity = {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Location',
            metadata: {
              name: `generated-${crypto
                .createHash('sha1')
                .update(ref)
                .digest('hex')}`,
              namespace: 'default',
              annotations: {
                [ANNOTATION_LOCATION]: ref,
                [ANNOTATION_ORIGIN_LOCATION]: ref,
              },
            },
            spec: { type, target: request.target },
          };
          return {
            location,
            entities: [generated, ...read],
            exists: !!existing,
          };
        }
        locations.push(location);
        for (const e of read) {
          const i = entities.findIndex(
            x => stringifyEntityRef(x) === stringifyEntityRef(e),
          );
          if (i >= 0) entities[i] = e;
          else entities.push(e);
        }
        return { location, entities: [] };
      }
      // Every other method reads the entities as they are now.
      return new Proxy({} as CatalogService, {
        get: (_, method) => {
          if (method === 'addLocation') return addLocation;
          const client = catalogServiceMock({ entities }) as any;
          const value = client[method];
          return typeof value === 'function' ? value.bind(client) : value;
        },
      });
    },
  });

  return { factory, registrations, entities };
}

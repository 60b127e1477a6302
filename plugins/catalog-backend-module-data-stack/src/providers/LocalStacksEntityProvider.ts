import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { locationSpecToLocationEntity } from '@backstage/plugin-catalog-node';
import { CATALOG_FILE } from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Puts the stack repositories of this machine's stacks folder
 * (`dataStack.publish.local.directory`) in the catalog: one `file`
 * Location per `<folder>/<stack>/catalog-info.yaml`, which the catalog
 * then reads as it reads `catalog.locations`. Only that folder is read, so
 * no user can register other files on the machine (the catalog's own
 * location API allows `url` locations only).
 */
export class LocalStacksEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly directory: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'data-stack-local-stacks';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh();
  }

  /** The catalog files of the stacks folder, absolute; symlinks are not followed. */
  catalogFiles(): string[] {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(this.directory, { withFileTypes: true });
    } catch (error) {
      // No stack created yet: the folder comes with the first one.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter(e => e.isDirectory() && !e.name.startsWith('.'))
      .map(e => path.join(this.directory, e.name, CATALOG_FILE))
      .filter(file => {
        try {
          return fs.lstatSync(file).isFile();
        } catch {
          return false;
        }
      })
      .sort();
  }

  /** Reads the folder again and replaces what this provider has in the catalog. */
  async refresh(): Promise<void> {
    if (!this.connection) return;
    const files = this.catalogFiles();
    await this.connection.applyMutation({
      type: 'full',
      entities: files.map(target => {
        const entity = locationSpecToLocationEntity({
          location: { type: 'file', target },
        });
        return { entity, locationKey: `file:${target}` };
      }),
    });
    this.logger.debug(
      `${files.length} local stack repositories in ${this.directory}`,
    );
  }
}

import type { DiscoveryService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DOWNLOAD_TTL_MS,
  downloadsDirectory,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { create as createTar } from 'tar';
import { examples } from './stackArchive.examples';
import { insideWorkspace } from './workspace';
import { requireStackName } from './localStacks';

/** Deletes the downloads older than a day, which nobody can fetch any more. */
function removeExpired(downloads: string) {
  if (!fs.existsSync(downloads)) return;
  for (const entry of fs.readdirSync(downloads, { withFileTypes: true })) {
    const folder = path.join(downloads, entry.name);
    if (
      entry.isDirectory() &&
      Date.now() - fs.statSync(folder).mtimeMs > DOWNLOAD_TTL_MS
    )
      fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * `datastack:stack:archive`: the workspace as `<name>.tar.gz`, served by
 * the data stack backend at an unguessable URL for a day. What Create
 * data stack offers when no place to publish is configured, so the
 * rendered files are never lost with the task's workspace. Each new
 * archive clears the expired ones.
 */
export function createStackArchiveAction(options: {
  config: Config;
  discovery: DiscoveryService;
}) {
  return createTemplateAction({
    id: 'datastack:stack:archive',
    description:
      'Packs the workspace as <name>.tar.gz and outputs a download URL served by the data stack backend for a day.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe("The archive's name: the stack's name"),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('The folder of the workspace to pack'),
      },
      output: {
        downloadUrl: z => z.string().describe('Where to download the archive'),
        files: z => z.number().describe('How many files it holds'),
      },
    },
    async handler(ctx) {
      const name = requireStackName(ctx.input.name);
      const sourceDir = insideWorkspace(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const files = fs
        .readdirSync(sourceDir, { recursive: true, withFileTypes: true })
        .filter(e => e.isFile()).length;
      const id = crypto.randomUUID();
      const base = await options.discovery.getExternalBaseUrl('data-stack');
      const downloadUrl = `${base}/downloads/${id}/${name}.tar.gz`;
      ctx.output('files', files);
      if (ctx.isDryRun) {
        ctx.output('downloadUrl', downloadUrl);
        return;
      }
      const downloads = downloadsDirectory(options.config);
      removeExpired(downloads);
      const dir = path.join(downloads, id);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // The archive unpacks into a folder named after the stack; links are
      // left out, as a stack repository holds only files.
      await createTar(
        {
          gzip: true,
          file: path.join(dir, `${name}.tar.gz`),
          cwd: sourceDir,
          prefix: name,
          portable: true,
          filter: (_file, stat) =>
            !('isSymbolicLink' in stat && stat.isSymbolicLink()),
        },
        fs.readdirSync(sourceDir).sort(),
      );
      ctx.logger.info(`packed ${files} files; download them at ${downloadUrl}`);
      ctx.output('downloadUrl', downloadUrl);
    },
  });
}

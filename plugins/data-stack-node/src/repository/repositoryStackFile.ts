import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { MAX_STACK_FILE_BYTES, STACK_FILE } from '../stackFile';
import { parseYaml } from '../yaml';
import { DEFAULT_BRANCH, readFileAt } from './localRepository';
import type { StackRepository } from './stackRepository';

/**
 * A stack repository's stack.yaml, parsed but not checked: on this machine
 * as `main` holds it, on a forge through the URL reader. Bounded like
 * `readStackFile`.
 */
export async function readRepositoryStackFile(
  repository: StackRepository,
  urlReader: UrlReaderService,
): Promise<unknown> {
  let text: string | undefined;
  if (repository.type === 'local') {
    text = await readFileAt(repository.path, DEFAULT_BRANCH, STACK_FILE);
  } else {
    const response = await urlReader.readUrl(repository.stackFileUrl);
    text = (await response.buffer()).toString('utf8');
  }
  const source = `${repository.location}/${STACK_FILE}`;
  if (text === undefined) throw new NotFoundError(`${source} does not exist`);
  if (Buffer.byteLength(text) > MAX_STACK_FILE_BYTES)
    throw new InputError(
      `${source} is larger than ${MAX_STACK_FILE_BYTES} bytes`,
    );
  return parseYaml(text, source);
}

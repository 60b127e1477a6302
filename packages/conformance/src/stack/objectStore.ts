import type { RenderedStack, LoadedService } from './renderedStack';

/**
 * The stack's jobs that run mc (buckets, users), users first: Compose
 * orders none of them, and a user's policy may name a bucket that does not
 * exist yet, so that order is the one that could fail.
 */
export function objectStoreJobs(
  stack: RenderedStack,
): [string, LoadedService][] {
  const all = Object.entries(stack.services).filter(
    ([, s]) => s.restart === 'no' && s.image.startsWith('quay.io/minio/mc:'),
  );
  const isUser = ([name]: [string, LoadedService]) => name.endsWith('-s3-user');
  return [...all.filter(isUser), ...all.filter(j => !isUser(j))];
}

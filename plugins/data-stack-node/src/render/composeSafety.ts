import { pinnedImage } from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * What no compose service of a stack may do, whatever wrote it: float on an
 * image without a pinned tag, or publish a port beyond loopback. The
 * renderer refuses to write such a service and `validate` (checkComposeModel
 * in data-stack-validate) refuses to pass one; both ask here.
 */
export function unsafeServiceProblems(service: {
  image?: unknown;
  ports?: unknown;
}): { key: 'image' | 'ports'; message: string }[] {
  const problems: { key: 'image' | 'ports'; message: string }[] = [];
  if (!pinnedImage.safeParse(service.image).success)
    problems.push({
      key: 'image',
      message: `${JSON.stringify(
        service.image,
      )} is not a pinned image (an explicit tag other than latest, or a digest)`,
    });
  for (const port of (service.ports as unknown[] | undefined) ?? [])
    if (typeof port !== 'string' || !port.startsWith('127.0.0.1:'))
      problems.push({
        key: 'ports',
        message: `publishes ${JSON.stringify(port)} beyond 127.0.0.1`,
      });
  return problems;
}

import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words: a failed call is a
 * ResponseError whose cause is the backend's error; any other error says
 * it itself.
 */
export function errorMessage(error: Error): string {
  return error instanceof ResponseError ? error.cause.message : error.message;
}

import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DataStackError,
  DataStackInput,
  StackPlan,
  formatProblem,
  parseDataStack,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { TtlCache } from './ttlCache';
import {
  LoadedLibrary,
  StackRepository,
  readRepositoryStackFile,
  stackSpecFromChoice,
} from '@big-data-stack/backstage-plugin-data-stack-node';

/** A stack's stack.yaml from its repository, checked and resolved. */
export class StackSpecReader {
  private readonly recent: TtlCache<StackPlan>;

  /**
   * `recentMs`: how long `recentPlan` keeps a plan (the status cache's
   * period, so the Data stacks page reads each repository once per period).
   */
  constructor(
    private readonly library: () => Promise<LoadedLibrary>,
    private readonly urlReader: UrlReaderService,
    recentMs = 0,
  ) {
    this.recent = new TtlCache(recentMs, 10_000);
  }

  /**
   * The plan as of at most `recentMs` ago: for overviews of many stacks,
   * where a commit may show a period late. Changes read `plan`.
   */
  recentPlan(repository: StackRepository): Promise<StackPlan> {
    return this.recent.get(`${repository.type}:${repository.location}`, () =>
      this.plan(repository),
    );
  }

  /** The spec as its author wrote it (defaults not filled in). */
  async spec(repository: StackRepository): Promise<DataStackInput> {
    const value = await readRepositoryStackFile(repository, this.urlReader);
    try {
      parseDataStack(value);
    } catch (error) {
      throw asInputError(error);
    }
    return value as DataStackInput;
  }

  /** The spec resolved against the library, optionally with more components. */
  async plan(
    repository: StackRepository,
    addComponents: string[] = [],
  ): Promise<StackPlan> {
    const spec = await this.spec(repository);
    try {
      // The spec the add template's resolve step writes: one merge for both.
      return resolveStack(
        stackSpecFromChoice({ components: addComponents }, spec),
        await this.library(),
      );
    } catch (error) {
      throw asInputError(error);
    }
  }
}

/** The model's problems as one 400 with a line each. */
function asInputError(error: unknown): unknown {
  return error instanceof DataStackError
    ? new InputError(error.problems.map(formatProblem).join('\n'))
    : error;
}

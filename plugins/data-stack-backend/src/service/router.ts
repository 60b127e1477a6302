import type {
  HttpAuthService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  DATA_STACK_API_VERSION,
  DataStackError,
  StackBudget,
  StackPlan,
  StackPlanPreview,
  formatProblem,
  parseWith,
  planRequestSchema,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  LoadedLibrary,
  planSummary,
  stackRepositoryOf,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import express from 'express';
import Router from 'express-promise-router';
import type { StackSpecReader } from './stackSpecReader';
import { readStackSystem } from './stackSystem';
import { libraryComponents } from './libraryComponents';

/** What the form shows of a plan's resources. */
const budgetOf = (plan: StackPlan): StackBudget => ({
  profile: plan.profile.id,
  cpu: plan.budget.total.cpu,
  memoryMi: plan.budget.total.memoryMi,
  diskMi: plan.budget.total.diskMi,
});

/**
 * Routes under /api/data-stack. Every route requires Backstage
 * credentials, a user's or a service's.
 */
export async function createRouter(options: {
  library: () => Promise<LoadedLibrary>;
  httpAuth: HttpAuthService;
  config: Config;
  catalog: CatalogService;
  urlReader: UrlReaderService;
  specs: StackSpecReader;
  /** Status, metrics and query catalogs of stacks. */
  status: express.Router;
  /** Where stacks are published and how they change. */
  repositories: express.Router;
  /** Every data stack with its health roll-up: the Data stacks page. */
  overview: express.Router;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(options.status);
  router.use(options.repositories);
  router.use(options.overview);

  /** The library's components, for the form's picker and the library page. */
  router.get('/components', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(libraryComponents(await options.library()));
  });

  /**
   * The plan of a choice, without writing anything: what the resolver adds
   * and why, and the resource budget. The Create data stack form shows it
   * before anything is created.
   */
  router.post('/plan', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    let plan: StackPlan;
    let before: StackPlan | undefined;
    try {
      // parseWith refuses `__proto__` keys before the schema drops them,
      // and bounds the problems of a huge body.
      const { name, stack, components, profile, overrides } = parseWith(
        planRequestSchema,
        req.body ?? {},
        'body',
      );
      if (stack) {
        // An existing stack: its stack.yaml, with the components added.
        const entity = await readStackSystem(
          options.catalog,
          stack,
          credentials,
        );
        const repository = stackRepositoryOf(entity, options.config);
        if ('problem' in repository) throw new InputError(repository.problem);
        before = await options.specs.plan(repository);
        plan = await options.specs.plan(repository, components);
      } else {
        plan = resolveStack(
          {
            apiVersion: DATA_STACK_API_VERSION,
            kind: 'DataStack',
            metadata: { name: name || 'preview' },
            spec: { components, profile: profile ?? 'dev', overrides },
          },
          await options.library(),
        );
      }
    } catch (error) {
      if (error instanceof DataStackError)
        throw new InputError(error.problems.map(formatProblem).join('\n'));
      throw error;
    }
    const present = new Set(before?.components.map(c => c.id));
    const answer: StackPlanPreview = {
      components: plan.components.map(c => ({
        id: c.id,
        title: c.title,
        selected: c.selected,
        ...(c.addedBecause && { addedBecause: c.addedBecause }),
        ...(before && { present: present.has(c.id) }),
      })),
      budget: budgetOf(plan),
      ...(before && { before: budgetOf(before) }),
      summary: planSummary(plan),
    };
    res.json(answer);
  });

  return router;
}

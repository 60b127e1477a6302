import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DATA_STACK_API_VERSION,
  DataStackError,
  formatProblem,
  parseWith,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  LoadedLibrary,
  planSummary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import express from 'express';
import Router from 'express-promise-router';
import { planRequestSchema } from './planRequest';

/**
 * Routes under /api/data-stack. Every route requires Backstage
 * credentials, a user's or a service's.
 */
export async function createRouter(options: {
  library: () => Promise<LoadedLibrary>;
  httpAuth: HttpAuthService;
  /** Status, metrics and query catalogs of stacks. */
  status: express.Router;
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(options.status);

  /**
   * The plan of a choice, without writing anything: what the resolver adds
   * and why, and the resource budget. The Create data stack form shows it
   * before anything is created.
   */
  router.post('/plan', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    let plan;
    try {
      // parseWith refuses `__proto__` keys before the schema drops them,
      // and bounds the problems of a huge body.
      const { name, components, profile, overrides } = parseWith(
        planRequestSchema,
        req.body ?? {},
        'body',
      );
      plan = resolveStack(
        {
          apiVersion: DATA_STACK_API_VERSION,
          kind: 'DataStack',
          metadata: { name: name || 'preview' },
          spec: { components, profile: profile ?? 'dev', overrides },
        },
        await options.library(),
      );
    } catch (error) {
      if (error instanceof DataStackError)
        throw new InputError(error.problems.map(formatProblem).join('\n'));
      throw error;
    }
    const t = plan.budget.total;
    res.json({
      components: plan.components.map(c => ({
        id: c.id,
        title: c.title,
        selected: c.selected,
        ...(c.addedBecause && { addedBecause: c.addedBecause }),
      })),
      budget: {
        profile: plan.profile.id,
        cpu: t.cpu,
        memoryMi: t.memoryMi,
        diskMi: t.diskMi,
      },
      summary: planSummary(plan),
    });
  });

  return router;
}

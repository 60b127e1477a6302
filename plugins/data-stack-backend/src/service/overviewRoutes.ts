import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { StacksOverviewDeps, stacksOverview } from './stacksOverview';

/** `GET /stacks`: every data stack the caller may read, for the Data stacks page. */
export function overviewRoutes(
  options: StacksOverviewDeps & { httpAuth: HttpAuthService },
): express.Router {
  const router = Router();
  router.get('/stacks', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await stacksOverview(credentials, options));
  });
  return router;
}

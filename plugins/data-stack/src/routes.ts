import { createRouteRef } from '@backstage/core-plugin-api';

/** The Data stack tab of a legacy app's entity page. */
export const dataStackContentRouteRef = createRouteRef({
  id: 'data-stack:content',
});

import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  DataStackApi,
  StackChoice,
  StackPlanPreview,
} from './DataStackApi';

/** Talks to the data stack backend through discovery and the authenticated fetch. */
export class DataStackClient implements DataStackApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async plan(choice: StackChoice): Promise<StackPlanPreview> {
    const base = await this.deps.discoveryApi.getBaseUrl('data-stack');
    const res = await this.deps.fetchApi.fetch(`${base}/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(choice),
    });
    const body = await res.json().catch(() => undefined);
    if (!res.ok)
      throw new Error(
        body?.error?.message ?? `the data stack backend answered ${res.status}`,
      );
    return body as StackPlanPreview;
  }
}

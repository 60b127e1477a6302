import { createApiRef } from '@backstage/core-plugin-api';

/** A choice of components, as the Create data stack form holds it. */
export interface StackChoice {
  components: string[];
  profile?: string;
  name?: string;
}

/** The resolved plan the data stack backend answers. */
export interface StackPlanPreview {
  components: {
    id: string;
    title: string;
    selected: boolean;
    addedBecause?: string;
  }[];
  budget: { profile: string; cpu: number; memoryMi: number; diskMi: number };
  summary: string;
}

export interface DataStackApi {
  /** Resolves a choice without writing anything; a refused choice rejects with the reasons. */
  plan(choice: StackChoice): Promise<StackPlanPreview>;
}

export const dataStackApiRef = createApiRef<DataStackApi>({
  id: 'plugin.data-stack.api',
});

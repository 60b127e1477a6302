/** How the portal names each layer of the library (`metadata.layer`). */
export const LAYER_TITLES: Record<string, string> = {
  storage: 'Storage',
  lakehouse: 'Lakehouse',
  query: 'Query',
  ingestion: 'Ingestion',
  orchestration: 'Orchestration',
  observability: 'Observability',
  search: 'Search',
  support: 'Support',
};

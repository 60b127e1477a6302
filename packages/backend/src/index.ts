import { createBackend } from '@backstage/backend-defaults';

// Only the plugins the portal uses. The signals, notifications and MCP
// actions backends are left out on purpose: they are unused here and the
// signals plugin fails to start when its versions drift.
const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Stack repositories Create data stack writes on this machine.
backend.add(
  import('@big-data-stack/backstage-plugin-catalog-backend-module-data-stack'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import(
    '@big-data-stack/backstage-plugin-scaffolder-backend-module-data-stack'
  ),
);

backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@big-data-stack/backstage-plugin-data-stack-backend'));

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.start();

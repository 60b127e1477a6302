import {
  CORE_COMPONENT_IDS,
  parseJvmMebibytes,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderInto, shippedLibrary } from '../testing/stackFixtures';
import { readYamlFile } from '../yaml';

// What the pinned images need to start, read from the rendered files of the
// whole library (each fact is cited in its descriptor). Each block guards
// one finding of the start-up review; none of these held before it. The
// findings about what helm renders from the charts are checked in
// data-stack-validate's src/output/stackStarts.test.ts.
const library = shippedLibrary();
const PROFILES = ['dev', 'small', 'production'];

/** The whole library rendered once per profile. */
const stacks = new Map<string, string>();
beforeAll(() => {
  for (const profile of PROFILES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `datastack-${profile}-`));
    renderInto(dir, library, [...CORE_COMPONENT_IDS], { profile });
    stacks.set(profile, dir);
  }
});
afterAll(() => {
  for (const dir of stacks.values())
    fs.rmSync(dir, { recursive: true, force: true });
});

const dirOf = (profile = 'dev') => stacks.get(profile)!;
const read = (file: string, profile?: string) =>
  fs.readFileSync(path.join(dirOf(profile), file), 'utf8');
const compose = (component: string, profile?: string): any =>
  readYamlFile(
    path.join(dirOf(profile), `services/${component}/docker-compose.yml`),
  );
const values = (component: string, profile?: string): any =>
  readYamlFile(path.join(dirOf(profile), `values/${component}.yaml`));

describe('NiFi 2 serves HTTPS only', () => {
  it('publishes, checks and links 8443 over HTTPS, with single-user credentials from secrets', () => {
    const nifi = compose('nifi').services.nifi;
    expect(nifi.environment.NIFI_WEB_HTTP_PORT).toBeUndefined();
    expect(nifi.environment.NIFI_WEB_HTTPS_PORT).toBe('8443');
    expect(nifi.ports).toEqual(['127.0.0.1:8443:8443']);
    expect(nifi.healthcheck.test.join(' ')).toContain(
      'https://localhost:8443/',
    );
    expect(nifi.environment.SINGLE_USER_CREDENTIALS_PASSWORD).toBe(
      '${NIFI_ADMIN_PASSWORD}',
    );
    expect(read('.env.example')).toMatch(/^NIFI_ADMIN_PASSWORD=$/m);
    expect(values('nifi').secret.keys).toContain('NIFI_ADMIN_PASSWORD');
    expect(read('catalog-info.yaml')).toContain('https://localhost:8443/nifi/');
  });

  it('keeps conf/ (flow.json.gz) on a volume in both targets', () => {
    expect(compose('nifi').services.nifi.volumes).toContain(
      'nifi-conf:/opt/nifi/nifi-current/conf',
    );
    const nifi = values('nifi').services.nifi;
    expect(nifi.volumeClaims.map((c: any) => c.mountPath)).toContain(
      '/opt/nifi/nifi-current/conf',
    );
    // An empty claim gets the image's defaults before NiFi edits them.
    expect(nifi.initContainers[0].volumeMounts).toEqual([
      { name: 'conf', mountPath: '/seed' },
    ]);
  });

  it('is scraped through the relay that signs in, on plain HTTP inside the stack', () => {
    expect(read('configs/prometheus/prometheus.yml')).toMatch(
      /job_name: nifi\n\s+metrics_path: \/metrics\.txt\n[\s\S]*?- nifi-metrics:9092/,
    );
    const relay = compose('nifi').services['nifi-metrics'];
    expect(relay.command[0]).toContain(
      'https://nifi:8443/nifi-api/flow/metrics/prometheus',
    );
    expect(relay.command[0]).toContain('/nifi-api/access/token');
  });
});

describe('Druid sizes direct memory from its processing buffers', () => {
  it.each(PROFILES)(
    'historicals and brokers fit their buffers in the %s profile',
    profile => {
      const druid = compose('druid', profile).services;
      for (const name of ['druid-historical', 'druid-broker']) {
        const env = druid[name].environment;
        const needed =
          Number(env.druid_processing_buffer_sizeBytes) *
          (Number(env.druid_processing_numThreads) +
            Number(env.druid_processing_numMergeBuffers) +
            1);
        expect(
          parseJvmMebibytes(env.DRUID_MAXDIRECTMEMORYSIZE) * 1024 * 1024,
        ).toBeGreaterThanOrEqual(needed);
      }
      // Peons: the same rule between the fork properties and their JVM options.
      const mm = druid['druid-middlemanager'].environment;
      const peonDirect = /-XX:MaxDirectMemorySize=(\d+[mg])/.exec(
        mm.druid_indexer_runner_javaOptsArray,
      )![1];
      expect(
        parseJvmMebibytes(peonDirect) * 1024 * 1024,
      ).toBeGreaterThanOrEqual(
        Number(
          mm.druid_indexer_fork_property_druid_processing_buffer_sizeBytes,
        ) *
          (Number(mm.druid_indexer_fork_property_druid_processing_numThreads) +
            Number(
              mm.druid_indexer_fork_property_druid_processing_numMergeBuffers,
            ) +
            1),
      );
    },
  );

  it("keeps every property through druid.sh, which deletes lines containing another set key's 'key='", () => {
    // distribution/docker/druid.sh at druid-35.0.1: for each druid_*
    // variable, sed -ri "/$key=/d" on the properties files, then key=value.
    const toKey = (name: string) =>
      name
        .split('__')
        .map(part => part.replace(/_/g, '.'))
        .join('_');
    const deleted: string[] = [];
    for (const [name, service] of Object.entries<any>(
      compose('druid').services,
    )) {
      const lines = Object.entries<string>(service.environment)
        .filter(([k]) => k.startsWith('druid_'))
        .map(([k, v]) => ({ key: toKey(k), line: `${toKey(k)}=${v}` }))
        // The script sets druid.host itself first.
        .concat({ key: 'druid.host', line: 'druid.host=10.0.0.2' });
      for (const a of lines)
        deleted.push(
          ...lines
            // sed -r reads the key as a pattern: each `.` matches any character.
            .filter(b => b !== a && new RegExp(`${a.key}=`).test(b.line))
            .map(b => `${name}: ${a.key} deletes ${b.key}`),
        );
    }
    expect(deleted).toEqual([]);
  });

  it('runs the query-count monitor only where queries are served, and keeps peons off the exporter port', () => {
    const druid = compose('druid').services;
    for (const name of ['druid-broker', 'druid-historical', 'druid-router'])
      expect(druid[name].environment.druid_monitoring_monitors).toContain(
        'org.apache.druid.server.metrics.QueryCountStatsMonitor',
      );
    for (const name of ['druid-coordinator', 'druid-middlemanager'])
      expect(JSON.stringify(druid[name].environment)).not.toContain(
        'QueryCountStatsMonitor',
      );
    const mm = druid['druid-middlemanager'].environment;
    expect(mm.druid_indexer_fork_property_druid_emitter).toBe('noop');
    expect(mm.druid_emitter).toBeUndefined();
    expect(mm.JAVA_OPTS).toContain('-Ddruid.emitter.prometheus.port=9091');
  });
});

describe('the lakehouse', () => {
  it("puts the metastore's warehouse in the bucket the stack creates", () => {
    const hms = compose('hive-metastore').services['hive-metastore'];
    expect(hms.environment.SERVICE_OPTS).toContain(
      '-Dmetastore.warehouse.dir=s3a://lakehouse/warehouse',
    );
    expect(compose('delta-lake').services['delta-lake'].command[0]).toContain(
      'mc mb --ignore-existing lake/lakehouse',
    );
  });

  it('runs a Hive Metastore that still serves get_table, which Presto calls', () => {
    // HIVE-26537 removed get_table in 4.0.1; 4.0.0 and 3.x keep it.
    const image = compose('hive-metastore').services['hive-metastore'].image;
    const [major, minor, patch] = image.split(':')[1].split('.').map(Number);
    expect(major * 10000 + minor * 100 + patch).toBeLessThan(40001);
  });
});

describe('monitoring', () => {
  it('scrapes the Hive Metastore and Kibana', () => {
    const config = read('configs/prometheus/prometheus.yml');
    expect(config).toMatch(
      /job_name: hive-metastore[\s\S]*?- hive-metastore:9102/,
    );
    expect(config).toMatch(
      /job_name: kibana\n\s+metrics_path: \/probe[\s\S]*?- http:\/\/kibana:5601\/api\/status[\s\S]*?- kibana-exporter:7979/,
    );
  });

  it('queries the metric names the pinned versions expose', () => {
    // Names as each exporter writes them: Druid's prometheus-emitter
    // lower-cases and suffixes counters with _total; Trino's OpenMetrics
    // counters have no suffix; NiFi's values are per component.
    const dashboard = read('configs/grafana/dashboards/overview.json');
    expect(dashboard).toContain('druid_query_count_total');
    expect(dashboard).toContain('druid_query_failed_count_total');
    expect(dashboard).toContain('druid_jetty_numopenconnections');
    expect(dashboard).not.toMatch(/druid_query_count\{|numOpenConnections/);
    expect(dashboard).toContain(
      'trino_execution_name_QueryManager_FailedQueries{',
    );
    expect(dashboard).toMatch(
      /nifi_amount_items_queued\{[^}]*RootProcessGroup/,
    );
  });
});

/**
 * Metric names each pinned version exposes, as read in its source (the
 * descriptor comments cite them). A card query naming anything else fails
 * here until someone checks the name against the version.
 */
const EXPOSED: Record<string, string[]> = {
  // ClickHouse 25.8 PrometheusMetricsWriter: ClickHouseMetrics_*, ClickHouseProfileEvents_*.
  clickhouse: [
    'ClickHouseMetrics_HTTPConnection',
    'ClickHouseMetrics_MemoryTracking',
    'ClickHouseMetrics_Query',
    'ClickHouseMetrics_TCPConnection',
    'ClickHouseProfileEvents_FailedQuery',
  ],
  // Airflow 3.3 metric names through statsd-exporter v0.28 (dots to underscores).
  airflow: [
    'airflow_dag_processing_import_errors',
    'airflow_executor_queued_tasks',
    'airflow_executor_running_tasks',
    'airflow_scheduler_heartbeat',
  ],
  // prometheus-emitter 35.0.1: lower-cased, counters with _total.
  druid: [
    'druid_jetty_numopenconnections',
    'druid_query_count_total',
    'druid_query_failed_count_total',
    'druid_query_time_bucket',
  ],
  elasticsearch: [
    'elasticsearch_cluster_health_number_of_nodes',
    'elasticsearch_cluster_health_status',
    'elasticsearch_cluster_health_unassigned_shards',
    'elasticsearch_indices_docs',
  ],
  grafana: [
    'grafana_http_request_duration_seconds_count',
    'grafana_stat_totals_dashboard',
  ],
  // The JMX exporter agent 1.0.1's JVM metrics.
  'hive-metastore': ['up', 'jvm_memory_used_bytes', 'jvm_threads_current'],
  // services/kibana-exporter/config.yml (json_exporter: object metrics get _info).
  kibana: [
    'kibana_concurrent_connections',
    'kibana_heap_used_bytes',
    'kibana_response_time_avg_ms',
    'kibana_status_overall_info',
  ],
  logstash: [
    'logstash_stats_jvm_mem_heap_used_percent',
    'logstash_stats_pipeline_events_in',
    'logstash_stats_pipeline_events_out',
    'logstash_stats_pipeline_up',
  ],
  // MinIO's v2 cluster metrics (cmd/metrics-v2.go).
  minio: [
    'minio_cluster_bucket_total',
    'minio_cluster_capacity_usable_free_bytes',
    'minio_cluster_nodes_online_total',
    'minio_cluster_usage_total_bytes',
  ],
  mysql: [
    'mysql_global_status_queries',
    'mysql_global_status_threads_connected',
    'mysql_global_status_uptime',
    'mysql_up',
  ],
  // NiFi 2.9 PrometheusMetricsUtil.
  nifi: [
    'nifi_amount_items_queued',
    'nifi_amount_threads_active',
    'nifi_size_content_queued_total',
  ],
  postgresql: [
    'pg_database_size_bytes',
    'pg_stat_database_numbackends',
    'pg_stat_database_xact_commit',
    'pg_up',
  ],
  // services/presto/jmx-exporter.yaml names them.
  presto: [
    'presto_activenodecount',
    'presto_querymanager_failedqueries_total',
    'presto_querymanager_queuedqueries',
    'presto_querymanager_runningqueries',
  ],
  prometheus: ['prometheus_tsdb_head_series', 'up'],
  // Trino 483 OpenMetrics (airlift): counters have no suffix.
  trino: [
    'trino_execution_name_QueryManager_FailedQueries',
    'trino_execution_name_QueryManager_QueuedQueries',
    'trino_execution_name_QueryManager_RunningQueries',
    'trino_node_name_CoordinatorNodeManager_ActiveNodeCount',
  ],
  // ZooKeeper 3.9 Prometheus metrics provider.
  zookeeper: [
    'num_alive_connections',
    'outstanding_requests',
    'znode_count',
    'up',
  ],
};

describe('every status card and dashboard panel', () => {
  it('queries only metrics its pinned version exposes', () => {
    const unknown: string[] = [];
    for (const [id, descriptor] of library.components) {
      for (const card of descriptor.spec.metrics?.card ?? []) {
        // Metric names: identifiers before a selector, not functions or labels.
        const names = [
          ...card.query.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\{/g),
        ].map(m => m[1]);
        for (const name of names)
          if (!(EXPOSED[id] ?? []).includes(name))
            unknown.push(`${id}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('secrets', () => {
  it('gives Airflow a Fernet key that init-env makes as Airflow expects', () => {
    expect(
      compose('airflow').services['airflow-scheduler'].environment,
    ).toMatchObject({
      AIRFLOW__CORE__FERNET_KEY: '${AIRFLOW_FERNET_KEY}',
    });
    expect(read('.env.example')).toMatch(
      /^# format: fernet\nAIRFLOW_FERNET_KEY=$/m,
    );
    // init-env, as a user runs it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-env-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.copyFileSync(
        path.join(dirOf(), '.env.example'),
        path.join(dir, '.env.example'),
      );
      fs.copyFileSync(
        path.join(dirOf(), 'scripts/init-env'),
        path.join(dir, 'scripts/init-env'),
      );
      execFileSync('sh', [path.join(dir, 'scripts/init-env')]);
      const env = fs.readFileSync(path.join(dir, '.env'), 'utf8');
      const fernet = /^AIRFLOW_FERNET_KEY=(.*)$/m.exec(env)![1];
      expect(fernet).toMatch(/^[A-Za-z0-9_-]{43}=$/);
      expect(Buffer.from(fernet, 'base64url')).toHaveLength(32);
      expect(/^NIFI_ADMIN_PASSWORD=(.*)$/m.exec(env)![1]).toMatch(
        /^[0-9a-f]{48}$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // The chart's generated key: validateHelm.test.ts in data-stack-validate.
  });
});

describe('Kubernetes defaults', () => {
  it('runs Elasticsearch single-node in dev, and sets vm.max_map_count for a cluster', async () => {
    const es = (profile: string) =>
      values('elasticsearch', profile).services.elasticsearch;
    const envOf = (profile: string) =>
      Object.fromEntries(es(profile).env.map((e: any) => [e.name, e.value]));
    expect(es('dev').replicas).toBe(1);
    expect(envOf('dev')['discovery.type']).toBe('single-node');
    expect(es('dev').initContainers).toEqual([]);
    expect(envOf('small')['discovery.type']).toBeUndefined();
    expect(es('small').initContainers[0]).toMatchObject({
      name: 'sysctl',
      command: ['sh', '-c', 'sysctl -w vm.max_map_count=262144'],
      securityContext: { runAsUser: 0, privileged: true },
    });
  });
});

describe('downloads at first start', () => {
  it('verifies every file it fetches against a pinned SHA-256', () => {
    const dir = dirOf();
    const urls: string[] = [];
    for (const component of fs.readdirSync(path.join(dir, 'services'))) {
      const file = path.join(dir, `services/${component}/docker-compose.yml`);
      if (!fs.existsSync(file)) continue;
      for (const [name, service] of Object.entries<any>(
        (readYamlFile(file) as any).services,
      )) {
        const text = [service.command, service.entrypoint].flat().join(' ');
        // Hosts outside the stack (a dotted name); stack services are bare names.
        for (const url of text.match(
          /https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+\/[^\s#'";]+/g,
        ) ?? []) {
          urls.push(url);
          expect(`${name}: ${text.includes('sha256sum -c')}`).toBe(
            `${name}: true`,
          );
          // Each URL is followed by its sum (#sum) or checked by name.
          expect(text).toMatch(/[0-9a-f]{64}/);
        }
      }
    }
    expect(urls.length).toBeGreaterThanOrEqual(5);
  });
});

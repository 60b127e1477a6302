import fs from 'node:fs';
import path from 'node:path';
import {
  COMPOSE_YAML,
  parseYaml,
  stringifyYaml,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { formatProblem } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  renderInto,
  shippedLibrary,
  withTemporaryDir,
} from '@big-data-stack/backstage-plugin-data-stack-node/testUtils';
import { validateComposeDir } from './validateStack';

const library = shippedLibrary();

/** Renders a valid stack, breaks one compose file, and returns what the validators say. */
function problemsAfter(
  components: string[],
  file: string,
  breakIt: (doc: any) => void,
): string[] {
  return withTemporaryDir(dir => {
    renderInto(dir, library, components);
    expect(validateComposeDir(dir)).toEqual([]);
    const full = path.join(dir, file);
    const doc = parseYaml(fs.readFileSync(full, 'utf8'), file) as any;
    breakIt(doc);
    fs.writeFileSync(full, stringifyYaml(doc, COMPOSE_YAML));
    return validateComposeDir(dir).map(formatProblem);
  });
}

describe('validateComposeDir', () => {
  it('finds a service defined in two included files', () => {
    const problems = problemsAfter(
      ['trino', 'postgresql'],
      'services/trino/docker-compose.yml',
      doc => {
        doc.services.postgresql = { image: 'postgres:17.7', restart: 'no' };
      },
    );
    expect(problems.join('\n')).toMatch(
      /services\.postgresql: is also defined in services\/\w+\/docker-compose\.yml/,
    );
  });

  it('finds depends_on to a missing service', () => {
    const problems = problemsAfter(
      ['grafana'],
      'services/grafana/docker-compose.yml',
      doc => {
        doc.services.grafana.depends_on = {
          ghost: { condition: 'service_healthy' },
        };
      },
    );
    expect(problems).toContain(
      "services/grafana/docker-compose.yml: services.grafana.depends_on: 'ghost' is not a service of the stack",
    );
  });

  it('finds a waited-for service without a healthcheck', () => {
    const problems = problemsAfter(
      ['airflow'],
      'services/postgresql/docker-compose.yml',
      doc => {
        delete doc.services.postgresql.healthcheck;
      },
    );
    expect(problems.join('\n')).toContain(
      "waits for 'postgresql' to be healthy, but 'postgresql' has no healthcheck",
    );
    expect(problems.join('\n')).toContain(
      'services.postgresql: a long-running service needs a healthcheck',
    );
  });

  it('finds a mounted file that does not exist', () => {
    withTemporaryDir(dir => {
      renderInto(dir, library, ['clickhouse']);
      fs.rmSync(path.join(dir, 'services/clickhouse/prometheus.xml'));
      expect(validateComposeDir(dir).map(p => p.message)).toContain(
        'mounts ./prometheus.xml, which does not exist',
      );
    });
  });

  it('finds an undeclared named volume', () => {
    const problems = problemsAfter(
      ['postgresql'],
      'services/postgresql/docker-compose.yml',
      doc => {
        delete doc.volumes;
      },
    );
    expect(problems.join('\n')).toContain(
      "uses volume 'postgresql-data', which the file does not declare under volumes:",
    );
  });

  it('finds a literal secret and an undeclared variable', () => {
    const problems = problemsAfter(
      ['postgresql'],
      'services/postgresql/docker-compose.yml',
      doc => {
        doc.services.postgresql.environment.POSTGRES_PASSWORD = 'hunter2';
        doc.services.postgresql.environment.EXTRA = '${NOT_IN_ENV_EXAMPLE}';
      },
    );
    expect(problems).toContain(
      'services/postgresql/docker-compose.yml: services.postgresql.environment.POSTGRES_PASSWORD: holds a literal secret; reference a variable from .env instead',
    );
    expect(problems).toContain(
      'services/postgresql/docker-compose.yml: uses ${NOT_IN_ENV_EXAMPLE}, which .env.example does not declare',
    );
  });

  it('finds a port published beyond loopback', () => {
    const problems = problemsAfter(
      ['postgresql'],
      'services/postgresql/docker-compose.yml',
      doc => {
        doc.services.postgresql.ports = ['5432:5432'];
      },
    );
    expect(problems.join('\n')).toContain(
      'publishes "5432:5432" beyond 127.0.0.1',
    );
    expect(problems.join('\n')).toContain('dclint no-unbound-port-interfaces');
  });

  it('runs dclint: an unpinned image and a schema error', () => {
    const problems = problemsAfter(
      ['postgresql'],
      'services/postgresql/docker-compose.yml',
      doc => {
        doc.services.postgresql.image = 'postgres';
        doc.services.postgresql.restart = ['always'];
      },
    );
    expect(problems.join('\n')).toContain('dclint invalid-schema');
    const image = problemsAfter(
      ['postgresql'],
      'services/postgresql/docker-compose.yml',
      doc => {
        doc.services.postgresql.image = 'postgres';
      },
    );
    expect(image.join('\n')).toContain(
      'dclint service-image-require-explicit-tag',
    );
  });

  it('refuses a directory that is not a rendered stack', () => {
    withTemporaryDir(dir =>
      expect(validateComposeDir(dir)[0].message).toContain(
        'does not exist; is this a rendered stack?',
      ),
    );
  });
});

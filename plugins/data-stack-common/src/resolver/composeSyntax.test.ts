import { composeHealthcheckSchema } from '../model/descriptor';
import {
  durationSeconds,
  readComposeText,
  readHealthcheck,
} from './composeSyntax';

describe('readComposeText', () => {
  it('reads ${NAME} as a secret and $$ as one literal dollar', () => {
    expect(readComposeText('jdbc://db?password=${DB_PASSWORD}&x=1')).toEqual([
      'jdbc://db?password=',
      { secret: 'DB_PASSWORD' },
      '&x=1',
    ]);
    expect(readComposeText('"$$USER" $${entry%#*}')).toEqual([
      '"$USER" ${entry%#*}',
    ]);
    expect(readComposeText('${A}${B}')).toEqual([
      { secret: 'A' },
      { secret: 'B' },
    ]);
  });

  it('keeps text that is no reference as it is, the empty string included', () => {
    expect(readComposeText('$(DATASTACK_POD_NAMES)')).toEqual([
      '$(DATASTACK_POD_NAMES)',
    ]);
    expect(readComposeText('')).toEqual(['']);
    // $$ escapes the dollar: what follows is not a reference.
    expect(readComposeText('$${NOT_A_SECRET}')).toEqual(['${NOT_A_SECRET}']);
  });
});

describe('healthchecks', () => {
  it('reads Go durations as seconds', () => {
    expect(durationSeconds('10s')).toBe(10);
    expect(durationSeconds('1m30s')).toBe(90);
    expect(durationSeconds('1h')).toBe(3600);
    expect(durationSeconds('500ms')).toBe(0.5);
  });

  it('reads CMD as a program and CMD-SHELL as a shell line', () => {
    const exec = readHealthcheck(
      composeHealthcheckSchema.parse({
        test: ['CMD', 'pg_isready', '-U', '$$USER'],
        interval: '1m',
      }),
    );
    expect(exec).toEqual({
      command: { exec: [['pg_isready'], ['-U'], ['$USER']] },
      intervalSeconds: 60,
      timeoutSeconds: 5,
      retries: 10,
      startPeriodSeconds: 10,
    });
    const shell = readHealthcheck(
      composeHealthcheckSchema.parse({
        test: ['CMD-SHELL', 'MYSQL_PWD="${ROOT}" mysqladmin ping'],
      }),
    );
    expect(shell.command).toEqual({
      shell: ['MYSQL_PWD="', { secret: 'ROOT' }, '" mysqladmin ping'],
    });
  });

  it('refuses what compose would not run', () => {
    expect(
      composeHealthcheckSchema.safeParse({ test: ['NONE', 'x'] }).success,
    ).toBe(false);
    expect(
      composeHealthcheckSchema.safeParse({
        test: ['CMD', 'true'],
        interval: 'ten seconds',
      }).success,
    ).toBe(false);
  });
});

/*
 * End to end, as a new user on a fresh portal: Create data stack through
 * the form, published on this machine (the shipped default); its System
 * opens with the Data stack tab; Add data stack components proposes a
 * branch whose files are re-rendered and whose plan shows the change; the
 * change page merges it. The built app served by the real backend, Debian's
 * chromium driven by playwright-core, git's own CLI to check the result.
 * Screenshots and timings go to test-output/e2e/.
 */
import { requireBinary } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../__testUtils__/buildApp';
import {
  PortalBackend,
  startPortalBackend,
} from '../__testUtils__/startPortalBackend';
import {
  PortalBrowser,
  openPortalBrowser,
} from '../__testUtils__/portalBrowser';

const STACK = 'e2e-analytics';
const TEAM_LIBRARY = path.resolve(
  __dirname,
  '../../../../examples/team-library',
);
const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

describe('creating and growing a stack from the portal', () => {
  let stacks: string;
  let portal: PortalBackend;
  let browser: PortalBrowser;
  let page: Page;
  const timings: Record<string, number> = {};
  const shot = (name: string) => browser.shot(name);

  beforeAll(async () => {
    requireBinary(['/usr/bin/git'], 'git');
    stacks = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-stacks-'));
    await buildApp();
    portal = await startPortalBackend({
      config: baseUrl => ({
        app: { baseUrl },
        dataStack: {
          publish: { local: { directory: stacks } },
          // A platform team's own library: QuestDB, offered with no template edit.
          library: { directories: [TEAM_LIBRARY] },
        },
      }),
    });
    browser = await openPortalBrowser(portal.baseUrl, 'create-');
    page = browser.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close(timings);
    await portal?.stop();
    fs.rmSync(stacks, { recursive: true, force: true });
  }, 60_000);

  /** Picks an option of a Backstage entity picker (an autocomplete). */
  async function pick(label: string, text: string, option: RegExp) {
    // In the form: the sidebar's "Data stacks" link is labelled too.
    const input = page
      .locator('form')
      .getByLabel(label, { exact: false })
      .first();
    await input.click();
    await input.fill(text);
    await page.getByRole('option', { name: option }).first().click();
  }

  const next = (name = 'Next') => page.getByRole('button', { name }).click();

  it('refuses to go on without a component', async () => {
    await page.goto(
      `${portal.baseUrl}/create/templates/default/create-data-stack`,
    );
    await page
      .locator('form')
      .getByLabel('Name', { exact: false })
      .first()
      .fill(STACK);
    await pick('Owner', 'data-platform', /data-platform/);
    await next();
    await page.getByTestId('layer-storage').waitFor();
    // The team library's component is offered beside the shipped ones,
    // marked, and every choice says what it brings along.
    const questdb = page
      .getByTestId('layer-storage')
      .getByTestId('pick-questdb');
    await expect(questdb.textContent()).resolves.toContain('team library');
    await expect(
      page.getByTestId('adds-delta-lake').textContent(),
    ).resolves.toMatch(/^Adds .*MinIO/);
    await shot('create-team-component');
    await next();
    await page.getByText('choose at least one component').first().waitFor();
    // Still on the Components step.
    await expect(page.getByTestId('layer-storage').isVisible()).resolves.toBe(
      true,
    );
    await shot('create-no-component');
  }, 120_000);

  it('creates the stack on this machine, and its System opens with the Data stack tab', async () => {
    for (const id of ['postgresql', 'trino'])
      await page.getByTestId(`pick-${id}`).getByRole('checkbox').check();
    await shot('create-components');
    await next();
    // The plan of the choice, on the Deployment step.
    await page.getByText(/components in the dev profile/).waitFor();
    await shot('create-deployment');
    await next();
    await page.getByTestId('local-repository').waitFor();
    await page
      .getByText(`A git repository at ${path.join(stacks, STACK)}`, {
        exact: false,
      })
      .waitFor();
    await shot('create-repository');
    await next('Review');
    // The review names each field by its label and the repository readably.
    const review = page.locator('table');
    await review.getByText('Size profile').waitFor();
    await expect(review.textContent()).resolves.not.toContain(
      'dev: one laptop',
    );
    await review.getByText(path.join(stacks, STACK)).waitFor();
    await shot('create-review');

    const started = Date.now();
    await page.getByRole('button', { name: 'Create' }).click();
    const open = page.getByRole('link', {
      name: 'Open the stack in the catalog',
    });
    await open.waitFor({ timeout: 120_000 });
    timings.createTaskMs = Date.now() - started;
    await shot('create-task-done');

    const repo = path.join(stacks, STACK);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'log', '--format=%s')).toBe(
      `Create the ${STACK} data stack`,
    );

    await open.click();
    await page.waitForURL(new RegExp(`/system/${STACK}`));
    await page.getByRole('link', { name: 'Data stack', exact: true }).click();
    // Nothing of the new stack runs: the tab says so once, with the command.
    await page
      .getByText('docker compose up -d', { exact: false })
      .first()
      .waitFor();
    await shot('create-stack-tab');
  }, 240_000);

  it('adds a component as a branch with its plan, and merges it from the change page', async () => {
    await page.goto(
      `${portal.baseUrl}/create/templates/default/add-data-stack-components`,
    );
    await pick('Stack', STACK, new RegExp(STACK));
    await next();
    // The stack's components are present and locked.
    const postgresql = page
      .getByTestId('pick-postgresql')
      .getByRole('checkbox');
    await postgresql.waitFor();
    await expect(postgresql.isChecked()).resolves.toBe(true);
    await expect(postgresql.isDisabled()).resolves.toBe(true);
    await page.getByTestId('pick-clickhouse').getByRole('checkbox').check();
    const change = page.getByTestId('plan-change');
    await change.getByText('ClickHouse').waitFor();
    await expect(change.textContent()).resolves.toMatch(
      /CPU [\d.]+ → [\d.]+ \(\+/,
    );
    await shot('add-components');
    await next('Review');
    await page.getByRole('button', { name: 'Create' }).click();
    const review = page.getByRole('link', {
      name: 'Review and merge the change',
    });
    await review.waitFor({ timeout: 120_000 });
    await shot('add-task-done');

    const repo = path.join(stacks, STACK);
    const branch = 'datastack/add-clickhouse';
    // The branch holds the re-rendered stack; main is untouched.
    expect(
      git(repo, 'diff', '--name-only', 'main', branch).split('\n'),
    ).toEqual(
      expect.arrayContaining([
        'stack.yaml',
        'services/clickhouse/docker-compose.yml',
        'catalog-info.yaml',
      ]),
    );
    expect(git(repo, 'status', '--porcelain')).toBe('');

    await review.click();
    await page.getByTestId('stack-file-patch').waitFor();
    await expect(
      page.getByTestId('stack-file-patch').textContent(),
    ).resolves.toContain('+    - clickhouse');
    await shot('change-page');
    await page.getByRole('button', { name: 'Merge into main' }).click();
    await page.getByTestId('merged').waitFor();
    await shot('change-merged');
    expect(
      fs.existsSync(path.join(repo, 'services/clickhouse/docker-compose.yml')),
    ).toBe(true);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'branch', '--format=%(refname:short)')).toBe('main');
  }, 240_000);
});

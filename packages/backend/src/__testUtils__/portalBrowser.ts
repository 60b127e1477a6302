import { requireBinary } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { repoRoot } from './startPortalBackend';

/** Where the browser tests put their screenshots and timings. */
export const e2eOutDir = path.join(repoRoot, 'test-output/e2e');

/** Debian's chromium signed in to the portal as guest, and what it saw. */
export interface PortalBrowser {
  page: Page;
  /** Saves `<name>.png` of the whole page to test-output/e2e/. */
  shot(name: string): Promise<void>;
  /**
   * Writes `<prefix>timings.json`, the last page and the browser's console
   * errors (for when a step failed), then closes the browser.
   */
  close(timings: Record<string, number>): Promise<void>;
}

/** Opens the portal at `baseUrl` and signs in as guest. */
export async function openPortalBrowser(
  baseUrl: string,
  prefix = '',
): Promise<PortalBrowser> {
  const executablePath = requireBinary(['/usr/bin/chromium'], 'chromium');
  fs.mkdirSync(e2eOutDir, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  const consoleErrors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(baseUrl);
  // Signed in once the guest button is gone and the sidebar is there
  // (the sign-in page shows the portal's title too).
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await enter.waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  return {
    page,
    shot: async name => {
      await page.screenshot({
        path: path.join(e2eOutDir, `${name}.png`),
        fullPage: true,
      });
    },
    close: async timings => {
      fs.mkdirSync(e2eOutDir, { recursive: true });
      fs.writeFileSync(
        path.join(e2eOutDir, `${prefix}timings.json`),
        `${JSON.stringify(timings, null, 2)}\n`,
      );
      await page
        .screenshot({ path: path.join(e2eOutDir, `${prefix}last-page.png`) })
        .catch(() => {});
      fs.writeFileSync(
        path.join(e2eOutDir, `${prefix}console-errors.txt`),
        consoleErrors.join('\n'),
      );
      await browser.close();
    },
  };
}

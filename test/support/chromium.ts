/**
 * A real browser for the web tests: Debian's Chromium, driven by playwright-core, in a fresh
 * profile each time. Installs the package when it is missing and the tests run as root (as CI
 * does); otherwise says how to install it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackage } from './apt.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function ensureChromium(): string {
  ensureDebianPackage(CHROMIUM, 'chromium');
  return CHROMIUM;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with an empty profile of its own, its clock fixed at `now` when given. */
export async function launchBrowser(
  o: { now?: Date; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'writ-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: FLAGS,
    viewport: o.viewport ?? { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  // Fail in seconds, not half a minute: every step here is local.
  context.setDefaultTimeout(10_000);
  if (o.now) await context.clock.setFixedTime(o.now);
  const page = context.pages()[0] ?? (await context.newPage());
  // A script error on a page is a failure of the page, whatever the test was looking at.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length) throw new Error(`script errors on the page: ${errors.join('; ')}`);
    },
  };
}

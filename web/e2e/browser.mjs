// Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium (never a downloaded
// browser), screenshots into e2e/artifacts/, and the check that no page scrolls sideways.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { webDir } from './server.mjs';

export const artifactsDir = path.join(webDir, 'e2e', 'artifacts');
export const phone = { width: 360, height: 740 };
export const desktop = { width: 1440, height: 900 };

export function launchBrowser() {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a screenshot and checks that the page does not scroll sideways at this width. */
export async function shoot(page, name) {
  const { width } = page.viewportSize();
  const size = width <= 400 ? 'phone' : 'desktop';
  await page.screenshot({ path: path.join(artifactsDir, `${name}-${size}.png`), fullPage: true });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${name} at ${width} px scrolls sideways: content is ${scrollWidth} px wide`);
}

/** Screenshots the page at desktop and phone widths. */
export async function shootBoth(page, name) {
  await page.setViewportSize(desktop);
  await shoot(page, name);
  await page.setViewportSize(phone);
  await shoot(page, name);
}

export async function signIn(page, stack, person) {
  await page.goto(`${stack.appUrl}/sign-in`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

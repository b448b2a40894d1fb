// Debian's chromium for the browser tests (puppeteer-core downloads no browser of its own).
import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The browser tests run only when asked (npm run test:browser). */
export const browserTestsEnabled = process.env['XXGK_BROWSER'] === '1';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts headless chromium; a missing browser is an error (the tests were asked for), not a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`XXGK_BROWSER=1 but there is no chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

// Debian's Chromium for the browser tests: installed where missing, launched headless with the
// features that call home turned off, and pages watched for anything that went wrong.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` names another one. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs apt-get (through `sudo -n` unless root) and says whether it succeeded. */
function aptGet(args: string[]): boolean {
  const command = process.getuid?.() === 0 ? ['apt-get', ...args] : ['sudo', '-n', 'apt-get', ...args];
  console.log(`$ ${command.join(' ')}`);
  const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/**
 * Makes sure Chromium is installed, with `apt-get install -y chromium` when it is not (after an
 * `apt-get update` if the package lists do not know it yet), and fails saying what to do otherwise.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${CHROMIUM}, and there is no file there.`);
  console.log(`Chromium is not at ${CHROMIUM}; installing Debian's package.`);
  const installed = aptGet(['install', '-y', 'chromium']) || (aptGet(['update']) && aptGet(['install', '-y', 'chromium']));
  if (!installed || !existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, and installing it failed. ` +
        'Run `sudo apt-get install -y chromium` (Debian or Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return CHROMIUM;
}

/** Switches that keep a test browser quiet: no first-run UI, no background traffic to Google's services. */
const QUIET = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-pings',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
];

/** Launches headless Chromium. Sites' `*.localhost` names resolve to loopback inside Chromium itself. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: QUIET });
}

/**
 * Collects what went wrong on a page from now on: console errors (CSP violations among them),
 * uncaught exceptions, requests that failed and responses of 400 or more.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'no reason'})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

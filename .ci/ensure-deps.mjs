#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (prestart/pretest) so that the README's two
 * commands work on a fresh clone: installs node_modules with `npm ci` when missing or older
 * than package-lock.json, and, for the tests, Debian's Chromium when it is missing and we
 * may install it (root with apt-get); otherwise it says what to install.
 */
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wantBrowser = process.argv.includes('--browser');

const marker = `${root}/node_modules/.package-lock.json`;
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(`${root}/package-lock.json`).mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci) ...');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.status !== 0) process.exit(ci.status ?? 1);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (wantBrowser && !existsSync(chromium)) {
  const canApt = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canApt) {
    console.log('Installing Debian chromium for the browser tests ...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const apt = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env });
    if (apt.status !== 0) process.exit(apt.status ?? 1);
  } else {
    console.warn(`Chromium is missing at ${chromium}: the browser tests need it (Debian: sudo apt-get install chromium, or set CHROMIUM_PATH).`);
  }
}

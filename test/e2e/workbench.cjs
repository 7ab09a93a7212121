// Helpers to drive a VS Code workbench served by code-server with playwright-core and
// Debian's Chromium (never a downloaded browser). Used by test/e2e/ui.cjs and itest-host.cjs.
'use strict';
const path = require('node:path');
const { chromium } = require('playwright-core');

// same clock as scripts/e2e/lib.sh's log lines when started from there
const T0 = +(process.env.E2E_T0_MS || Date.now());
const elapsed = () => ((Date.now() - T0) / 1000).toFixed(1).padStart(5) + 's';
function logger(tag) {
  return (...a) => console.log(`[${tag} ${elapsed()}]`, ...a);
}

async function launch({ width = 1400, height = 900 } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Playwright's own handlers close the browser on a signal but leave the script running;
    // timeout(1) must end the run: close the browser and exit.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(sig, () => {
      console.error(`[${sig}] closing the browser`);
      setTimeout(() => process.exit(code), 3000).unref();
      browser.close().finally(() => process.exit(code));
    });
  }
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { browser, page };
}

/** Collects page errors, console errors and failed requests (reported, not asserted). */
function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message.split('\n')[0]));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text().split('\n')[0].slice(0, 200)); });
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url().slice(0, 120)} ${r.failure()?.errorText ?? ''}`));
  return errors;
}

/** Opens the workbench on `folder` and waits until the Explorer lists `fileName`. */
async function openWorkbench(page, baseUrl, folder, fileName, query = '') {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}${query}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  if (fileName) await explorerRow(page, fileName).waitFor({ state: 'visible', timeout: 60000 });
}

function explorerRow(page, fileName) {
  return page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName });
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-box input');
const quickPick = (page, text) => page.locator('.quick-input-list .monaco-list-row', { hasText: text });

/** Opens the command palette with `>title` typed. */
async function palette(page, title) {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: 10000 });
  await quickInputBox(page).fill('>' + title);
}

/**
 * Waits until the workbench knows an extension's command (its contributions are registered).
 * Opening a file before that silently shows the binary text editor instead of a custom editor.
 * The palette does not refresh while open, so: open, type, look, Escape, retry.
 */
async function waitForCommand(page, title, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await palette(page, title);
    try {
      await quickPick(page, title).first().waitFor({ timeout: 1500 });
      await page.keyboard.press('Escape');
      return attempt;
    } catch {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command "${title}" not in the palette after ${timeoutMs / 1000} s`);
      await page.waitForTimeout(1000);
    }
  }
}

/** Runs a command from the palette (exact title, e.g. "Wirelane: Show Capture Info"). */
async function runCommand(page, title) {
  await palette(page, title);
  const row = quickPick(page, title).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  // done when the palette has closed, or the command has put its own question in the quick input
  await page.waitForFunction(() => {
    const w = document.querySelector('.quick-input-widget');
    if (!w || getComputedStyle(w).display === 'none' || w.getClientRects().length === 0) return true;
    const input = w.querySelector('.quick-input-box input');
    return !!input && !input.value.startsWith('>');
  }, null, { timeout: 10000 });
}

/** Focus back on the workbench (a webview keeps keyboard focus otherwise). */
async function focusWorkbench(page) {
  await page.locator('.part.sidebar .title-label').first().click();
}

async function closeAllEditors(page) {
  await focusWorkbench(page);
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
}

/**
 * The content frame of the visible webview: VS Code puts each webview in an
 * <iframe class="webview ready"> (host page) that holds <iframe id="active-frame"> (our HTML).
 * Webviews of background editors stay in the DOM but hidden, hence :visible.
 */
function webview(page) {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().frameLocator('iframe#active-frame');
}

async function shot(page, dir, name, log) {
  const file = path.join(dir, name + '.png');
  await page.screenshot({ path: file });
  if (log) log('screenshot', path.relative(process.cwd(), file));
  return file;
}

module.exports = {
  logger, launch, collectErrors, openWorkbench, explorerRow, palette, quickInput, quickInputBox, quickPick,
  waitForCommand, runCommand, focusWorkbench, closeAllEditors, webview, shot,
};

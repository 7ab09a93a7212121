/**
 * Runs the built webview bundle (dist/webview.js + media/webview.css) in headless Chromium with
 * the same HTML shell and CSP as the extension's webviewHtml(), a stub acquireVsCodeApi() whose
 * postMessage goes to a Backend in Node (Playwright exposeFunction), and the backend's replies
 * delivered with window.postMessage — the way VS Code delivers them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/shared/protocol';
import { ROOT, type Backend } from './backend';
import { THEMES, type ThemeName } from './themes';

export const ORIGIN = 'https://wirelane.test';
export const RESULTS = path.join(ROOT, 'test-results', 'webview');
const NONCE = 'dGVzdG5vbmNlMDEyMzQ1Njc4OQ';

export const CHROMIUM = process.env.WIRELANE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Rebuilds dist/ (scripts/build.mjs) when the webview bundle is missing or older than its sources. */
function ensureBundle(): void {
  const bundle = path.join(ROOT, 'dist', 'webview.js');
  const sources = Math.max(newest(path.join(ROOT, 'src', 'webview')), newest(path.join(ROOT, 'src', 'shared')));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (scripts/ci-setup.sh browser)`);
  ensureBundle();
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** The extension's webview shell (src/extension/webviewHtml.ts) with the test origin as cspSource. */
function shell(theme: ThemeName): string {
  const csp = [
    "default-src 'none'", `img-src ${ORIGIN} data:`, `style-src ${ORIGIN}`, `font-src ${ORIGIN}`, `script-src 'nonce-${NONCE}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${ORIGIN}/media/webview.css">
<title>test</title></head>
<body class="${THEMES[theme].bodyClass}"><main id="app" aria-live="polite">Reading…</main>
<script nonce="${NONCE}" src="${ORIGIN}/dist/webview.js"></script></body></html>`;
}

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /**
   * 'editor' answers `ready` like the capture editor; 'summary' like "Show Capture Info";
   * 'manual' leaves `ready` to the test (which sends progress/connections itself).
   */
  mode?: 'editor' | 'summary' | 'manual';
  /** Initial webview state (what getState() returns), e.g. { spacing: 'rows' }. */
  state?: Record<string, unknown>;
}

export class WebviewPage {
  readonly received: FromWebview[] = [];
  readonly errors: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(readonly page: Page, readonly backend: Backend) {}

  static async open(browser: Browser, backend: Backend, opts: OpenOptions = {}): Promise<WebviewPage> {
    const theme = opts.theme ?? 'dark';
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 } });
    page.setDefaultTimeout(8000);
    const w = new WebviewPage(page, backend);
    page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') w.errors.push(`console: ${m.text()}`); });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/' || url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: shell(theme) });
      const file = path.join(ROOT, url.pathname);
      if ((url.pathname.startsWith('/dist/') || url.pathname.startsWith('/media/')) && existsSync(file)) {
        return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream', body: readFileSync(file) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    await page.exposeFunction('__wirelanePost', (m: FromWebview) => { w.onWebview(m, opts.mode ?? 'editor'); });
    // A string, not a function: tsx would wrap a function's inner helpers in __name(), unknown in the page.
    await page.addInitScript(`(() => {
      const vars = ${JSON.stringify(THEMES[theme].vars)};
      let saved = ${JSON.stringify(opts.state ?? null)} ?? undefined;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__wirelanePost(m),
        getState: () => saved,
        setState: (s) => { saved = s; },
      });
      window.__csp = [];
      window.__alerts = [];
      window.alert = (m) => { window.__alerts.push(String(m)); };
      document.addEventListener('securitypolicyviolation', (e) => { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });
      // VS Code puts the theme's variables on <html>, which does not exist yet when this runs.
      const apply = () => {
        const html = document.documentElement;
        if (!html) return false;
        for (const [k, v] of Object.entries(vars)) html.style.setProperty(k, v);
        return true;
      };
      if (!apply()) {
        const mo = new MutationObserver(() => { if (apply()) mo.disconnect(); });
        mo.observe(document, { childList: true });
      }
    })();`);
    await page.goto(`${ORIGIN}/index.html`);
    return w;
  }

  private onWebview(m: FromWebview, mode: 'editor' | 'summary' | 'manual'): void {
    this.received.push(m);
    switch (m.type) {
      case 'ready':
        if (mode === 'manual') return;
        if (mode === 'summary') { if (this.backend.summary) this.send({ type: 'summary', summary: this.backend.summary }); return; }
        this.send({ type: 'connections', captureStart: this.backend.captureStart, rows: this.backend.rows, done: true });
        if (this.backend.summary) this.send({ type: 'summary', summary: this.backend.summary });
        return;
      case 'selectionChanged': case 'export': case 'revealFrame':
        return;
      default:
        this.chain = this.chain.then(async () => this.deliver(await this.backend.handle(m)));
    }
  }

  /** Sends a message to the webview (in order after the replies queued before it). */
  send(m: unknown): Promise<void> {
    const p = this.chain.then(() => this.deliver(m));
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async deliver(m: unknown): Promise<void> {
    if (this.page.isClosed()) return;
    // As JSON text, like VS Code (Playwright's own argument serialization is slow for big messages).
    await this.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(m as ToWebview) ?? 'null').catch(() => undefined);
  }

  /** Waits until the webview has posted a message matching `pred`. */
  async waitForMessage<T extends FromWebview>(pred: (m: FromWebview) => m is T, timeoutMs = 10_000): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const found = this.received.find(pred);
      if (found) return found;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no matching message within ${timeoutMs} ms; got ${this.received.map((x) => x.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async securityReport(): Promise<{ csp: string[]; alerts: string[] }> {
    return this.page.evaluate(() => {
      const w = window as unknown as { __csp: string[]; __alerts: string[] };
      return { csp: w.__csp, alerts: w.__alerts };
    });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(RESULTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

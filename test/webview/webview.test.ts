/**
 * The Wirelane webview in headless Chromium: the built bundle, the extension's HTML shell and
 * CSP, a stub of the VS Code webview API, and a "fake extension" answering from real captures
 * decoded by the core (see harness.ts, backend.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FromWebview, SegmentRow } from '../../src/shared/protocol';
import { captureBackend, ROOT, syntheticBackend, type Backend } from './backend';
import { launch, RESULTS, WebviewPage, type OpenOptions } from './harness';
import { HOSTILE, HOSTILE_FILE, hostileCapture } from './hostile';
import { explainHandshake } from '../../src/core/explain';
import { track } from '../unit/helpers/analyze';

const ROWS = { spacing: 'rows' } as const;

function fixture(rel: string): Promise<Backend> {
  const file = path.join(ROOT, rel);
  return captureBackend(new Uint8Array(readFileSync(file)), file);
}

async function segmentsOf(b: Backend, stream: number, count: number): Promise<SegmentRow[]> {
  const r = await b.handle({ type: 'getSegments', stream, from: 0, count });
  assert.equal(r.type, 'segments');
  return (r as { rows: SegmentRow[] }).rows;
}

const isExport = (m: FromWebview): m is Extract<FromWebview, { type: 'export' }> => m.type === 'export';

describe('webview in Chromium (Playwright)', function () {
  let browser: Browser;
  const pages: WebviewPage[] = [];

  before(async function () {
    this.timeout(20_000);
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  async function open(b: Backend, opts: OpenOptions = {}): Promise<WebviewPage> {
    const w = await WebviewPage.open(browser, b, opts);
    pages.push(w);
    return w;
  }

  afterEach(async function () {
    for (const w of pages.splice(0)) {
      const sec = await w.securityReport().catch(() => ({ csp: [], alerts: [] }));
      await w.close();
      // Every test also checks: no script error, no CSP violation, no alert.
      if (this.currentTest?.state === 'passed') {
        assert.deepEqual(w.errors, [], 'page errors');
        assert.deepEqual(sec.csp, [], 'CSP violations');
        assert.deepEqual(sec.alerts, [], 'alerts');
      }
    }
  });

  it('lists every connection (data-stream) and draws one element per segment (data-frame, aria-label)', async () => {
    const b = await fixture('media/sample/connections.pcapng');
    const w = await open(b, { state: ROWS });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="17"]');
    assert.deepEqual(await page.$$eval('.conn-row[data-stream]', (es) => es.map((e) => e.getAttribute('data-stream'))), ['0', '1', '2']);
    const frames = await page.$$eval('g.seg[data-frame]', (es) => es.map((e) => Number(e.getAttribute('data-frame'))).sort((a, c) => a - c));
    assert.deepEqual(frames, Array.from({ length: 17 }, (_, i) => i + 1));
    const label = await page.getAttribute('g.seg[data-frame="2"]', 'aria-label');
    assert.match(label ?? '', /^Frame 2, server to client, SYN, ACK, seq 0 \(raw \d+\), ack 1 \(raw \d+\)/);
    // Another connection.
    await page.click('.conn-row[data-stream="1"]');
    await page.waitForSelector('g.seg[data-frame="34"]');
    const second = await page.$$eval('g.seg[data-frame]', (es) => es.map((e) => Number(e.getAttribute('data-frame'))).sort((a, c) => a - c));
    assert.deepEqual(second, Array.from({ length: 17 }, (_, i) => i + 18));
    assert.equal(await page.getAttribute('.conn-row[data-stream="1"]', 'aria-selected'), 'true');
    assert.ok(w.received.some((m) => m.type === 'selectConnection' && m.stream === 1));
  });

  it('virtualizes: only the rows in view are in the DOM, and scrolling renders later frames', async () => {
    const b = await fixture('test/fixtures/bulk.pcap');
    const rows = await segmentsOf(b, 0, 10_000);
    assert.ok(rows.length > 300);
    const w = await open(b, { state: ROWS, height: 700 });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="1"]');
    const view = await page.$eval('.lane-scroller', (e) => e.clientHeight);
    const expected = Math.ceil(view / 32) + 1; // rows intersecting the viewport
    const count = await page.locator('g.seg[data-frame]').count();
    assert.ok(count >= expected - 2 && count <= expected + 3, `${count} rows rendered for ${expected} visible`);
    assert.ok(count < rows.length / 5);
    // Scroll to the end: the last frames are rendered, the first are gone.
    const last = rows[rows.length - 1].frame;
    await page.$eval('.lane-scroller', (e) => { e.scrollTop = e.scrollHeight; });
    await page.waitForSelector(`g.seg[data-frame="${last}"]`);
    assert.equal(await page.locator('g.seg[data-frame="1"]').count(), 0);
    assert.ok((await page.locator('g.seg[data-frame]').count()) <= expected + 3);
    // Three quarters of the way through the connection's time, via the overview strip.
    const t = rows[0].time + 0.75 * (rows[rows.length - 1].time - rows[0].time);
    const near = rows.reduce((best, r) => (Math.abs(r.time - t) < Math.abs(best.time - t) ? r : best));
    await page.$eval('.lane-scroller', (e) => { e.scrollTop = 0; });
    await page.waitForSelector('g.seg[data-frame="1"]');
    const box = (await page.locator('.overview').boundingBox())!;
    await page.mouse.click(box.x + 2 + 0.75 * (box.width - 4), box.y + box.height / 2);
    await page.waitForSelector(`g.seg[data-frame="${near.frame}"]`);
    assert.equal(await page.locator('g.seg[data-frame="1"]').count(), 0);
  });

  it('a 1,000,000-segment connection: bounded DOM, paged requests, smooth scrolling', async function () {
    this.timeout(30_000);
    const n = 1_000_000;
    const w = await open(syntheticBackend(n), { state: ROWS, height: 800 });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="1"]');
    const requests = w.received.filter((m) => m.type === 'getSegments');
    assert.ok(requests.every((m) => m.type === 'getSegments' && m.count <= 10_000));
    // Time the frames (requestAnimationFrame intervals) while scrolling: real mouse-wheel
    // events of 100 px, about one a frame; then scrollbar-like jumps (scrollTop += 200 … 5000 px
    // a frame, each a new page of segments), which are only reported.
    const record = `(() => {
      window.__frames = []; window.__stop = false;
      let last = performance.now();
      const tick = (now) => { window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`;
    const box = (await page.locator('.lane-scroller').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(record);
    for (let k = 0; k < 60; k++) {
      await page.mouse.wheel(0, 100);
      await new Promise((r) => setTimeout(r, 16));
    }
    const wheelTimes = await page.evaluate('(() => { window.__stop = true; return window.__frames.slice(1); })()') as number[];
    const rowsMoved = await page.$$eval('g.seg[data-index]', (es) => Math.min(...es.map((e) => Number(e.getAttribute('data-index')))));
    const jumpTimes = await page.evaluate(`(async () => {
      const s = document.querySelector('.lane-scroller');
      const out = [];
      let last = performance.now();
      for (let k = 0; k < 60; k++) {
        s.scrollTop += 200 + k * 80;
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        out.push(now - last);
        last = now;
      }
      return out;
    })()`) as number[];
    const stats = (times: number[]) => {
      const sorted = [...times].sort((a, c) => a - c);
      const q = (f: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))] * 10) / 10;
      return { frames: times.length, p50: q(0.5), p95: q(0.95), max: q(1) };
    };
    const wheel = stats(wheelTimes);
    const jumps = stats(jumpTimes);
    writeFileSync(path.join(RESULTS, 'scroll-1M.json'), JSON.stringify({ segments: n, wheel, jumps, note: 'rAF intervals in ms, headless Chromium with --disable-gpu (software raster)' }, null, 2));
    assert.ok(wheel.p95 < 50, `wheel scroll frame p95 ${wheel.p95} ms`);
    // 60 wheel steps of 100 px move the diagram by about 6,000 px (~190 rows), not scale × that.
    assert.ok(rowsMoved > 100 && rowsMoved < 400, `wheel moved to row ${rowsMoved}`);
    await page.waitForSelector('g.seg[data-frame]');
    const shown = await page.$$eval('g.seg[data-frame]', (es) => es.map((e) => Number(e.getAttribute('data-frame'))));
    assert.ok(shown.length > 0 && Math.min(...shown) > 20_000, `rendered frames ${shown.slice(0, 3).join(',')}…`);
    const inDom = await page.locator('g.seg').count();
    assert.ok(inDom < 45, `${inDom} rows in the DOM`);
    // Jump to the end with the keyboard: the last segment is rendered and focused.
    await page.locator('g.seg').first().focus();
    await page.keyboard.press('End');
    await page.waitForSelector(`g.seg[data-frame="${n}"]`);
    await page.waitForFunction((f) => document.activeElement?.getAttribute('data-frame') === String(f), n);
    const scrollHeight = await page.$eval('.lane-scroller', (e) => e.scrollHeight);
    assert.ok(scrollHeight <= 4_000_000 + 1000, `scrollHeight ${scrollHeight}`);
    assert.ok((await page.locator('g.seg').count()) < 45);
  });

  it('the connections list is virtualized too (50,000 connections)', async () => {
    const w = await open(syntheticBackend(100, 50_000), { state: ROWS, height: 700 });
    const { page } = w;
    await page.waitForSelector('.conn-row[data-stream="0"]');
    assert.ok((await page.locator('.conn-row').count()) < 40);
    assert.equal(await page.textContent('.count'), '50,000 connections');
    await page.focus('.conn-scroller');
    await page.keyboard.press('End');
    await page.waitForSelector('.conn-row[data-stream="49999"][aria-selected="true"]');
    await page.fill('input.filter', '10.0.100.7:');
    assert.deepEqual(await page.$$eval('.conn-row', (es) => es.map((e) => e.getAttribute('data-stream'))), [String(100 * 256 + 7)]);
  });

  it('opens every fixture capture and each of its connections without an error', async function () {
    this.timeout(40_000);
    const dirs = ['test/fixtures', 'media/sample'];
    const files = dirs.flatMap((d) => readdirSync(path.join(ROOT, d)).filter((f) => /\.(pcap|pcapng)$/.test(f)).map((f) => `${d}/${f}`));
    assert.ok(files.length >= 10);
    for (const f of files) {
      const b = await fixture(f);
      const w = await open(b, { state: ROWS, height: 600 });
      const { page } = w;
      for (const r of b.rows.slice(0, 4)) {
        if (r.stream !== b.rows[0].stream) await page.click(`.conn-row[data-stream="${r.stream}"]`);
        const first = (await segmentsOf(b, r.stream, 1))[0];
        await page.waitForSelector(`g.seg[data-frame="${first.frame}"]`);
        const labels = await page.locator('text.state-label').count();
        assert.ok(labels > 0, `${f} #${r.stream}: no state labels`);
      }
      assert.deepEqual(w.errors, [], f);
      pages.splice(pages.indexOf(w), 1);
      await w.close();
    }
  });

  it('shows the RFC 9293 states on both lanes for a normal open/close, with TIME_WAIT shaded', async () => {
    const w = await open(await fixture('test/fixtures/lo-ipv4.pcap'), { state: ROWS });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="17"]');
    const labels = (side: string) => page.$$eval(`text.state-label[data-side="${side}"]`, (es) => es.map((e) => e.textContent ?? ''));
    const client = (await labels('client')).join(' | ');
    const server = (await labels('server')).join(' | ');
    for (const s of ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']) assert.ok(client.includes(s), `client lane lacks ${s}: ${client}`);
    for (const s of ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']) assert.ok(server.includes(s), `server lane lacks ${s}: ${server}`);
    assert.equal(client, 'CLOSED | SYN_SENT | ESTABLISHED | FIN_WAIT_1 | FIN_WAIT_2 | TIME_WAIT');
    assert.equal(server, 'LISTEN | SYN_RECEIVED | ESTABLISHED | CLOSE_WAIT | LAST_ACK | CLOSED');
    // The client's TIME_WAIT band is hatched, lasts 2·MSL and ends in CLOSED after the capture.
    assert.equal(await page.textContent('text.state-label.projected'), 'CLOSED (after the capture)');
    const fill = await page.$eval('rect.band.st-tw', (e) => getComputedStyle(e).fill);
    assert.match(fill, /url\("?#tw-hatch"?\)/);
    assert.ok((await page.textContent('svg.diagram'))!.includes('2·MSL = 60 s'));
  });

  it('hovering the SYN-ACK explains it in a role="tooltip" with the server ISN and ack = client ISN + 1', async () => {
    const b = await fixture('test/fixtures/lo-ipv4.pcap');
    const [syn, synAck] = await segmentsOf(b, 0, 2);
    const clientIsn = syn.seqRaw;
    const serverIsn = synAck.seqRaw;
    assert.equal(synAck.ackRaw, (clientIsn + 1) >>> 0);
    const w = await open(b);
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="2"]');
    await page.hover('g.seg[data-frame="2"]', { position: { x: 320, y: 20 }, force: true });
    const tip = page.locator('[role="tooltip"]');
    await tip.waitFor({ state: 'visible' });
    await page.waitForFunction((isn) => (document.querySelector('[role="tooltip"]')?.textContent ?? '').includes(String(isn)), serverIsn);
    const text = (await tip.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(String(serverIsn)), text);
    assert.match(text, new RegExp(`ack = (x\\+1 = )?${clientIsn}\\s*\\+\\s*1\\b`), text);
    assert.ok(w.received.some((m) => m.type === 'explain' && m.frame === 2));
    // The explanation's related frame (the SYN it acknowledges) is highlighted.
    assert.ok(await page.$eval('g.seg[data-frame="1"]', (e) => e.classList.contains('related')));
    // A DOM tooltip, not a native title; paragraphs are text.
    assert.equal(await page.locator('.lane [title]').count(), 0);
    assert.ok((await tip.locator('p').count()) >= 2);
    assert.equal(b.explainSource === 'core' || b.explainSource === 'harness', true);
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'hidden' });
    assert.ok(!(await page.$eval('g.seg[data-frame="1"]', (e) => e.classList.contains('related'))));
  });

  it('keyboard: Enter from the list enters the lane, ↑/↓ move, Enter pins details (fields + hex), Esc clears, / focuses the filter', async () => {
    const w = await open(await fixture('test/fixtures/lo-ipv4.pcap'), { state: ROWS });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="17"]');
    await page.focus('.conn-scroller');
    await page.keyboard.press('Enter');
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-frame') ?? document.activeElement?.className ?? null);
    assert.equal(await active(), '1');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await active(), '4');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(), '3');
    await page.keyboard.press('ArrowDown');
    // Focus is visible: the focused row is marked and outlined.
    assert.ok(await page.$eval('g.seg[data-frame="4"]', (e) => e.classList.contains('focused')));
    const stroke = await page.$eval('g.seg[data-frame="4"] rect.hit', (e) => getComputedStyle(e).stroke);
    assert.notEqual(stroke, 'none');
    // The keyboard focus shows its explanation too.
    await page.waitForFunction(() => /Frame 4/.test(document.querySelector('[role="tooltip"]')?.textContent ?? ''));
    await page.keyboard.press('Enter');
    const details = page.locator('aside.details');
    await details.waitFor({ state: 'visible' });
    await page.waitForSelector('aside.details pre.hexdump');
    const dtext = await details.innerText();
    assert.match(dtext, /Frame 4/);
    assert.match(dtext, /Sequence number/);
    const hex = await page.textContent('aside.details pre.hexdump');
    assert.match(hex ?? '', /^0000 {2}[0-9a-f]{2} /);
    assert.match(hex ?? '', /\n0010 {2}/);
    assert.ok(w.received.some((m) => m.type === 'details' && m.frame === 4));
    assert.ok(w.received.some((m) => m.type === 'selectionChanged' && m.frame === 4));
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('filter')), true);
    await page.keyboard.type('zzz');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('input.filter'), '');
  });

  it('filters by port, state and flag name, sorts by column, and can put problems first', async () => {
    const w = await open(await fixture('media/sample/connections.pcapng'), { state: ROWS });
    const { page } = w;
    await page.waitForSelector('.conn-row[data-stream="2"]');
    const streams = () => page.$$eval('.conn-row[data-stream]', (es) => es
      .sort((a, c) => a.getBoundingClientRect().top - c.getBoundingClientRect().top).map((e) => e.getAttribute('data-stream')));
    const filter = async (q: string) => { await page.fill('input.filter', q); return streams(); };
    assert.deepEqual(await filter('18091'), ['2']);
    assert.deepEqual(await filter('REJ'), ['2']);
    assert.deepEqual(await filter('rst'), ['2']);
    assert.deepEqual(await filter('41091'), ['1']);
    assert.deepEqual(await filter('127.0.0.1 fin-4way'), ['0', '1']);
    assert.deepEqual(await filter('tcp.analysis.zero_window'), []);
    assert.match((await page.textContent('.conn-empty')) ?? '', /No connection matches/);
    await page.focus('input.filter');
    await page.keyboard.press('Escape');
    assert.deepEqual(await streams(), ['0', '1', '2']);
    // Sort by packets (ascending, then descending).
    await page.click('.conn-head .c-pkts');
    assert.equal(await page.getAttribute('.conn-head .c-pkts', 'aria-sort'), 'descending');
    assert.equal((await streams())[2], '2');
    await page.click('.conn-head .c-pkts');
    assert.equal(await page.getAttribute('.conn-head .c-pkts', 'aria-sort'), 'ascending');
    assert.equal((await streams())[0], '2');
    await page.click('.conn-head .c-stream');
    await page.click('button.problems-first');
    assert.deepEqual(await streams(), ['2', '0', '1']);
    // ↓ in the list selects the next connection.
    await page.click('.conn-row[data-stream="2"]');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getAttribute('.conn-row[data-stream="0"]', 'aria-selected'), 'true');
  });

  it('renders hostile capture strings (pcapng comments, names, file name) as literal text', async () => {
    const b = await captureBackend(hostileCapture(), HOSTILE_FILE);
    assert.ok(b.summary!.comments.includes(HOSTILE.img));
    for (const mode of ['editor', 'summary'] as const) {
      const w = await open(b, { mode, state: ROWS });
      const { page } = w;
      await page.waitForFunction((t) => document.body.textContent!.includes(t), HOSTILE.script);
      if (mode === 'editor') await page.waitForSelector('g.seg[data-frame="17"]');
      const text = await page.evaluate(() => document.body.textContent ?? '');
      // Everything the protocol carries from the capture: SHB comments, interface name, file name.
      for (const s of [HOSTILE.img, HOSTILE.script, HOSTILE.iface]) assert.ok(text.includes(s), `${mode}: ${s} not shown as text`);
      assert.ok(text.includes(`${HOSTILE.img}.pcapng`));
      const dom = await page.evaluate(() => ({
        injected: document.querySelectorAll('img, iframe, object, embed, b, main svg:not(.diagram):not(.legend-swatch)').length,
        scripts: document.scripts.length,
        handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
      }));
      assert.deepEqual(dom, { injected: 0, scripts: 1, handlers: 0 }, mode);
      await page.waitForTimeout(100);
      assert.deepEqual((await w.securityReport()).alerts, []);
      await w.screenshot(`hostile-${mode}`);
    }
  });

  it('ignores messages that fail isToWebview, and replies for another connection', async () => {
    const b = await fixture('test/fixtures/lo-ipv4.pcap');
    const w = await open(b, { state: ROWS });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="17"]');
    const before = await page.$eval('#app', (e) => e.innerHTML);
    for (const m of [null, 'segments', 42, { type: 'bogus' }, { type: 'segments', stream: -1, from: 0, rows: [] },
      { type: 'connections', captureStart: '0', rows: 'x', done: true }, { type: 'explanation', stream: 0 },
      { type: 'segments', stream: 7, from: 0, rows: [{ frame: 999 }] }, { type: 'error' }, { type: 'connection', detail: null }]) {
      await w.send(m);
    }
    await page.waitForTimeout(100);
    assert.equal(await page.$eval('#app', (e) => e.innerHTML), before);
    assert.equal(await page.locator('g.seg[data-frame]').count(), 17);
  });

  it('raw/relative numbers, time spacing with collapsed idle gaps', async () => {
    const b = await fixture('test/fixtures/keepalive.pcap');
    const [, synAck] = await segmentsOf(b, 0, 2);
    const w = await open(b, { state: { spacing: 'time' } });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="2"]');
    assert.match((await page.textContent('g.seg[data-frame="2"] .seg-nums'))!, /^seq=0 ack=1 /);
    await page.click('button[aria-label^="Show raw"]');
    assert.match((await page.textContent('g.seg[data-frame="2"] .seg-nums'))!, new RegExp(`^seq=${synAck.seqRaw} ack=${synAck.ackRaw} `));
    // keepalive.pcap idles for seconds between probes: time spacing collapses those gaps.
    await page.waitForSelector('.gap-text');
    assert.match((await page.textContent('.gap-text'))!, /^idle [\d.]+ (s|ms) \(collapsed\)$/);
    const y = (f: number) => page.$eval(`g.seg[data-frame="${f}"]`, (e) => e.getBoundingClientRect().top);
    const timeGap = (await y(3)) - (await y(2));
    await page.click('button[aria-label^="Space segments by time"]');
    await page.waitForFunction(() => !document.querySelector('.gap-text'));
    assert.equal(Math.round((await y(3)) - (await y(2))), 32);
    assert.ok(timeGap >= 32);
  });

  it('exports SVG text, a PNG data URL, and asks the extension for Mermaid', async function () {
    this.timeout(20_000);
    const w = await open(await fixture('test/fixtures/lo-ipv4.pcap'), { theme: 'light', state: ROWS });
    const { page } = w;
    await page.waitForSelector('g.seg[data-frame="17"]');
    await page.click('button[aria-label="Export the diagram as SVG"]');
    const svg = await w.waitForMessage((m): m is Extract<FromWebview, { type: 'export' }> => isExport(m) && m.format === 'svg');
    assert.equal(svg.stream, 0);
    assert.ok(svg.data?.startsWith('<?xml'));
    assert.match(svg.data!, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.data!.match(/data-frame="/g) ?? []).length, 17);
    for (const s of ['TIME_WAIT', 'LAST_ACK', '127.0.0.1:41100', 'SYN, ACK']) assert.ok(svg.data!.includes(s), s);
    assert.ok(!svg.data!.includes('var(--'), 'theme variables are resolved');
    writeFileSync(path.join(RESULTS, 'export-lo-ipv4.svg'), svg.data!);
    await page.click('button[aria-label="Export the diagram as PNG"]');
    const png = await w.waitForMessage((m): m is Extract<FromWebview, { type: 'export' }> => isExport(m) && m.format === 'png');
    assert.match(png.data ?? '', /^data:image\/png;base64,/);
    const bytes = Buffer.from(png.data!.slice(png.data!.indexOf(',') + 1), 'base64');
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    assert.ok(bytes.length > 5000);
    writeFileSync(path.join(RESULTS, 'export-lo-ipv4.png'), bytes);
    await page.click('button[aria-label="Export the diagram as a Mermaid sequence diagram"]');
    const mm = await w.waitForMessage((m): m is Extract<FromWebview, { type: 'export' }> => isExport(m) && m.format === 'mermaid');
    assert.equal(mm.data, undefined);
  });

  it('streams connections while the capture loads, then shows the summary and its diagnostics', async () => {
    // A capture cut in the middle of its last record: the reader reports it, the rest is shown.
    const whole = new Uint8Array(readFileSync(path.join(ROOT, 'test', 'fixtures', 'lo-ipv4.pcap')));
    const b = await captureBackend(whole.subarray(0, whole.length - 20), '/captures/cut.pcap');
    assert.ok(b.summary!.diagnostics.length > 0);
    const w = await open(b, { mode: 'manual', state: ROWS });
    const { page } = w;
    await w.waitForMessage((m): m is FromWebview => m.type === 'ready');
    await w.send({ type: 'progress', bytes: 500, total: 1000, connections: 1, done: false });
    await w.send({ type: 'connections', captureStart: b.captureStart, rows: b.rows, done: false });
    await page.waitForSelector('.conn-row[data-stream="0"]');
    assert.match((await page.textContent('header .status'))!, /Reading… 50% · 1 connections/);
    assert.match((await page.textContent('.count'))!, /1 connection so far/);
    await page.waitForSelector('g.seg[data-frame="1"]'); // the first connection is selected as soon as it is known
    await w.send({ type: 'progress', bytes: 1000, total: 1000, connections: 1, done: true });
    await w.send({ type: 'summary', summary: b.summary });
    await w.send({ type: 'connections', captureStart: b.captureStart, rows: b.rows, done: true });
    await page.waitForFunction(() => document.querySelector('header h1')?.textContent === 'cut.pcap');
    const diag = page.locator('button.diag-btn');
    assert.match((await diag.textContent())!, /⚠ 1 diagnostic/);
    assert.equal(await page.isVisible('.diag-panel'), false, 'a warning does not open the diagnostics by itself');
    await diag.click();
    assert.equal(await diag.getAttribute('aria-expanded'), 'true');
    assert.match((await page.textContent('.diag-panel'))!, /warning offset 2108, frame 17: frame 17 is cut short/);
    await diag.click();
    assert.equal(await page.isVisible('.diag-panel'), false);
    assert.equal(await page.textContent('.count'), '1 connection');
  });

  it('"Show Capture Info" (summary only) still renders the summary page', async () => {
    const b = await fixture('media/sample/connections.pcapng');
    const w = await open(b, { mode: 'summary', theme: 'light' });
    const { page } = w;
    await page.waitForSelector('table.facts');
    const text = await page.textContent('#app');
    assert.match(text ?? '', /connections\.pcapng/);
    assert.match(text ?? '', /TCP packets36/);
    assert.equal(await page.locator('.conns').count(), 0);
    await w.screenshot('summary-light');
  });

  it('the explanation view tells the handshake step by step; a frame button asks to show it in the swimlane', async () => {
    const b = await fixture('test/fixtures/lo-ipv4.pcap');
    const w = await open(b, { mode: 'manual', theme: 'dark' });
    const { page } = w;
    const tracker = track('test/fixtures/lo-ipv4.pcap');
    const n = explainHandshake(tracker, 0, 'en', 'text');
    const isn = tracker.connections[0].dirs[tracker.connections[0].clientIndex].isn;
    await w.send({ type: 'narrative', narrative: { kind: n.kind, stream: 0, title: n.title, summary: n.summary, steps: n.steps, sections: n.sections } });
    await page.waitForSelector('.narrative-page li.step');
    assert.equal(await page.locator('.narrative-page li.step').count(), 3);
    const text = (await page.textContent('#app')) ?? '';
    assert.ok(text.includes(`ack = x+1 = ${isn}+1 = ${isn + 1}`), 'the SYN-ACK step shows the +1 arithmetic with the real ISN');
    assert.match(text, /Why three steps/i);
    await page.click('.narrative-page button.frame-link[data-frame="2"]');
    const m = await w.waitForMessage((x): x is Extract<FromWebview, { type: 'revealFrame' }> => x.type === 'revealFrame');
    assert.deepEqual([m.stream, m.frame], [0, 2]);
    await w.screenshot('explain-handshake-dark');
  });

  it('screenshots in light, dark and high-contrast themes (test-results/webview/)', async function () {
    this.timeout(30_000);
    const b = await fixture('test/fixtures/loss-reorder.pcap');
    const rows = await segmentsOf(b, 0, 100);
    const problem = rows.find((r) => r.analysis.includes('fast_retransmission')) ?? rows[10];
    for (const theme of ['light', 'dark', 'hc'] as const) {
      const w = await open(b, { theme, state: { spacing: 'time' }, width: 1500, height: 950 });
      const { page } = w;
      await page.waitForSelector('g.seg[data-frame]');
      await page.waitForTimeout(150);
      await w.screenshot(`editor-${theme}`);
      // The extension's `select` (e.g. from a command) scrolls to a segment.
      await w.send({ type: 'select', stream: 0, frame: problem.frame });
      await page.waitForSelector(`g.seg.focused[data-frame="${problem.frame}"]`);
      await page.hover(`g.seg[data-frame="${problem.frame}"]`, { position: { x: 300, y: 20 }, force: true });
      await page.locator('[role="tooltip"]').waitFor({ state: 'visible' });
      await page.waitForFunction(() => !document.querySelector('.tip-loading'));
      await w.screenshot(`hover-${theme}`);
      await page.click(`g.seg[data-frame="${problem.frame}"]`, { position: { x: 300, y: 20 }, force: true });
      await page.waitForSelector('aside.details pre.hexdump');
      await page.mouse.move(5, 5);
      await page.click('button[aria-label^="Show the legend"]');
      await w.screenshot(`details-legend-${theme}`);
    }
  });
});

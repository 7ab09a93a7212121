/**
 * Export of the selected connection's diagram: a standalone SVG (the same rows the view draws,
 * every row, with the theme's colours resolved into attributes) and a PNG rendered from it on a
 * canvas. The extension saves what it is sent.
 */
import { SVG_NS, svgEl, svgText } from './dom';
import { RowLayout, TimeLayout, type Layout } from './layout';
import { buildHead, buildRow, diagramDefs, laneTitles, tailHeight, type RowContext, type StatePlan } from './rowRenderer';
import type { SegmentStore } from './segmentStore';

export const SVG_MAX_SEGMENTS = 10_000;
export const PNG_MAX_SEGMENTS = 1_500;
const HEAD = 64;
const SHAPE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin', 'opacity', 'shape-rendering', 'display'];
const TEXT_PROPS = [...SHAPE_PROPS, 'font-family', 'font-size', 'font-weight', 'font-style', 'paint-order'];
/** Computed values that are SVG's initial values anyway (not written out). */
const DEFAULTS: Record<string, string> = {
  'fill-opacity': '1', 'stroke-opacity': '1', 'stroke-dasharray': 'none', 'stroke-linejoin': 'miter', opacity: '1',
  'font-style': 'normal', 'paint-order': 'normal', 'font-weight': '400', 'stroke-width': '1px', stroke: 'none', 'shape-rendering': 'auto',
};

async function buildDiagram(base: RowContext, store: SegmentStore, spacing: 'time' | 'rows', host: HTMLElement, max: number): Promise<{ svg: SVGSVGElement; width: number; height: number }> {
  const n = Math.min(store.total, max);
  await store.loadRange(n);
  const truncated = n < store.total;
  const plan: StatePlan = truncated ? { ...base.plan, timeouts: { client: [], server: [] } } : base.plan;
  const tail = tailHeight(plan);
  let layout: Layout;
  if (spacing === 'time' && store.full && store.complete) {
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = store.get(i)!.time;
    layout = new TimeLayout(times, tail);
  } else {
    layout = new RowLayout(n, tail);
  }
  const ctx: RowContext = { ...base, plan, layout, get: (i) => (i >= 0 && i < n ? store.get(i) : undefined) };
  const { geo, detail } = ctx;
  const width = geo.width;
  const height = HEAD + layout.height;
  const svg = svgEl('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` }, 'diagram export');
  svg.append(diagramDefs(), svgEl('rect', { x: 0, y: 0, width, height }, 'export-bg'));
  const titles = laneTitles(detail);
  const r = detail.row;
  svg.append(svgText(8, 18, `Connection #${r.stream} · ${r.closeKind}${r.connState ? ` · ${r.connState}` : ''}${truncated ? ` · first ${n} of ${store.total} segments` : ''}`, 'export-title'));
  for (const [x, t] of [[geo.xc, titles.client], [geo.xs, titles.server]] as const) {
    svg.append(svgText(x, 40, t.addr, 'export-addr', 'middle'), svgText(x, 54, t.role, 'export-role', 'middle'));
  }
  svg.append(svgEl('line', { x1: geo.xc, x2: geo.xc, y1: HEAD, y2: height }, 'lane-line'), svgEl('line', { x1: geo.xs, x2: geo.xs, y1: HEAD, y2: height }, 'lane-line'));
  const rows = svgEl('g', { transform: `translate(0 ${HEAD})` }, 'rows');
  rows.append(buildHead(ctx));
  for (let i = 0; i < n; i++) {
    const g = buildRow(ctx, i);
    g.setAttribute('transform', `translate(0 ${layout.y(i)})`);
    g.querySelector('rect.hit')?.remove();
    rows.append(g);
  }
  svg.append(rows);
  // Resolve the theme's CSS (var(--vscode-*)) into presentation attributes, one computation per kind of element.
  const holder = document.createElement('div');
  holder.className = 'export-holder';
  holder.append(svg);
  host.append(holder);
  try {
    const cache = new Map<string, Array<[string, string]>>();
    for (const e of Array.from(svg.querySelectorAll<SVGElement>('*'))) {
      if (e.tagName === 'defs' || e.tagName === 'pattern' || e.tagName === 'g') continue;
      const p = e.parentElement;
      const key = `${e.tagName}|${e.getAttribute('class') ?? ''}|${p?.getAttribute('class') ?? ''}|${p?.parentElement?.getAttribute('class') ?? ''}`;
      let props = cache.get(key);
      if (!props) {
        const cs = getComputedStyle(e);
        const names = e.tagName === 'text' ? TEXT_PROPS : e.tagName === 'tspan' ? ['fill', 'font-weight'] : SHAPE_PROPS;
        props = names.map((k) => [k, cs.getPropertyValue(k)] as [string, string])
          .filter(([k, v]) => v !== '' && v !== DEFAULTS[k] && (k !== 'display' || v === 'none'));
        cache.set(key, props);
      }
      for (const [k, v] of props) e.setAttribute(k, v.replace(/url\("?#tw-hatch"?\)/, 'url(#tw-hatch)'));
    }
  } finally {
    holder.remove();
  }
  for (const e of Array.from(svg.querySelectorAll('[tabindex]'))) e.removeAttribute('tabindex');
  for (const e of Array.from(svg.querySelectorAll('[class]'))) e.removeAttribute('class');
  svg.removeAttribute('class');
  return { svg, width, height };
}

export async function exportSvg(ctx: RowContext, store: SegmentStore, spacing: 'time' | 'rows', host: HTMLElement): Promise<string> {
  const { svg } = await buildDiagram(ctx, store, spacing, host, SVG_MAX_SEGMENTS);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** A PNG data URL of the diagram (at most PNG_MAX_SEGMENTS rows, scaled to fit a canvas). */
export async function exportPng(ctx: RowContext, store: SegmentStore, spacing: 'time' | 'rows', host: HTMLElement): Promise<string> {
  const { svg, width, height } = await buildDiagram(ctx, store, spacing, host, PNG_MAX_SEGMENTS);
  const text = new XMLSerializer().serializeToString(svg);
  const img = new Image();
  const loaded = new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('the SVG could not be rendered')); });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const scale = Math.min(2, 30_000 / height, Math.sqrt(60_000_000 / (width * height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  const c2d = canvas.getContext('2d');
  if (!c2d) throw new Error('no canvas');
  c2d.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

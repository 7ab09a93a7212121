/**
 * DOM helpers. Every string that may come from a capture is inserted with textContent or as an
 * attribute value set through the DOM; nothing is ever parsed as HTML.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const k in attrs) e.setAttribute(k, String(attrs[k]));
  if (className) e.setAttribute('class', className);
  return e;
}

export function svgText(x: number, y: number, text: string, className?: string, anchor?: 'start' | 'middle' | 'end'): SVGTextElement {
  const t = svgEl('text', { x, y }, className);
  if (anchor && anchor !== 'start') t.setAttribute('text-anchor', anchor);
  t.textContent = text;
  return t;
}

export function button(label: string, className: string, onClick: (ev: MouseEvent) => void, aria?: string): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  if (aria) b.setAttribute('aria-label', aria);
  b.addEventListener('click', onClick);
  return b;
}

/** A two-state toolbar button (aria-pressed). */
export function toggle(label: string, pressed: boolean, onChange: (pressed: boolean) => void, aria?: string): HTMLButtonElement {
  const b = button(label, 'tool toggle', () => {
    const next = b.getAttribute('aria-pressed') !== 'true';
    b.setAttribute('aria-pressed', String(next));
    onChange(next);
  }, aria);
  b.setAttribute('aria-pressed', String(pressed));
  return b;
}

/** Runs `fn` at most once per animation frame. */
export function frameThrottle(fn: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fn(); });
  };
}

/** The typing target of a key event is a text field (where '/' and letters must type). */
export function isTextField(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable);
}

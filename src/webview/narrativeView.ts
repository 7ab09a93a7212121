import type { NarrativeView } from '../shared/protocol';
import { post } from './api';
import { el } from './dom';

/**
 * The explanation view: a handshake or teardown story (or one segment's explanation), step by
 * step. Every string is set as text. Each step's frames are buttons that show that segment in
 * the capture's swimlane.
 */
export function renderNarrativePage(app: HTMLElement, n: NarrativeView): void {
  app.className = 'narrative-page';
  app.replaceChildren();
  app.append(el('h1', undefined, n.title));
  for (const p of n.summary) app.append(el('p', 'summary', p));
  const steps = el('ol', 'steps');
  for (const s of n.steps) {
    const li = el('li', 'step');
    const head = el('div', 'step-head');
    head.append(el('span', 'step-title', n.kind === 'segment' && n.steps.length === 1 ? '' : s.title));
    for (const f of s.frames) {
      const b = el('button', 'frame-link', `#${f}`);
      b.type = 'button';
      b.dataset.frame = String(f);
      b.setAttribute('aria-label', `Show frame ${f} in the swimlane`);
      b.addEventListener('click', () => post({ type: 'revealFrame', stream: n.stream, frame: f }));
      head.append(b);
    }
    li.append(head);
    for (const p of s.paragraphs) li.append(el('p', undefined, p));
    if (s.states.length) {
      const ul = el('ul', 'states');
      for (const st of s.states) ul.append(el('li', undefined, st));
      li.append(ul);
    }
    steps.append(li);
  }
  app.append(steps);
  for (const sec of n.sections) {
    app.append(el('h2', undefined, sec.title));
    for (const p of sec.paragraphs) app.append(el('p', undefined, p));
  }
}

/**
 * Live gentle-language coach. For every `textarea[data-coach="message|apology|agreement"]` it
 * runs the same analyser as the server while the user types (debounced), and writes the findings
 * into the element named by `data-coach-output` (or the first id in `aria-describedby`), made a
 * polite live region. It only ever suggests: it never blocks or delays submitting the form.
 * Findings are written with DOM text nodes, so nothing the user typed is parsed as HTML. A text
 * box that arrives later through a live update (the `live` island's swap) gets the coach too.
 */
import { LIVE_SWAPPED } from './_live-swap.js';
import { RULE_BASE, analyzeWith } from '../../../core/coach/analyse.js';
import type { CoachModelReader } from '../../../core/coach/model.js';
import type { withModelRules } from '../../../core/coach/model-rules.js';
import { isCoachKind, type CoachKind } from '../../../core/coach/types.js';
import { coachSummary } from '../../../core/coach/render-text.js';

const DEBOUNCE_MS = 400;
const MAX_TEXT = 10000;

/**
 * The trained model (its weights, ≈160 KB, and the code that reads them) stays out of this
 * script: the first coached box that is used fetches it once, from this site, and every box
 * re-reads with it. Until then — or if it cannot load — the rules alone answer, as they would on
 * a page without JavaScript's help.
 */
let models: CoachModelReader | null = null;
let loading: Promise<void> | null = null;
const waiting = new Set<() => void>();

function withModels(redraw: () => void): void {
  if (models) return;
  waiting.add(redraw);
  loading ??= import(/* the weights' own bundle */ new URL('./coach-model.js', import.meta.url).href)
    .then((m: { COACH_MODEL: CoachModelReader; withModelRules: typeof withModelRules }) => {
      models = m.withModelRules(m.COACH_MODEL, RULE_BASE);
      for (const again of waiting) again();
    })
    .catch(() => undefined)
    .finally(() => waiting.clear());
}

function outputFor(field: HTMLTextAreaElement): HTMLElement | null {
  const id = field.dataset['coachOutput'] ?? field.getAttribute('aria-describedby')?.split(/\s+/)[0];
  if (!id) return null;
  // Its own form's first: a page can hold several answer boxes drawn by the same template.
  return field.form?.querySelector<HTMLElement>(`#${CSS.escape(id)}`) ?? document.getElementById(id);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderInto(output: HTMLElement, kind: CoachKind, text: string): void {
  if (text.trim() === '') {
    output.replaceChildren();
    return;
  }
  const summary = coachSummary(analyzeWith(models, kind, text.slice(0, MAX_TEXT)), kind);
  const box = el('div', `coach-findings${summary.attention ? ' coach-findings--attention' : ''}`);
  box.append(el('p', 'coach-findings__heading', summary.heading));
  if (summary.items.length > 0) {
    const list = el('ul', 'coach-findings__list');
    for (const item of summary.items) {
      const li = document.createElement('li');
      li.append(el('span', 'coach-findings__label', item.label), ': ', el('q', '', item.excerpt), ` — ${item.explanation}`);
      list.append(li);
    }
    box.append(list);
  }
  for (const note of summary.notes) box.append(el('p', 'coach-findings__note', note));
  output.replaceChildren(box);
}

/** Boxes already coached: a box is attached once, however often the page is scanned. */
const coached = new WeakSet<HTMLTextAreaElement>();

function attach(field: HTMLTextAreaElement): void {
  const kind = field.dataset['coach'];
  const output = outputFor(field);
  if (coached.has(field) || !isCoachKind(kind) || !output) return;
  coached.add(field);
  output.setAttribute('aria-live', 'polite');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    try {
      renderInto(output, kind, field.value);
      withModels(update);
    } catch {
      // The coach is a helper; if it ever fails, the user can still write and send.
    }
  };
  field.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  // Server-rendered findings (after a post without JS) stay until the user edits the text.
  if (field.value.trim() !== '' && output.childElementCount === 0) update();
}

/** Attaches the coach to every coached text box within `root` that has none yet. */
export function attachWithin(root: ParentNode): void {
  root.querySelectorAll<HTMLTextAreaElement>('textarea[data-coach]').forEach(attach);
}

if (typeof document !== 'undefined') {
  attachWithin(document);
  document.addEventListener(LIVE_SWAPPED, (event) => {
    if (event.target instanceof Element) attachWithin(event.target);
  });
}

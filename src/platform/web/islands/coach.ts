/**
 * Live gentle-language coach. For every `textarea[data-coach="message|apology|agreement"]` it
 * runs the same analyser as the server while the user types (debounced), and writes the findings
 * into the element named by `data-coach-output` (or the first id in `aria-describedby`), made a
 * polite live region. It only ever suggests: it never blocks or delays submitting the form. A text
 * box that arrives later through a live update (the `live` island's swap) gets the coach too.
 *
 * This script only watches the boxes. The coach itself (rules, trained model, drawing) is its own
 * module, fetched once from this site when a coached box is first used (coach-model.ts): pages
 * stay light, and a page whose coach is never used never downloads it. If it cannot load, the
 * boxes stay uncoached here and the server still coaches what is sent.
 */
import { LIVE_SWAPPED } from './_live-swap.js';
import { isCoachKind } from '../../../core/coach/types.js';
import type { renderInto } from './coach-model.js';

const DEBOUNCE_MS = 400;

let coach: { renderInto: typeof renderInto } | null = null;
let loading: Promise<void> | null = null;

function withCoach(then: () => void): void {
  if (coach) return then();
  loading ??= import(/* the coach's own bundle */ new URL('./coach-model.js', import.meta.url).href)
    .then((m: { renderInto: typeof renderInto }) => {
      coach = m;
    })
    .catch(() => {
      loading = null;
    });
  void loading?.then(() => coach && then());
}

function outputFor(field: HTMLTextAreaElement): HTMLElement | null {
  const id = field.dataset['coachOutput'] ?? field.getAttribute('aria-describedby')?.split(/\s+/)[0];
  if (!id) return null;
  // Its own form's first: a page can hold several answer boxes drawn by the same template.
  return field.form?.querySelector<HTMLElement>(`#${CSS.escape(id)}`) ?? document.getElementById(id);
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
    withCoach(() => {
      try {
        coach!.renderInto(output, kind, field.value, { part: field.dataset['coachPart'], partner: field.dataset['coachPartner'] });
      } catch {
        // The coach is a helper; if it ever fails, the user can still write and send.
      }
    });
  };
  field.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  // Server-rendered findings (after a post without JS) stay until the user edits the text. A box
  // that comes with text (a saved note, a draft) is coached when the person goes to it: that is
  // its first use, and the page's load never fetches the coach.
  if (field.value.trim() !== '' && output.childElementCount === 0) field.addEventListener('focus', update, { once: true });
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

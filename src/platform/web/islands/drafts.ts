/**
 * Keeps a draft of what a person is writing (issue #18). A form that keeps one carries a hidden
 * `_draft` field naming its place (features/drafts/views/draft-parts.ts); a second after the
 * person stops typing in it, the whole form is posted to /drafts/save — as its "Save draft" button
 * would, but without leaving the page and without the form's idempotency key, which stays fresh
 * for the real sending. The form's `[data-draft-status]` line says "Draft saved" once (a polite
 * status, never moving focus). A save that fails is tried again later, sooner when typing goes on,
 * and the words stay in the box whatever happens. When the form is sent (or "Save draft" or
 * "Discard draft" pressed), a save still owed is dropped (the form carries the words itself) and
 * one under way is let finish first, so a late save can never bring back a draft the sending
 * deleted. Leaving the page with words not yet
 * kept sends them with a beacon. `data-draft-state` on the form says where it stands (`typing`,
 * `saved`, `failed`), for styles and tests. Listening on the document, it also serves forms a
 * live update swaps in.
 */

interface Kept {
  timer?: number;
  /** Typed since the last save that succeeded was sent. */
  owed: boolean;
  busy: boolean;
  /** The form was sent: nothing more is saved from this page. */
  sent: boolean;
  wait: number;
  then?: () => void;
}

const forms = new Map<HTMLFormElement, Kept>();
const URL_ = '/drafts/save';

const body = (form: HTMLFormElement): URLSearchParams => {
  const data = new FormData(form);
  data.delete('_idempotency');
  return new URLSearchParams(data as unknown as string[][]);
};

const mark = (form: HTMLFormElement, state: string, words?: string): void => {
  form.dataset.draftState = state;
  const status = form.querySelector('[data-draft-status]');
  if (words && status && status.textContent !== words) status.textContent = words;
};

const later = (form: HTMLFormElement, k: Kept, ms: number): void => {
  clearTimeout(k.timer);
  k.timer = window.setTimeout(() => save(form, k), ms);
};

function save(form: HTMLFormElement, k: Kept): void {
  clearTimeout(k.timer);
  // Under way: it looks again when it is answered.
  if (k.busy || !k.owed) return;
  k.owed = false;
  k.busy = true;
  fetch(URL_, { method: 'POST', body: body(form), headers: { accept: 'application/json' } })
    .then((r) => r.ok)
    .catch(() => false)
    .then((ok) => {
      k.busy = false;
      if (!ok) k.owed = true;
      k.wait = ok ? 1000 : Math.min(k.wait * 2, 60000);
      if (ok && !k.owed) mark(form, 'saved', 'Draft saved');
      if (!ok) mark(form, 'failed', 'Not saved as a draft yet. Mend will try again; your words are still here.');
      if (k.then) return k.then();
      if (k.owed && !k.sent) later(form, k, k.wait);
    });
}

document.addEventListener('input', (event) => {
  // Words only: a choice (a radio, the day) is quick to make again and is not kept.
  const box = event.target as HTMLInputElement;
  const form = box.form;
  if (!(box instanceof HTMLTextAreaElement || box.type === 'text') || !form?.elements.namedItem('_draft')) return;
  let k = forms.get(form);
  if (!k) forms.set(form, (k = { owed: false, busy: false, sent: false, wait: 1000 }));
  if (k.sent) return;
  k.owed = true;
  mark(form, 'typing');
  later(form, k, 1000);
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  const k = forms.get(form);
  if (!k || k.sent) return;
  // The form carries its words itself: a save still owed is not needed. One under way is let
  // finish first, so it cannot arrive after the sending and bring back the draft it deleted.
  k.sent = true;
  clearTimeout(k.timer);
  if (!k.busy) return;
  event.preventDefault();
  const by = (event as SubmitEvent).submitter;
  k.then = () => form.requestSubmit(by);
});

addEventListener('pagehide', () => {
  for (const [form, k] of forms) if (k.owed && !k.sent) navigator.sendBeacon(URL_, body(form));
});

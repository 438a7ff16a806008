/**
 * Back to a form page fetches it again (Mend's pages are never cached), with new idempotency
 * keys, so sending the form again would be saved twice. The keys a page was given are kept in its
 * history entry and put back when the person comes Back to it: sending it again is then answered
 * as the first sending was (docs/idempotency.md). A reload or a new visit gets new keys.
 */
const FIELD = 'input[name="_idempotency"]';

interface KeptKeys {
  idempotencyKeys?: unknown;
}

function wentBack(): boolean {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return entry?.type === 'back_forward';
}

const inputs = [...document.querySelectorAll<HTMLInputElement>(FIELD)];
const state = (history.state ?? {}) as KeptKeys;
const kept = state.idempotencyKeys;
if (wentBack() && Array.isArray(kept) && kept.length === inputs.length) {
  inputs.forEach((input, i) => {
    const key = kept[i];
    if (typeof key === 'string') input.value = key;
  });
} else if (inputs.length > 0) {
  history.replaceState({ ...state, idempotencyKeys: inputs.map((input) => input.value) }, '');
}

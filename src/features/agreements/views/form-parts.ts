import { html, type SafeHtml } from '../../../platform/web/html.js';
import { dayMonthYear } from '../../../platform/web/dates.js';

/**
 * Parts of the forms and cards of journeys and their agreements (step 3). They live here because
 * journeys build on agreements, never the other way round; journey/views/common.ts passes them on.
 */

export function formatDate(iso: string): string {
  return dayMonthYear(iso);
}

/** A partner's name as the viewer reads it: "you" for themselves. */
export function nameOf(m: { viewerId: string; names: Record<string, string> }, id: string | null): string {
  if (id === null) return 'your partner';
  if (id === m.viewerId) return 'you';
  return m.names[id] ?? 'your partner';
}

export function textArea(o: {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  error?: string | undefined;
  coach?: 'message' | 'apology' | 'agreement';
  id?: string;
  maxlength?: number;
  required?: boolean;
  /** The label is said by the heading just above: kept for screen readers, not shown twice. */
  labelHidden?: boolean;
  /** A box of the apology builder: its part and the partner's name, for the coach (issue #20). */
  coachPart?: { part: string; partner: string; shown?: SafeHtml | null };
}): SafeHtml {
  const id = o.id ?? `field-${o.name}`;
  const outputId = `${id}-coach`;
  const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field--error' : ''}">
    <label for="${id}"${o.labelHidden ? html` class="visually-hidden"` : null}>${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : null}
    ${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    <textarea id="${id}" name="${o.name}" rows="6" maxlength="${o.maxlength ?? 10000}"
      ${o.required === false ? null : html`required`}
      ${describedBy ? html`aria-describedby="${describedBy}"` : null}
      ${o.error ? html`aria-invalid="true"` : null}
      ${o.coach ? html`data-coach="${o.coach}" data-coach-output="${outputId}"` : null}
      ${o.coachPart ? html`data-coach-part="${o.coachPart.part}" data-coach-partner="${o.coachPart.partner}"` : null}>${o.value ?? ''}</textarea>
    ${o.coach ? html`<div id="${outputId}" class="coach-output">${o.coachPart?.shown ?? null}</div>` : null}
  </div>`;
}

/**
 * A set of radios. Only `value` is ticked: with no value nothing is, so a choice that matters (who
 * can read something, who broke trust) is never made in advance. `id` (default: the name) keeps
 * the ids of one page's several forms apart.
 */
export function radios(o: {
  name: string;
  id?: string;
  legend: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  value?: string | undefined;
  error?: string | undefined;
}): SafeHtml {
  const id = `field-${o.id ?? o.name}`;
  return html`<fieldset class="field radios${o.error ? ' field--error' : ''}" id="${id}"${o.error ? html` aria-describedby="${id}-error"` : null}>
    <legend>${o.legend}</legend>
    ${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    ${o.options.map(
      (opt, i) => html`<div class="radio">
        <input type="radio" id="${id}-${i}" name="${o.name}" value="${opt.value}"${o.value === opt.value ? html` checked` : null}
          ${opt.hint ? html`aria-describedby="${id}-${i}-hint"` : null}>
        <label for="${id}-${i}">${opt.label}</label>
        ${opt.hint ? html`<p class="hint" id="${id}-${i}-hint">${opt.hint}</p>` : null}
      </div>`,
    )}
  </fieldset>`;
}

import { html, type SafeHtml } from '../html.js';
import type { ErrorDetails } from '../../errors.js';
import { FORM_KEY_FIELD } from '../../../core/idempotency/idempotency.js';

/** A summary at the top of a form that links to each field with a problem (focus moves here). */
export function errorSummary(details: ErrorDetails | undefined, message?: string): SafeHtml | null {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0 && !message) return null;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-autofocus>
    <h2 class="error-summary__title">There is a problem</h2>
    ${message ? html`<p>${message}</p>` : null}
    ${entries.length > 0 ? html`<ul>${entries.map(([field, text]) => html`<li><a href="#field-${field}">${text}</a></li>`)}</ul>` : null}
  </div>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number';
  value?: string;
  hint?: string;
  error?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: string;
}

export function textField(o: FieldOptions): SafeHtml {
  const id = `field-${o.name}`;
  const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field--error' : ''}">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : null}
    ${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"
      ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : null}
      ${o.required ? html`required` : null}
      ${o.maxlength ? html`maxlength="${o.maxlength}"` : null}
      ${o.inputmode ? html`inputmode="${o.inputmode}"` : null}
      ${describedBy ? html`aria-describedby="${describedBy}"` : null}
      ${o.error ? html`aria-invalid="true"` : null}>
  </div>`;
}

export function selectField(o: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  value?: string;
  hint?: string;
  error?: string | undefined;
  dataAttr?: string;
}): SafeHtml {
  const id = `field-${o.name}`;
  const describedBy = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field--error' : ''}">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : null}
    ${o.error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    <select id="${id}" name="${o.name}" ${describedBy ? html`aria-describedby="${describedBy}"` : null} ${o.dataAttr ? html`${o.dataAttr}` : null}>
      ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : null}>${opt.label}</option>`)}
    </select>
  </div>`;
}

/**
 * The hidden fields every form posts: its CSRF token and an idempotency key made for this render,
 * so a form sent twice (a double press, Back and send again, a retry after an error) is saved
 * once and answered as the first time (docs/idempotency.md).
 */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${globalThis.crypto.randomUUID()}">`;
}

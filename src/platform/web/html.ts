import { closeOpenBidi } from '../../core/text/bidi.js';

/**
 * A tagged template for server-rendered HTML that escapes every interpolated value unless it is
 * already `SafeHtml`. Arrays are joined; `null`, `undefined` and `false` render nothing, so
 * `${cond && html`…`}` reads naturally.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes markup, and closes any bidirectional embedding the text leaves open: a name or an
 * entry can never reverse the page's words after it (core/text/bidi.ts).
 */
export function escapeHtml(text: string): string {
  return closeOpenBidi(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks trusted markup (e.g. a server-built SVG) as safe. Never pass user text here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

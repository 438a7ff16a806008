import { html, type SafeHtml } from '../../../platform/web/html.js';

/** Field names of the export, turned into words for the printed report. */
function label(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function value(v: unknown, depth: number): SafeHtml {
  if (v === null || v === undefined || v === '') return html`<span class="muted">—</span>`;
  if (Array.isArray(v)) {
    if (v.length === 0) return html`<span class="muted">None</span>`;
    return html`<ol class="report-list">${v.map((item) => html`<li>${value(item, depth + 1)}</li>`)}</ol>`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'id' && !k.endsWith('Id'));
    return html`<dl class="report-fields">${entries.map(([k, inner]) => html`<div><dt>${label(k)}</dt><dd>${value(inner, depth + 1)}</dd></div>`)}</dl>`;
  }
  if (typeof v === 'boolean') return html`${v ? 'Yes' : 'No'}`;
  return html`${String(v)}`;
}

/**
 * The printable report: the same document as the JSON export (so it holds exactly what the
 * account may see), laid out for reading and for printing to PDF from the browser.
 */
export function reportPage(document: Record<string, unknown>): SafeHtml {
  const sections = Object.entries(document).filter(([k]) => !['format', 'version'].includes(k));
  return html`<article class="report">
    <h1>Your Mend record</h1>
    <p class="lead">Everything your account can see in Mend, as of ${String(document.exportedAt ?? '')}. Use your browser's Print command to keep it as a PDF.</p>
    ${sections
      .filter(([k]) => k !== 'exportedAt')
      .map(([k, v]) => html`<section class="report-section"><h2>${label(k)}</h2>${value(v, 0)}</section>`)}
  </article>`;
}

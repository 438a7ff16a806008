import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * Who can read a note: only the author, or the partner too. Nothing is ticked until the author
 * picks (a default would decide for them); sent back unpicked, it says so beside the choice. `id`
 * keeps a page's several forms apart (a note per agreement).
 */
export function noteVisibilityField(o: {
  id: string;
  value: string | undefined;
  error: string | undefined;
  legend?: string | SafeHtml;
}): SafeHtml {
  const errorId = `${o.id}-error`;
  const invalid = o.error ? html` aria-invalid="true"` : null;
  const radio = (value: 'private' | 'shared', label: string) =>
    html`<label><input type="radio" name="visibility" value="${value}"${o.value === value ? html` checked` : null}${invalid}> ${label}</label>`;
  return html`<fieldset class="field choice-row${o.error ? ' field--error' : ''}" id="${o.id}"${o.error ? html` aria-describedby="${errorId}"` : null}>
    <legend>${o.legend ?? 'Who can read this note?'}</legend>
    ${o.error ? html`<p class="field-error" id="${errorId}"><span class="visually-hidden">Error:</span> ${o.error}</p>` : null}
    ${radio('private', 'Only me')}
    ${radio('shared', 'My partner too')}
  </fieldset>`;
}

import { html, type SafeHtml } from '../../../platform/web/html.js';
import { dateTimeIn } from '../../../platform/web/dates.js';
import type { Draft, DraftBook } from '../draft.js';

/** The hidden fields that tell /drafts/save which form this is and where to come back to. */
export const DRAFT_PLACE_FIELD = '_draft';
export const DRAFT_BACK_FIELD = '_back';

/** The author's draft for a place, if they kept one. */
export const draftAt = (book: DraftBook, place: string): Draft | undefined => book.byPlace.get(place);

/** A box's words: what was just sent back with a problem, else the draft's, else what is saved. */
export function withDraft(
  book: DraftBook,
  place: string,
  name: string,
  o: { sent?: string | undefined; saved?: string | undefined } = {},
): string | undefined {
  if (o.sent !== undefined) return o.sent;
  const draft = draftAt(book, place);
  if (draft) return draft.fields[name] ?? '';
  return o.saved;
}

/** Words only a screen reader needs, to tell one form's buttons from another's on the same page. */
const aboutText = (about: string | undefined): SafeHtml | null => (about ? html`<span class="visually-hidden"> (${about})</span>` : null);

/**
 * Drawn first inside a form that keeps a draft: which form it is (the hidden place), where "Save
 * draft" comes back to, and — when a draft was kept — a quiet line saying so and when, with a way
 * to discard it. `back` is the page's own address, with the form's anchor.
 */
export function draftTop(book: DraftBook, place: string, back: string, about?: string): SafeHtml {
  const draft = draftAt(book, place);
  return html`<input type="hidden" name="${DRAFT_PLACE_FIELD}" value="${place}"><input type="hidden" name="${DRAFT_BACK_FIELD}" value="${back}">${
    draft
      ? html`<div class="draft-note">
      <p>Your draft from ${dateTimeIn(draft.updatedAt, book.timezone)} is below. Only you can see it until you send it.</p>
      <button type="submit" formaction="/drafts/discard" formnovalidate class="link-button">Discard draft${aboutText(about)}</button>
    </div>`
      : null
  }`;
}

/**
 * Beside the form's send button: "Save draft", which works without JavaScript, and the line where
 * the drafts island says, quietly, that what is typed was kept.
 */
export function draftSave(o: { label?: string; about?: string } = {}): SafeHtml {
  return html`<button type="submit" formaction="/drafts/save" formnovalidate class="button button--secondary">${o.label ?? 'Save draft'}${aboutText(o.about)}</button>
    <p class="draft-status" role="status" data-draft-status></p>`;
}

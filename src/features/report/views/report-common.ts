import { ABSENT_PARTNER } from '../../../core/journey/index.js';
import { dayMonthYear, dayMonthYearIn } from '../../../platform/web/dates.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { departedName, departuresOf, removedOn, removedWords } from '../../../platform/web/components/former-partners.js';
import type { SpaceReport } from '../gather.js';

/** What the report's views read of it: the reader and the people of the space, those who left too. */
export type ReportPeople = Pick<SpaceReport, 'reader' | 'partners' | 'therapists' | 'formerPartners'>;

/**
 * A person's name in the record; never an id. A partner who left is named as the pages name them
 * (once their account is deleted, "your partner (account deleted)"); anyone else no longer in the
 * space is said as such.
 */
export function nameIn(r: ReportPeople, id: string | null | undefined): string {
  if (id === ABSENT_PARTNER) return 'a partner who is not in Mend yet';
  const person = [...r.partners, ...r.therapists].find((p) => p.accountId === id);
  if (person) return person.displayName;
  if (id === r.reader.accountId) return r.reader.displayName;
  const former = r.formerPartners.find((f) => f.accountId === id);
  if (former) return departedName(former, r.reader.relation);
  return 'a partner no longer in the space';
}

/** When the words of `authorId` were removed with their account (they read back as empty); null when they were not. */
export function removedAt(r: ReportPeople, authorId: string | null | undefined, text: string | null | undefined): string | null {
  return removedOn(departuresOf(r.formerPartners), authorId ?? null, text);
}

/** A text as the record shows it: its words, or, where a deleted partner's words were, that they were removed and when. */
export function writing(r: ReportPeople, authorId: string | null | undefined, text: string, what: string): SafeHtml {
  const at = removedAt(r, authorId, text);
  return at ? removedWords(what, at) : html`<div class="report-text">${text}</div>`;
}

/** Names joined as people say them: "Alex", "Alex and Sam", "Alex, Sam and Robin". */
export function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The day of an instant, in the reader's time zone: "3 March 2026". */
export function dayOf(r: Pick<SpaceReport, 'reader'>, iso: string): string {
  return dayMonthYearIn(iso, r.reader.timezone);
}

/** A calendar date (`YYYY-MM-DD`) as words; it is already a local day. */
export function calendarDay(date: string): string {
  return dayMonthYear(date);
}

/** Whose eyes a piece of writing is for, in the record's words. */
export function visibilityLabel(r: ReportPeople, authorId: string, visibility: string): string {
  const author = nameIn(r, authorId);
  if (visibility === 'private') return `Private: only ${author} can read this`;
  if (visibility === 'sealed') return `Sealed: it opens once the other half is written`;
  return 'Shared';
}

/** The sentence's first letter in capitals (a name already is; "a partner who…" is not). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

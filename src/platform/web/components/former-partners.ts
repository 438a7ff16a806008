import { html, type SafeHtml } from '../html.js';
import { dayMonthYear } from '../dates.js';

/**
 * How pages speak of a partner who left a space, or whose account was deleted (issue #19). The
 * remaining partner's history never changes in silence: where a deleted partner's words were, a
 * page says that they were removed and when. The words themselves are gone from the database
 * (platform/vault/stand-in.ts leaves an empty text in their place).
 */
export interface Departure {
  accountId: string;
  /** Their name while their account exists; empty once it was deleted. */
  displayName: string;
  leftAt: string;
  accountDeletedAt: string | null;
}

export type Departures = ReadonlyMap<string, Departure>;

export const departuresOf = (former: readonly Departure[]): Departures => new Map(former.map((f) => [f.accountId, f]));

/** What a page calls a partner who left: their name, or, once their account is deleted, a plain description. */
export function departedName(d: Departure, viewer: 'partner' | 'therapist' = 'partner'): string {
  if (d.accountDeletedAt === null) return d.displayName;
  return viewer === 'partner' ? 'your partner (account deleted)' : 'a partner (account deleted)';
}

/** The words of someone whose account was deleted are read back as empty: this says when they went. */
export function removedOn(departures: Departures, authorId: string | null, text: string | null | undefined): string | null {
  if (authorId === null || text !== '') return null;
  return departures.get(authorId)?.accountDeletedAt ?? null;
}

/** Where a deleted partner's words were: "The answer was removed by its author on 3 March 2026." */
export function removedWords(what: string, at: string): SafeHtml {
  return html`<p class="entry__removed">${what} was removed by its author on ${dayMonthYear(at)}, when they deleted their account.</p>`;
}

/** "Alex left the space on 3 March 2026." / "Your partner deleted their account on …" (a therapist reads "A partner …"). */
export function departureSentence(d: Departure, viewer: 'partner' | 'therapist' = 'partner'): string {
  const who = viewer === 'partner' ? 'Your partner' : 'A partner';
  if (d.accountDeletedAt === null) return `${d.displayName} left the space on ${dayMonthYear(d.leftAt)}.`;
  return d.accountDeletedAt === d.leftAt
    ? `${who} deleted their account on ${dayMonthYear(d.accountDeletedAt)}.`
    : `${who} left the space on ${dayMonthYear(d.leftAt)} and deleted their account on ${dayMonthYear(d.accountDeletedAt)}.`;
}

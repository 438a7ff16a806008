import { html, type SafeHtml } from '../html.js';
import { formatDay } from '../pages/rhythm/common.js';

export interface PartnerCheckin {
  displayName: string;
  /** The partner's latest check-in within the days shown, or null. */
  checkin: { date: string; safety: number; trust: number; closeness: number; day: 'good' | 'mixed' | 'hard' | null } | null;
}

const DAY_WORDS = { good: 'a good day', mixed: 'a mixed day', hard: 'a hard day' } as const;

function when(date: string, dates: string[]): string {
  if (date === dates[0]) return 'today';
  if (date === dates[1]) return 'yesterday';
  return `on ${formatDay(date)}`;
}

/**
 * The other partner's latest check-in: scores only (space records both partners and an active
 * therapist see), never a note. The `live` island fetches this same markup again when an event
 * says the partner checked in, so a page and its live update can never differ.
 */
export function partnerTodaySection(o: { spaceId: string; partners: PartnerCheckin[]; dates: string[] }): SafeHtml {
  return html`<section class="card partner-today" id="partner-today" aria-labelledby="h-partner-today" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/partner-today">
    <h2 id="h-partner-today">${o.partners.length === 1 ? html`${o.partners[0]!.displayName}’s check-in` : 'Your partner’s check-in'}</h2>
    ${o.partners.length === 0
      ? html`<p>When your partner joins, their check-in will show here.</p>`
      : o.partners.map((p) =>
          p.checkin
            ? html`<p>${p.displayName} checked in ${when(p.checkin.date, o.dates)}: safety ${p.checkin.safety}, trust ${p.checkin.trust}, closeness ${p.checkin.closeness}${p.checkin.day ? html` — ${DAY_WORDS[p.checkin.day]}` : null}.</p>`
            : html`<p>${p.displayName} has not checked in for these days yet.</p>`,
        )}
  </section>`;
}

import type { DayMark } from '../../../core/checkin/day-mark.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDay } from '../../../platform/web/components/space-pages.js';

export interface PartnerCheckin {
  displayName: string;
  /** The partner's latest check-in within the days shown, or null. */
  checkin: { date: string; numbers: CheckinNumbers | null } | null;
}

/** Null when their owner keeps them to themselves (docs/privacy-rules.md). */
export interface CheckinNumbers {
  safety: number;
  trust: number;
  closeness: number;
  day: DayMark | null;
}

const DAY_WORDS = { good: 'a good day', mixed: 'a mixed day', hard: 'a hard day' } as const;

function when(date: string, dates: string[]): string {
  if (date === dates[0]) return 'today';
  if (date === dates[1]) return 'yesterday';
  return `on ${formatDay(date)}`;
}

/** A therapist sees both partners, so "your partner" would be wrong for them: name each one. */
function heading(partners: PartnerCheckin[], viewer: 'partner' | 'therapist'): string {
  if (partners.length === 0) return viewer === 'therapist' ? 'The partners’ check-ins' : 'Your partner’s check-in';
  const names = partners.map((p) => `${p.displayName}’s`);
  if (names.length === 1) return `${names[0]} check-in`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} check-ins`;
}

function said(p: PartnerCheckin & { checkin: NonNullable<PartnerCheckin['checkin']> }, dates: string[]): SafeHtml {
  const n = p.checkin.numbers;
  if (!n) return html`<p>${p.displayName} checked in ${when(p.checkin.date, dates)}. Their numbers are for them alone.</p>`;
  return html`<p>${p.displayName} checked in ${when(p.checkin.date, dates)}: safety ${n.safety}, trust ${n.trust}, closeness ${n.closeness}${n.day ? html` — ${DAY_WORDS[n.day]}` : null}.</p>`;
}

/**
 * The other partner's latest check-in: that they checked in, their numbers only when they share
 * them (with the partner and an active therapist), never a note. The `live` island fetches this same markup again when an event
 * says the partner checked in, so a page and its live update can never differ.
 */
export function partnerTodaySection(o: {
  spaceId: string;
  partners: PartnerCheckin[];
  dates: string[];
  viewer: 'partner' | 'therapist';
  /** A partner left the space: nobody is about to join, so the page does not say so. */
  partnerLeft?: boolean;
}): SafeHtml {
  return html`<section class="card partner-today" id="partner-today" aria-labelledby="h-partner-today" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/partner-today" data-live-on="checkin">
    <h2 id="h-partner-today">${heading(o.partners, o.viewer)}</h2>
    ${
      o.partners.length === 0
        ? html`<p>${
            o.partnerLeft
              ? o.viewer === 'therapist'
                ? 'A partner left the space; only the check-ins of the partner who is here show now.'
                : 'Your partner left the space. If they join again, their check-in will show here.'
              : o.viewer === 'therapist'
                ? 'When the partners join, their check-ins will show here.'
                : 'When your partner joins, their check-in will show here.'
          }</p>`
        : o.partners.map((p) =>
            p.checkin ? said({ ...p, checkin: p.checkin }, o.dates) : html`<p>${p.displayName} has not checked in for these days yet.</p>`,
          )
    }
  </section>`;
}

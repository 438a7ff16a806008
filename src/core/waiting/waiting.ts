import { monthOfDay } from '../paging/months.js';

/**
 * "Waiting for you" (issue #18): what waits on one person in a space, each with one link. Built
 * from facts only — ids, authors, dates, states — never from anything anyone wrote, so the list
 * cannot carry a private or sealed text even by mistake. Nothing about the safety check is a fact
 * here. A therapist is never waited on (their pages are read-only); a partner on their own is
 * waited on only by their own check-in.
 */

export const WAITING_KINDS = [
  'therapist',
  'reassurance',
  'question',
  'apology',
  'agreement',
  'occasion',
  'sealed_half',
  'checkin',
] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export interface WaitingItem {
  kind: WaitingKind;
  /** The one place to act on it, always a path of this site. */
  href: string;
  /** When it began to wait (an instant), or null for today's check-in. */
  since: string | null;
  /** How many it stands for: the occasions of one agreement are one item (issue #20). */
  count: number;
}

/** What the store read: nothing in it is text anyone wrote. */
export interface WaitingFacts {
  spaceId: string;
  viewerId: string;
  viewerRole: 'partner' | 'therapist';
  /** The other active partner, if there is one. */
  partnerId: string | null;
  /** The viewer's local date. */
  today: string;
  checkedInToday: boolean;
  /** Calls for reassurance in the space, answered or not. */
  reassurance: ReadonlyArray<{ id: string; askedBy: string; createdAt: string; answered: boolean }>;
  /** Shared questions of the space's open journeys. */
  questions: ReadonlyArray<{
    id: string;
    journeyId: string;
    askedBy: string;
    createdAt: string;
    answered: boolean;
    deferredUntil: string | null;
  }>;
  /** Apologies of the space's open journeys (delivered or not), and whether the viewer answered each. */
  apologies: ReadonlyArray<{ id: string; journeyId: string; authorId: string; deliveredAt: string | null; answeredByViewer: boolean }>;
  agreements: ReadonlyArray<{
    id: string;
    journeyId: string | null;
    status: 'proposed' | 'active' | 'countered' | 'withdrawn';
    proposedBy: string;
    proposedAt: string;
  }>;
  /** Agreement-log occasions, the agreement each is of, and whether they were reviewed. */
  occasions: ReadonlyArray<{ id: string; agreementId: string; loggedBy: string; occurredOn: string; createdAt: string; reviewed: boolean }>;
  /**
   * The space's therapists whose access waits on consent, and whether the viewer gave theirs. A
   * partner on their own is asked too (their consent alone lets the therapist in), so this is
   * read whether or not there is a partner.
   */
  therapists: ReadonlyArray<{ therapistId: string; joinedAt: string; consentedByViewer: boolean }>;
  /** Sealed halves of sealed pairs that have not opened, by author. */
  sealedHalves: ReadonlyArray<{ journeyId: string; prompt: string; authorId: string; createdAt: string }>;
}

const SEALED_STEP: Readonly<Record<string, number>> = { what_happened: 1, trust_looks_like: 3 };

/** Everything that waits on the viewer, oldest first, today's check-in last. */
export function waitingFor(f: WaitingFacts): WaitingItem[] {
  if (f.viewerRole !== 'partner') return [];
  const items: WaitingItem[] = [];
  const partner = f.partnerId !== null && f.partnerId !== f.viewerId ? f.partnerId : null;
  const space = `/spaces/${f.spaceId}`;
  for (const t of f.therapists) {
    // Straight to the consent form, which sits below the space's other cards.
    if (!t.consentedByViewer) items.push({ kind: 'therapist', href: `${space}#therapist-${t.therapistId}`, since: t.joinedAt, count: 1 });
  }
  if (partner) {
    for (const r of f.reassurance) {
      if (r.askedBy === partner && !r.answered)
        items.push({ kind: 'reassurance', href: `${space}/reassurance#answer-${r.id}`, since: r.createdAt, count: 1 });
    }
    for (const q of f.questions) {
      if (q.askedBy !== partner || q.answered) continue;
      // A question the viewer chose to answer later waits again on the date they chose.
      if (q.deferredUntil !== null && q.deferredUntil > f.today) continue;
      items.push({ kind: 'question', href: `/journeys/${q.journeyId}/questions#question-${q.id}`, since: q.createdAt, count: 1 });
    }
    for (const a of f.apologies) {
      if (a.authorId === partner && a.deliveredAt !== null && !a.answeredByViewer) {
        items.push({ kind: 'apology', href: `/journeys/${a.journeyId}/steps/2`, since: a.deliveredAt, count: 1 });
      }
    }
    for (const g of f.agreements) {
      if (g.status !== 'proposed' || g.proposedBy !== partner) continue;
      items.push({
        kind: 'agreement',
        href: g.journeyId ? `/journeys/${g.journeyId}/steps/3#agreements-heading` : `${space}/agreement-log`,
        since: g.proposedAt,
        count: 1,
      });
    }
    // The occasions of one agreement wait as one item, linked to the oldest, with how many there are.
    const byAgreement = new Map<string, WaitingItem>();
    // The log page shows a month at a time: the link names the occasion's month.
    const at = (o: WaitingFacts['occasions'][number]) => `${space}/agreement-log?month=${monthOfDay(o.occurredOn)}#occasion-${o.id}`;
    for (const o of f.occasions) {
      if (o.loggedBy !== partner || o.reviewed) continue;
      const same = byAgreement.get(o.agreementId);
      if (same) {
        same.count += 1;
        if (o.createdAt < same.since!) Object.assign(same, { href: at(o), since: o.createdAt });
        continue;
      }
      const item: WaitingItem = { kind: 'occasion', href: at(o), since: o.createdAt, count: 1 };
      byAgreement.set(o.agreementId, item);
      items.push(item);
    }
    const own = new Set(f.sealedHalves.filter((h) => h.authorId === f.viewerId).map((h) => `${h.journeyId}|${h.prompt}`));
    const seen = new Set<string>();
    for (const h of f.sealedHalves) {
      const key = `${h.journeyId}|${h.prompt}`;
      const step = SEALED_STEP[h.prompt];
      if (h.authorId !== partner || own.has(key) || seen.has(key) || step === undefined) continue;
      seen.add(key);
      items.push({ kind: 'sealed_half', href: `/journeys/${h.journeyId}/steps/${step}#${h.prompt}-heading`, since: h.createdAt, count: 1 });
    }
  }
  items.sort((x, y) => (x.since ?? '').localeCompare(y.since ?? '') || x.href.localeCompare(y.href));
  if (!f.checkedInToday) items.push({ kind: 'checkin', href: `${space}/check-in`, since: null, count: 1 });
  return items;
}

/**
 * The fixed words for an item; `partner` is the partner's display name, as every page shows it.
 * `count` is how many occasions of one agreement the item stands for.
 */
export function waitingWords(kind: WaitingKind, partner: string, count = 1): string {
  switch (kind) {
    case 'therapist':
      return 'A therapist waiting for your agreement';
    case 'reassurance':
      return `${partner} asked for reassurance`;
    case 'question':
      return `A question from ${partner} to answer`;
    case 'apology':
      return `The apology ${partner} gave you, to answer when you are ready`;
    case 'agreement':
      return `An agreement ${partner} proposed`;
    case 'occasion':
      return count > 1 ? `${count} occasions ${partner} logged for one agreement, to confirm` : `An occasion ${partner} logged, to confirm`;
    case 'sealed_half':
      return `${partner} wrote their half: write yours to open both`;
    case 'checkin':
      return 'Your check-in for today, not done yet';
  }
}

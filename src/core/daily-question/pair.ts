import { sealedPairOpen } from '../journey/sealed-pair.js';

/**
 * One person's half of a day's question: answered (with words) or skipped. A skip is the person's
 * own: it never counts as a half, and the partner never learns of it.
 */
export interface DailyHalf {
  readonly authorId: string;
  readonly questionId: string;
  readonly state: 'answered' | 'skipped';
  readonly text: string | null;
  readonly at: string;
}

/** What the viewer sees of a partner's half: nothing, only that it exists (sealed), or all of it (opened). */
export type PartnerHalf =
  | { readonly accountId: string; readonly state: 'none' }
  | { readonly accountId: string; readonly state: 'sealed' }
  | { readonly accountId: string; readonly state: 'open'; readonly text: string; readonly at: string };

export interface PairView {
  readonly own: DailyHalf | null;
  /** Both partners answered the same question: their answers are open to both. */
  readonly open: boolean;
  readonly partners: readonly PartnerHalf[];
}

/**
 * The day's pair as one partner sees it, by the journey's sealed-pair rule (core/journey/sealed-pair.ts):
 * the answers open for both at the moment the second partner answers; until then the other sees
 * only that an answer exists — never its words — and a skip shows as nothing at all.
 * `halves` are the space's halves of one day for two; `partnerIds` the other partners to show.
 */
export function pairView(viewerId: string, partnerIds: readonly string[], halves: readonly DailyHalf[]): PairView {
  const own = halves.find((h) => h.authorId === viewerId) ?? null;
  const entries = halves.map(
    (h) => ({ prompt: h.questionId, authorId: h.authorId, visibility: h.state === 'answered' ? 'sealed' : 'private' }) as const,
  );
  const open = own !== null && own.state === 'answered' && sealedPairOpen(entries, own.questionId);
  const partners = partnerIds
    .filter((id) => id !== viewerId)
    .map((accountId): PartnerHalf => {
      const theirs = halves.find(
        (h) => h.authorId === accountId && h.state === 'answered' && h.questionId === (own?.questionId ?? h.questionId),
      );
      if (!theirs || theirs.text === null) return { accountId, state: 'none' };
      return open ? { accountId, state: 'open', text: theirs.text, at: theirs.at } : { accountId, state: 'sealed' };
    });
  return { own, open, partners };
}

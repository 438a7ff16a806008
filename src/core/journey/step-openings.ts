import type { JourneyFacts } from './facts.js';
import { journeyStatus } from './journey-status.js';
import type { StepNumber } from './steps.js';

/**
 * Which steps a change opened for each partner: a step locked for them before (or a journey that
 * did not exist) and open or done after, read through `journeyStatus` — so only what that partner
 * may see counts (a partner's private entry, draft or early choice never opens anything for the
 * other). Both states are read at the same `now`, so only the change counts, never time passing.
 *
 * Step 7 is never announced: it opens by time or by the hurt partner's own choice, and Mend never
 * presses anyone to forgive (SPEC section 1).
 */
export interface StepOpening {
  readonly accountId: string;
  /** The first step that opened for them (steps 4–6 open together; the link goes to the first). */
  readonly step: StepNumber;
}

const ANNOUNCED: ReadonlySet<StepNumber> = new Set([1, 2, 3, 4, 5, 6]);

/** The steps, in order, that went from locked to open (or done) for `accountId`. */
export function stepsOpenedFor(before: JourneyFacts | null, after: JourneyFacts, accountId: string, now: string | Date): StepNumber[] {
  if (!after.partnerIds.includes(accountId)) return [];
  const was = before && before.partnerIds.includes(accountId) ? journeyStatus(before, accountId, now).steps : null;
  return journeyStatus(after, accountId, now)
    .steps.filter((s) => ANNOUNCED.has(s.number) && s.status !== 'locked')
    .filter((s) => (was?.find((w) => w.number === s.number)?.status ?? 'locked') === 'locked')
    .map((s) => s.number);
}

/** One opening per partner of the journey but `actorId` (never told of what they opened themselves). */
export function stepOpenings(before: JourneyFacts | null, after: JourneyFacts, actorId: string, now: string | Date): StepOpening[] {
  const out: StepOpening[] = [];
  for (const accountId of after.partnerIds) {
    if (accountId === actorId) continue;
    const [first] = stepsOpenedFor(before, after, accountId, now);
    if (first !== undefined) out.push({ accountId, step: first });
  }
  return out;
}

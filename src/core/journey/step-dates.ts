import type { StepStatus } from './journey-status.js';
import type { StepKey, StepNumber, StepState } from './steps.js';

/**
 * When each step of a journey was reached, for the record (the printable report). The step's
 * state is the journey's own (journey-status.ts); this only puts dates to it, and only from what
 * the reader may see: acknowledgements, apologies delivered and their answers, agreements
 * accepted, a forgiveness statement shared. A private fact — a partner's choice to open step 7
 * early, an unshared entry — never dates anything, so a step that was reached in a way the reader
 * cannot see is "done" or "open" without a date rather than with a wrong one.
 *
 * Instants are ISO 8601 strings.
 */
export interface StepDateFacts {
  /** When the journey began. */
  readonly openedAt: string;
  /** The partners in the space: one (solo) or two. */
  readonly partnerIds: readonly string[];
  /** "I acknowledge that trust was broken." */
  readonly acknowledgements: readonly { readonly by: string; readonly at: string }[];
  /** Apologies the reader may read that were delivered, with when each was answered. */
  readonly apologies: readonly { readonly deliveredAt: string; readonly answeredAt: readonly string[] }[];
  /** When each agreement of the journey was accepted. */
  readonly agreementsAcceptedAt: readonly string[];
  /** Forgiveness statements the reader may read (shared). */
  readonly forgivenessSharedAt: readonly string[];
}

export interface StepDate {
  readonly number: StepNumber;
  readonly key: StepKey;
  readonly status: StepState;
  /** When the step opened, when the record shows it; null when locked or not known. */
  readonly openedAt: string | null;
  /** When the step was done; null unless it is done and the record shows when. */
  readonly doneAt: string | null;
}

const earliest = (xs: readonly (string | null | undefined)[]): string | null =>
  xs.reduce<string | null>((min, x) => (x != null && (min === null || x < min) ? x : min), null);

/** When every partner had acknowledged (each one's first), or the one partner alone. */
function acknowledgedAt(facts: StepDateFacts): string | null {
  if (facts.partnerIds.length === 0) return null;
  let latest: string | null = null;
  for (const id of facts.partnerIds) {
    const first = earliest(facts.acknowledgements.filter((a) => a.by === id).map((a) => a.at));
    if (first === null) return null;
    if (latest === null || first > latest) latest = first;
  }
  return latest;
}

export function stepDates(steps: readonly StepStatus[], facts: StepDateFacts): StepDate[] {
  const step1Done = acknowledgedAt(facts);
  const firstDelivered = earliest(facts.apologies.map((a) => a.deliveredAt));
  const firstAnswered = earliest(facts.apologies.flatMap((a) => a.answeredAt));
  const firstAccepted = earliest(facts.agreementsAcceptedAt);
  const firstForgiveness = earliest(facts.forgivenessSharedAt);
  // Two partners: step 2 is done when an apology was answered. Alone, it is the person's own
  // part (an apology delivered, or what hurts written), which the record may not date.
  const step2Done = facts.partnerIds.length >= 2 ? firstAnswered : null;

  const candidates: Record<StepKey, { opened: string | null; done: string | null }> = {
    acknowledge: { opened: facts.openedAt, done: step1Done },
    // A step also opens on evidence of it (journey-status.ts): an apology delivered early opens step 2.
    responsibility: { opened: earliest([step1Done, firstDelivered]), done: step2Done },
    expectations: { opened: earliest([step2Done, firstAccepted]), done: firstAccepted },
    patience: { opened: firstAccepted, done: null },
    communicate: { opened: firstAccepted, done: null },
    consistency: { opened: firstAccepted, done: null },
    // When step 7 opened may be the hurt partner's private choice: only its end is dated.
    forgive: { opened: null, done: firstForgiveness },
  };

  return steps.map((s) => {
    const c = candidates[s.key];
    if (s.status === 'locked') return { number: s.number, key: s.key, status: s.status, openedAt: null, doneAt: null };
    const doneAt = s.status === 'done' ? c.done : null;
    // Never a step that opened after it was done.
    const openedAt = c.opened !== null && (doneAt === null || c.opened <= doneAt) ? c.opened : null;
    return { number: s.number, key: s.key, status: s.status, openedAt, doneAt };
  });
}

import { isAfterCheating, type BreachKind } from './breach-kind.js';
import { dateToMs, toMs } from './calendar-date.js';
import type { JourneyFacts } from './facts.js';
import { wasHurt } from './roles.js';

/**
 * When step 7 is offered to a hurt partner (SPEC section 1): after an apology to them was
 * delivered AND after a minimum time of tracked consistency — 4 weeks, 12 after infidelity or an
 * emotional affair — or earlier, only by their own choice. These week counts are Mend's product
 * rule (SPEC), not a measured value.
 *
 * Decision — when does "tracked consistency" start? At the later of
 *   (a) the first acceptance of an agreement that the partner who broke trust committed to, and
 *   (b) the first occasion logged for such an agreement.
 * An accepted agreement with nothing logged is a promise, not evidence; an occasion dated before
 * the agreement existed is not tracking. Kept and missed occasions both count: the gate measures
 * time under observation, not a verdict (the consistency score shows the verdict). A missed
 * occasion never resets the clock, so Mend never turns forgiveness into a reward for a streak.
 */
export const CONSISTENCY_WEEKS = { standard: 4, afterCheating: 12 } as const;

const WEEK_MS = 7 * 86_400_000;

export function minimumConsistencyWeeks(kind: BreachKind): number {
  return isAfterCheating(kind) ? CONSISTENCY_WEEKS.afterCheating : CONSISTENCY_WEEKS.standard;
}

/** Per hurt viewer: what the gate has seen. Only ever shown to that viewer. */
export interface ForgivenessGate {
  /** An apology from someone who hurt the viewer was delivered. */
  readonly apologyDelivered: boolean;
  /** When tracked consistency began (ISO), or null if it has not. */
  readonly consistencySince: string | null;
  readonly requiredWeeks: number;
  /** When the gate was met (ISO), or null if it is not met yet. */
  readonly gateMetAt: string | null;
  /** When the viewer chose to open step 7 early (ISO), or null. */
  readonly chosenEarlyAt: string | null;
  /** Step 7 is open for the viewer: gate met or chosen early. */
  readonly offered: boolean;
}

/** The partners (other than the viewer) who hurt the viewer in this breach. */
function hurtersOf(facts: JourneyFacts, viewerId: string): string[] {
  return facts.brokeTrust.filter((id) => id !== viewerId);
}

/** Start of tracked consistency for the viewer (see the module comment), as ms or null. */
export function consistencyStartMs(facts: JourneyFacts, viewerId: string, now: string | Date): number | null {
  const nowMs = toMs(now);
  const hurters = hurtersOf(facts, viewerId);
  const relevant = facts.agreements.filter(
    (a) => a.acceptedAt !== null && toMs(a.acceptedAt) <= nowMs && a.committedBy.some((id) => hurters.includes(id)),
  );
  if (relevant.length === 0) return null;
  const firstAccepted = Math.min(...relevant.map((a) => toMs(a.acceptedAt as string)));
  const ids = new Set(relevant.map((a) => a.id));
  const occasions = facts.occasions
    .filter((o) => ids.has(o.agreementId))
    .map((o) => dateToMs(o.occurredOn))
    .filter((ms) => Number.isFinite(ms) && ms <= nowMs);
  if (occasions.length === 0) return null;
  return Math.max(firstAccepted, Math.min(...occasions));
}

/** The gate for a hurt viewer, or null when the viewer was not hurt in this breach. */
export function forgivenessGate(facts: JourneyFacts, viewerId: string | null, now: string | Date): ForgivenessGate | null {
  if (viewerId === null || !wasHurt(facts, viewerId)) return null;
  const nowMs = toMs(now);
  const hurters = hurtersOf(facts, viewerId);
  const delivered = facts.apologies
    .filter((a) => a.deliveredAt !== null && hurters.includes(a.authorId) && toMs(a.deliveredAt) <= nowMs)
    .map((a) => toMs(a.deliveredAt as string));
  const apologyMs = delivered.length > 0 ? Math.min(...delivered) : null;
  const requiredWeeks = minimumConsistencyWeeks(facts.kind);
  const startMs = consistencyStartMs(facts, viewerId, now);
  let gateMetMs: number | null = null;
  if (apologyMs !== null && startMs !== null) {
    const candidate = Math.max(apologyMs, startMs + requiredWeeks * WEEK_MS);
    if (candidate <= nowMs) gateMetMs = candidate;
  }
  const optIns = facts.forgivenessOptIns.filter((o) => o.by === viewerId && toMs(o.at) <= nowMs).map((o) => toMs(o.at));
  const chosenMs = optIns.length > 0 ? Math.min(...optIns) : null;
  return {
    apologyDelivered: apologyMs !== null,
    consistencySince: startMs === null ? null : new Date(startMs).toISOString(),
    requiredWeeks,
    gateMetAt: gateMetMs === null ? null : new Date(gateMetMs).toISOString(),
    chosenEarlyAt: chosenMs === null ? null : new Date(chosenMs).toISOString(),
    offered: gateMetMs !== null || chosenMs !== null,
  };
}

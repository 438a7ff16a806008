/**
 * Roles belong to a breach, not to a person. `brokeTrust` lists the account ids of the partner(s)
 * who broke trust: one partner, or both.
 *
 * Decision: a partner is *hurt* when someone other than them broke trust. So when both broke
 * trust, each partner is both: each may apologise, and each may answer the other's apology, ask
 * the other questions, log triggers and be offered step 7 for their own side. Nobody ever answers
 * their own apology or question.
 */

/**
 * Placeholder id for a partner who has not joined the space yet (solo journeys). A solo user who
 * was hurt records `brokeTrust: [ABSENT_PARTNER]`; when the partner joins, the store replaces the
 * placeholder with their account id (see `resolveAbsentPartner`).
 */
export const ABSENT_PARTNER = 'absent-partner';

export type ViewerRole = 'broke_trust' | 'hurt' | 'both' | 'none';

export interface RoleFacts {
  /** Account ids (or ABSENT_PARTNER) of whoever broke trust; one or two. */
  readonly brokeTrust: readonly string[];
  /** Account ids of the partners in the space: one (solo) or two. */
  readonly partnerIds: readonly string[];
}

/** What the viewer is in this breach. Anyone who is not a partner of the space is 'none'. */
export function roleOf(facts: RoleFacts, viewerId: string | null): ViewerRole {
  if (viewerId === null || !facts.partnerIds.includes(viewerId)) return 'none';
  const broke = facts.brokeTrust.includes(viewerId);
  const hurt = facts.brokeTrust.some((id) => id !== viewerId);
  if (broke && hurt) return 'both';
  if (broke) return 'broke_trust';
  if (hurt) return 'hurt';
  // A partner who is not named and no one else is named: nobody hurt them in this breach.
  return 'none';
}

/** True when the viewer broke trust in this breach (alone or together with the partner). */
export function didBreakTrust(facts: RoleFacts, viewerId: string | null): boolean {
  const role = roleOf(facts, viewerId);
  return role === 'broke_trust' || role === 'both';
}

/** True when someone other than the viewer broke trust, and the viewer is a partner. */
export function wasHurt(facts: RoleFacts, viewerId: string | null): boolean {
  const role = roleOf(facts, viewerId);
  return role === 'hurt' || role === 'both';
}

/** The other partner in the space, or null in a solo space. */
export function otherPartner(facts: RoleFacts, viewerId: string): string | null {
  return facts.partnerIds.find((id) => id !== viewerId) ?? null;
}

/** True when only one partner is in the space. */
export function isSolo(facts: RoleFacts): boolean {
  return facts.partnerIds.length < 2;
}

/** Replace the ABSENT_PARTNER placeholder once the partner has joined. */
export function resolveAbsentPartner(brokeTrust: readonly string[], joinedId: string): string[] {
  return [...new Set(brokeTrust.map((id) => (id === ABSENT_PARTNER ? joinedId : id)))];
}

/**
 * Who is looking, relative to one space. Every visibility decision starts from a Viewer; build
 * it with `viewerOf` from the space's membership so the relation cannot be guessed wrong.
 */
export type Relation = 'partner' | 'therapist' | 'none';

export interface Viewer {
  /** Null when signed out. */
  readonly accountId: string | null;
  readonly relation: Relation;
  /** For a therapist: every current partner consented and none revoked. False for everyone else. */
  readonly therapistActive: boolean;
}

export const SIGNED_OUT: Viewer = { accountId: null, relation: 'none', therapistActive: false };

/** The membership facts of a space that decide a viewer's relation. */
export interface SpaceMembership {
  readonly partnerIds: readonly string[];
  /** The invited therapist, if any, and whether their access is active now. */
  readonly therapist?: { readonly accountId: string; readonly active: boolean } | null;
}

export function viewerOf(accountId: string | null, space: SpaceMembership): Viewer {
  if (accountId === null) return SIGNED_OUT;
  if (space.partnerIds.includes(accountId)) return { accountId, relation: 'partner', therapistActive: false };
  if (space.therapist && space.therapist.accountId === accountId) {
    return { accountId, relation: 'therapist', therapistActive: space.therapist.active };
  }
  return { accountId, relation: 'none', therapistActive: false };
}

export function isPartnerViewer(viewer: Viewer): viewer is Viewer & { readonly accountId: string } {
  return viewer.accountId !== null && viewer.relation === 'partner';
}

export function isActiveTherapist(viewer: Viewer): viewer is Viewer & { readonly accountId: string } {
  return viewer.accountId !== null && viewer.relation === 'therapist' && viewer.therapistActive;
}

import { spaceRecordAccess, type Access } from './access.js';
import type { CheckinNumbersSubject } from './subjects.js';
import { isPartnerViewer, type Viewer } from './viewer.js';

/**
 * A person's check-in numbers — safety, trust, closeness and how the day was — are theirs to
 * share (issue #14). Their owner always sees them; the other partner and an active therapist only
 * while the owner's choice is "shared". A choice never made (null) is *not* shared: nobody is
 * shown what its owner did not choose to show. The fact that someone checked in is a space
 * record either way (`canSeeRecord`).
 */
export function canSeeCheckinNumbers(viewer: Viewer, numbers: Omit<CheckinNumbersSubject, 'kind' | 'id'>): Access {
  if (isPartnerViewer(viewer) && viewer.accountId === numbers.ownerId) return 'full';
  return numbers.shared === true ? spaceRecordAccess(viewer) : 'none';
}

/** The owners of numbers, with their choices: one per partner of the space. */
export type NumbersOwners = ReadonlyArray<Omit<CheckinNumbersSubject, 'kind' | 'id'>>;

/**
 * Whether something drawn from *every* partner's numbers together — divergence, which says to
 * both that one is improving while the other declines — may be shown. Only when each partner
 * shares theirs: otherwise telling one partner would tell them the other's private trend.
 */
export function canSeeJointNumbers(viewer: Viewer, owners: NumbersOwners): Access {
  if (owners.length === 0 || owners.some((o) => o.shared !== true)) return 'none';
  return spaceRecordAccess(viewer);
}

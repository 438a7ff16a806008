import { spaceRecordAccess, textAccess, type Access } from './access.js';
import type { NoteSubject, RecordSubject, RedFlagSubject, SafetyScreeningSubject } from './subjects.js';
import { isPartnerViewer, type Viewer } from './viewer.js';

/** A note (check-in, agreement log, reassurance, meeting) or a breach description. */
export function canSeeNote(viewer: Viewer, note: NoteSubject): Access {
  const visibility = note.visibility === 'shared' ? 'shared' : 'private';
  const access = textAccess(viewer, { authorId: note.authorId, visibility });
  return access === 'full' ? 'full' : 'none';
}

/** A check-in's note: private to its author, or shared with the partner and an active therapist. */
export function canSeeCheckInNote(viewer: Viewer, note: Omit<NoteSubject, 'kind'>): Access {
  return canSeeNote(viewer, { ...note, kind: 'checkin_note' });
}

/** An agreement-log note, by the same rule. The log entry itself is a space record. */
export function canSeeAgreementLogNote(viewer: Viewer, note: Omit<NoteSubject, 'kind'>): Access {
  return canSeeNote(viewer, { ...note, kind: 'agreement_log_note' });
}

/** A breach's description, by its own visibility. The breach record (kind, dates) is a space record. */
export function canSeeBreachDescription(viewer: Viewer, description: Omit<NoteSubject, 'kind'>): Access {
  return canSeeNote(viewer, { ...description, kind: 'breach_description' });
}

/**
 * That someone checked in (not their numbers: `canSeeCheckinNumbers`), agreements and their logs,
 * breach records, progress: partners and an active therapist.
 */
export function canSeeRecord(viewer: Viewer, _record: RecordSubject): Access {
  return spaceRecordAccess(viewer);
}

/**
 * A red flag drawn from private data: its owner only, never the therapist. Any other red flag:
 * both partners and an active therapist.
 */
export function canSeeRedFlag(viewer: Viewer, flag: RedFlagSubject): Access {
  if (flag.fromPrivateData) {
    return isPartnerViewer(viewer) && flag.ownerId !== null && flag.ownerId === viewer.accountId ? 'full' : 'none';
  }
  return spaceRecordAccess(viewer);
}

/**
 * Safety screenings: their owner, always and only. Not the partner, not the therapist — not even
 * the fact that a screening exists or was positive. Relation to a space does not matter.
 */
export function canSeeSafetyScreening(viewer: Viewer, screening: SafetyScreeningSubject): Access {
  return viewer.accountId !== null && viewer.accountId === screening.ownerId ? 'full' : 'none';
}

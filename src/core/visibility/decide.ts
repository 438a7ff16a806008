import type { Access } from './access.js';
import { canSeeCheckinNumbers } from './checkin-numbers.js';
import { canSeeEntry, type EntryContext } from './entry-access.js';
import { canSeeNote, canSeeRecord, canSeeRedFlag, canSeeSafetyScreening } from './item-access.js';
import type { Subject } from './subjects.js';
import type { Viewer } from './viewer.js';

/** The single dispatch: how much of any subject the viewer may see. */
export function accessTo(viewer: Viewer, subject: Subject, context: EntryContext = { entries: [] }): Access {
  switch (subject.kind) {
    case 'entry':
      return canSeeEntry(viewer, subject, context);
    case 'checkin_note':
    case 'agreement_log_note':
    case 'reassurance_note':
    case 'meeting_note':
    case 'breach_description':
    case 'apology':
      return canSeeNote(viewer, subject);
    case 'checkin':
    case 'agreement':
    case 'agreement_log':
    case 'breach':
    case 'progress':
    case 'membership':
    case 'journey':
      return canSeeRecord(viewer, subject);
    case 'checkin_numbers':
      return canSeeCheckinNumbers(viewer, subject);
    case 'red_flag':
      return canSeeRedFlag(viewer, subject);
    case 'safety_screening':
      return canSeeSafetyScreening(viewer, subject);
  }
}

import { accessTo } from './decide.js';
import type { EntryContext } from './entry-access.js';
import type { EntrySubject, SealedStub, Subject } from './subjects.js';
import type { Viewer } from './viewer.js';

export function sealedStub(entry: EntrySubject): SealedStub {
  return { kind: 'entry', id: entry.id, journeyId: entry.journeyId, authorId: entry.authorId, prompt: entry.prompt, sealed: true };
}

/**
 * What of `items` the viewer may see, in order: visible items as they are, sealed entries the
 * viewer may not open yet as stubs (no text, no other fields), everything else dropped.
 *
 * Sealed pairs are judged against `context` plus every entry in `items`; pass the journey's full
 * entry list as context when `items` is a partial list, or pairs may look sealed (never the
 * other way round).
 */
export function filterVisible<T extends Subject>(
  viewer: Viewer,
  items: readonly T[],
  context: EntryContext = { entries: [] },
): Array<T | SealedStub> {
  const entries = [...context.entries, ...items.filter((i): i is T & EntrySubject => i.kind === 'entry')];
  const ctx: EntryContext = { entries, ...(context.openedPairs ? { openedPairs: context.openedPairs } : {}) };
  const out: Array<T | SealedStub> = [];
  for (const item of items) {
    const access = accessTo(viewer, item, ctx);
    if (access === 'full') out.push(item);
    else if (access === 'sealed_stub' && item.kind === 'entry') out.push(sealedStub(item));
  }
  return out;
}

/**
 * For records that hold a note of their own (a check-in and its note, a log entry and its note):
 * the record with the note removed when the viewer may not read it, or null when the viewer may
 * not see the record at all.
 */
export function withVisibleNote<R extends { readonly note: unknown }>(
  viewer: Viewer,
  record: R,
  recordSubject: Subject,
  noteSubject: Subject | null,
): (Omit<R, 'note'> & { readonly note: R['note'] | null }) | null {
  if (accessTo(viewer, recordSubject) !== 'full') return null;
  const noteVisible = noteSubject !== null && accessTo(viewer, noteSubject) === 'full';
  return { ...record, note: noteVisible ? record.note : null };
}

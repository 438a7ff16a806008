import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canSeeEntry } from './entry-access.js';
import { exportView } from './export-view.js';
import { filterVisible, withVisibleNote } from './filter-visible.js';
import {
  canSeeAgreementLogNote,
  canSeeBreachDescription,
  canSeeCheckInNote,
  canSeeRecord,
  canSeeRedFlag,
  canSeeSafetyScreening,
} from './item-access.js';
import { safeNotification, SEALED_HALF_NOTIFICATIONS } from './notifications.js';
import type { EntrySubject, Subject } from './subjects.js';
import { A, B, SIGNED_OUT, T, revoked, space, stranger } from './test-viewers.js';
import { viewerOf, type Viewer } from './viewer.js';

const entry = (over: Partial<EntrySubject> = {}): EntrySubject => ({
  kind: 'entry',
  id: 'e1',
  journeyId: 'j',
  authorId: 'a',
  prompt: 'what_hurts',
  visibility: 'shared',
  ...over,
});
const none = { entries: [] };

describe('viewerOf', () => {
  test('derives the relation from the space', () => {
    assert.deepEqual(A, { accountId: 'a', relation: 'partner', therapistActive: false });
    assert.deepEqual(T, { accountId: 't', relation: 'therapist', therapistActive: true });
    assert.equal(revoked.therapistActive, false);
    assert.equal(stranger.relation, 'none');
    assert.equal(viewerOf(null, space), SIGNED_OUT);
  });
});

describe('entries', () => {
  test('private: the author alone', () => {
    const e = entry({ visibility: 'private' });
    assert.deepEqual(
      [A, B, T, revoked, stranger, SIGNED_OUT].map((v) => canSeeEntry(v, e, none)),
      ['full', 'none', 'none', 'none', 'none', 'none'],
    );
  });

  test('shared: both partners and an active therapist', () => {
    assert.deepEqual(
      [A, B, T, revoked, stranger, SIGNED_OUT].map((v) => canSeeEntry(v, entry(), none)),
      ['full', 'full', 'full', 'none', 'none', 'none'],
    );
  });

  test('sealed: a stub for the partner until theirs is in; the therapist only once open', () => {
    const mine = entry({ prompt: 'what_happened', visibility: 'sealed' });
    assert.deepEqual(
      [A, B, T].map((v) => canSeeEntry(v, mine, none)),
      ['full', 'sealed_stub', 'none'],
    );
    const theirs = entry({ id: 'e2', authorId: 'b', prompt: 'what_happened', visibility: 'sealed' });
    const ctx = { entries: [mine, theirs] };
    assert.deepEqual(
      [A, B, T, revoked].map((v) => canSeeEntry(v, mine, ctx)),
      ['full', 'full', 'full', 'none'],
    );
    const otherJourney = { entries: [{ ...theirs, journeyId: 'k' }] };
    assert.equal(canSeeEntry(B, mine, otherJourney), 'sealed_stub');
  });

  test('a partner who left the space sees nothing, even what they wrote', () => {
    const left = viewerOf('a', { partnerIds: ['b'] });
    assert.equal(canSeeEntry(left, entry(), none), 'none');
  });
});

describe('other items', () => {
  test('notes follow their visibility; a stored "sealed" note is treated as private', () => {
    const note = { id: 'n', authorId: 'a', visibility: 'private' as const };
    for (const fn of [canSeeCheckInNote, canSeeAgreementLogNote, canSeeBreachDescription]) {
      assert.deepEqual(
        [A, B, T].map((v) => fn(v, note)),
        ['full', 'none', 'none'],
      );
      assert.deepEqual(
        [A, B, T, revoked].map((v) => fn(v, { ...note, visibility: 'shared' })),
        ['full', 'full', 'full', 'none'],
      );
      assert.deepEqual(
        [A, B, T].map((v) => fn(v, { ...note, visibility: 'sealed' })),
        ['full', 'none', 'none'],
      );
    }
  });

  test('records: partners and an active therapist', () => {
    const r = { kind: 'agreement' as const, id: 'g' };
    assert.deepEqual(
      [A, B, T, revoked, stranger, SIGNED_OUT].map((v) => canSeeRecord(v, r)),
      ['full', 'full', 'full', 'none', 'none', 'none'],
    );
  });

  test('red flags from private data: owner only, never the therapist', () => {
    const priv = { kind: 'red_flag' as const, id: 'f', fromPrivateData: true, ownerId: 'b' };
    assert.deepEqual(
      [A, B, T].map((v) => canSeeRedFlag(v, priv)),
      ['none', 'full', 'none'],
    );
    assert.equal(canSeeRedFlag(B, { ...priv, ownerId: null }), 'none');
    const open = { ...priv, fromPrivateData: false };
    assert.deepEqual(
      [A, B, T, revoked].map((v) => canSeeRedFlag(v, open)),
      ['full', 'full', 'full', 'none'],
    );
  });

  test('safety screenings: their owner, always and only', () => {
    const s = { kind: 'safety_screening' as const, id: 's', ownerId: 'a' };
    assert.deepEqual(
      [A, B, T, stranger, SIGNED_OUT].map((v) => canSeeSafetyScreening(v, s)),
      ['full', 'none', 'none', 'none', 'none'],
    );
    // Owner even outside any space.
    assert.equal(canSeeSafetyScreening(viewerOf('a', { partnerIds: [] }), s), 'full');
  });
});

describe('filterVisible, notifications and exports', () => {
  const items: Subject[] = [
    entry({ id: 'p', visibility: 'private' }),
    entry({ id: 's' }),
    entry({ id: 'x', prompt: 'what_happened', visibility: 'sealed' }),
    { kind: 'safety_screening', id: 'ss', ownerId: 'a' },
    { kind: 'red_flag', id: 'rf', fromPrivateData: true, ownerId: 'a' },
    { kind: 'checkin', id: 'c' },
  ];

  test('keeps what the viewer may see, stubs sealed entries, drops the rest', () => {
    assert.deepEqual(
      filterVisible(A, items).map((i) => i.id),
      ['p', 's', 'x', 'ss', 'rf', 'c'],
    );
    const forB = filterVisible(B, items);
    assert.deepEqual(
      forB.map((i) => i.id),
      ['s', 'x', 'c'],
    );
    assert.deepEqual(forB[1], { kind: 'entry', id: 'x', journeyId: 'j', authorId: 'a', prompt: 'what_happened', sealed: true });
    assert.deepEqual(
      filterVisible(T, items).map((i) => i.id),
      ['s', 'c'],
    );
    assert.deepEqual(filterVisible(stranger, items), []);
  });

  test('a stub carries no text even if the row had some', () => {
    const row = { ...entry({ authorId: 'a', prompt: 'what_happened', visibility: 'sealed' }), text: 'secret' };
    assert.equal(JSON.stringify(filterVisible(B, [row])).includes('secret'), false);
  });

  test('a record with a note loses the note the viewer may not read', () => {
    const checkin = { id: 'c', trust: 7, note: 'just for me' };
    const rec = { kind: 'checkin' as const, id: 'c' };
    const note = { kind: 'checkin_note' as const, id: 'c', authorId: 'a', visibility: 'private' as const };
    assert.deepEqual(withVisibleNote(A, checkin, rec, note), checkin);
    assert.deepEqual(withVisibleNote(B, checkin, rec, note), { ...checkin, note: null });
    assert.equal(withVisibleNote(stranger, checkin, rec, note), null);
  });

  test('notifications never carry text the recipient may not see', () => {
    const draft = { type: 'entry_written', text: 'the words' };
    assert.deepEqual(safeNotification(B, entry(), draft), draft);
    assert.equal(safeNotification(B, entry({ visibility: 'private' }), draft), null);
    assert.equal(safeNotification(B, { kind: 'safety_screening', id: 's', ownerId: 'a' }, draft), null);
  });

  test('a half still sealed allows one notification, that it exists, without its text; nothing to a therapist', () => {
    const half = entry({ prompt: 'what_happened', visibility: 'sealed' });
    const fact = { type: 'sealed_half_written', text: 'the words' };
    assert.deepEqual(safeNotification(B, half, fact), { ...fact, text: null });
    assert.equal(safeNotification(B, half, { type: 'entry_written', text: 'the words' }), null);
    assert.equal(safeNotification(B, half, { type: 'sealed_pair_opened', text: null }), null);
    assert.equal(safeNotification(T, half, fact), null);
    assert.equal(safeNotification(stranger, half, fact), null);
    assert.deepEqual([...SEALED_HALF_NOTIFICATIONS], ['sealed_half_written']);
  });

  test('an export is exactly what the user may see', () => {
    for (const v of [A, B, T, revoked, stranger] as Viewer[]) assert.deepEqual(exportView(v, items), filterVisible(v, items));
    assert.deepEqual(exportView(SIGNED_OUT, items), []);
  });
});

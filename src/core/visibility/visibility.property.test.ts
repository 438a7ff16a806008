import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROMPT_KEYS } from '../journey/prompts.js';
import type { Access } from './access.js';
import { accessTo } from './decide.js';
import { filterVisible } from './filter-visible.js';
import { safeNotification, SEALED_HALF_NOTIFICATIONS } from './notifications.js';
import type { EntrySubject, Subject } from './subjects.js';
import { VISIBILITIES } from './text-visibility.js';
import { viewerOf, type Viewer } from './viewer.js';

/**
 * Generated spaces: two partners (or one), a therapist active or revoked (or none), a stranger
 * and a signed-out visitor; items of every kind, visibility and state.
 */
const people = ['a', 'b', 't', 's'] as const;

const spaceArb = fc.record({
  solo: fc.boolean(),
  therapist: fc.constantFrom('active', 'revoked', 'none'),
});

const entryArb: fc.Arbitrary<EntrySubject> = fc.record({
  kind: fc.constant('entry' as const),
  id: fc.uuid(),
  journeyId: fc.constantFrom('j1', 'j2'),
  authorId: fc.constantFrom('a', 'b'),
  prompt: fc.constantFrom(...PROMPT_KEYS),
  visibility: fc.constantFrom(...VISIBILITIES),
});

const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  entryArb,
  fc.record({
    kind: fc.constantFrom('checkin_note', 'agreement_log_note', 'reassurance_note', 'meeting_note', 'breach_description'),
    id: fc.uuid(),
    authorId: fc.constantFrom('a', 'b'),
    visibility: fc.constantFrom(...VISIBILITIES),
  }),
  fc.record({
    kind: fc.constantFrom('checkin', 'agreement', 'agreement_log', 'breach', 'progress', 'membership', 'journey'),
    id: fc.uuid(),
  }),
  fc.record({
    kind: fc.constant('checkin_numbers' as const),
    id: fc.uuid(),
    ownerId: fc.constantFrom('a', 'b'),
    shared: fc.constantFrom(true, false, null),
  }),
  fc.record({
    kind: fc.constant('red_flag' as const),
    id: fc.uuid(),
    fromPrivateData: fc.boolean(),
    ownerId: fc.option(fc.constantFrom('a', 'b'), { nil: null }),
  }),
  fc.record({ kind: fc.constant('safety_screening' as const), id: fc.uuid(), ownerId: fc.constantFrom('a', 'b') }),
);

function viewers(space: { solo: boolean; therapist: string }): Viewer[] {
  const membership = {
    partnerIds: space.solo ? ['a'] : ['a', 'b'],
    therapist: space.therapist === 'none' ? null : { accountId: 't', active: space.therapist === 'active' },
  };
  return [...people.map((p) => viewerOf(p, membership)), viewerOf(null, membership)];
}

function authorOf(s: Subject): string | null {
  if ('authorId' in s) return s.authorId;
  return 'ownerId' in s ? s.ownerId : null;
}

function isPrivate(s: Subject): boolean {
  if (s.kind === 'safety_screening') return true;
  if (s.kind === 'red_flag') return s.fromPrivateData;
  if (s.kind === 'checkin_numbers') return s.shared !== true;
  if (s.kind === 'entry') return s.visibility === 'private';
  if ('visibility' in s) return s.visibility !== 'shared';
  return false;
}

describe('visibility properties', () => {
  const scenario = fc.record({ space: spaceArb, items: fc.array(subjectArb, { maxLength: 12 }) });

  test('a private item is never visible to anyone but its author/owner', () => {
    fc.assert(
      fc.property(scenario, ({ space, items }) => {
        for (const v of viewers(space)) {
          for (const item of items.filter(isPrivate)) {
            const access = accessTo(v, item, { entries: items.filter((i): i is EntrySubject => i.kind === 'entry') });
            if (access !== 'none') assert.equal(v.accountId, authorOf(item));
          }
        }
      }),
    );
  });

  test('strangers, signed-out visitors and revoked therapists see nothing but their own safety screenings', () => {
    fc.assert(
      fc.property(scenario, ({ space, items }) => {
        for (const v of viewers(space)) {
          const outsider = v.accountId === null || v.relation === 'none' || (v.relation === 'therapist' && !v.therapistActive);
          // The one exception: an account's own safety screening is theirs, whatever the space.
          const notOwn = items.filter((i) => !(i.kind === 'safety_screening' && i.ownerId === v.accountId));
          if (outsider) assert.deepEqual(filterVisible(v, notOwn), []);
        }
      }),
    );
  });

  test('a sealed entry is never full to the partner unless the partner has their own entry for that prompt', () => {
    fc.assert(
      fc.property(spaceArb, fc.array(entryArb, { maxLength: 12 }), (space, entries) => {
        for (const v of viewers(space)) {
          for (const e of entries.filter((x) => x.visibility === 'sealed' && x.authorId !== v.accountId)) {
            const access = accessTo(v, e, { entries });
            if (access !== 'full') continue;
            const ownHalf = entries.some(
              (x) => x.journeyId === e.journeyId && x.prompt === e.prompt && x.visibility === 'sealed' && x.authorId !== e.authorId,
            );
            assert.ok(ownHalf, 'the pair is open');
            if (v.relation === 'partner') {
              assert.ok(
                entries.some(
                  (x) => x.journeyId === e.journeyId && x.prompt === e.prompt && x.visibility === 'sealed' && x.authorId === v.accountId,
                ),
              );
            } else {
              assert.ok(v.relation === 'therapist' && v.therapistActive);
            }
          }
        }
      }),
    );
  });

  test('a therapist never gets a stub, a safety screening or a private red flag', () => {
    fc.assert(
      fc.property(scenario, ({ space, items }) => {
        const t = viewers(space).find((v) => v.relation === 'therapist');
        if (!t) return;
        for (const item of items) {
          const access: Access = accessTo(t, item, { entries: items.filter((i): i is EntrySubject => i.kind === 'entry') });
          assert.notEqual(access, 'sealed_stub');
          if (item.kind === 'safety_screening' || (item.kind === 'red_flag' && item.fromPrivateData)) assert.equal(access, 'none');
        }
      }),
    );
  });

  test('filterVisible and notifications agree with the single decision', () => {
    fc.assert(
      fc.property(scenario, fc.string(), ({ space, items }, text) => {
        const entries = items.filter((i): i is EntrySubject => i.kind === 'entry');
        for (const v of viewers(space)) {
          const visible = filterVisible(v, items);
          const expected = items.filter((i) => accessTo(v, i, { entries }) !== 'none').map((i) => i.id);
          assert.deepEqual(
            visible.map((i) => i.id),
            expected,
          );
          for (const item of items) {
            const access = accessTo(v, item, { entries });
            for (const type of ['t', ...SEALED_HALF_NOTIFICATIONS]) {
              const sent = safeNotification(v, item, { type, text }, { entries });
              if (access === 'none') assert.equal(sent, null);
              if (access === 'full') assert.deepEqual(sent, { type, text });
              // A half still sealed: only that it exists, only in the one notification allowed, never its text.
              if (access === 'sealed_stub') assert.deepEqual(sent, SEALED_HALF_NOTIFICATIONS.has(type) ? { type, text: null } : null);
            }
          }
        }
      }),
    );
  });

  test('opening is symmetric: if one partner reads the other’s sealed entry, the other reads theirs', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
        const [A, B] = viewers({ solo: false, therapist: 'none' });
        for (const e of entries.filter((x) => x.visibility === 'sealed' && x.authorId === 'a')) {
          if (accessTo(B as Viewer, e, { entries }) !== 'full') continue;
          const theirs = entries.filter(
            (x) => x.visibility === 'sealed' && x.authorId === 'b' && x.prompt === e.prompt && x.journeyId === e.journeyId,
          );
          for (const x of theirs) assert.equal(accessTo(A as Viewer, x, { entries }), 'full');
        }
      }),
    );
  });

  test('an opened pair stays open whatever is left of it: full to both partners and an active therapist, nothing to anyone else', () => {
    const openedArb = fc.array(
      fc.record({ journeyId: fc.constantFrom('j1', 'j2'), prompt: fc.constantFrom('what_happened', 'trust_looks_like') }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(spaceArb, fc.array(entryArb, { maxLength: 12 }), openedArb, (space, entries, openedPairs) => {
        for (const v of viewers(space)) {
          for (const e of entries.filter((x) => x.visibility === 'sealed')) {
            const opened = openedPairs.some((o) => o.journeyId === e.journeyId && o.prompt === e.prompt);
            const access = accessTo(v, e, { entries, openedPairs });
            const reader = v.relation === 'partner' || (v.relation === 'therapist' && v.therapistActive);
            if (opened) assert.equal(access, reader ? 'full' : 'none');
            // The record only ever opens more; without it the halves alone decide.
            else assert.equal(access, accessTo(v, e, { entries }));
            // Remove every other half: an opened pair's remaining half is still open.
            if (opened) assert.equal(accessTo(v, e, { entries: [e], openedPairs }), access);
          }
        }
      }),
    );
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VISIBILITIES, type Visibility } from '../visibility/text-visibility.js';
import { canSeeEntry } from '../visibility/entry-access.js';
import { canChangeEntryVisibility, canChangeVisibility, canDeleteEntry, canWriteEntry } from './entry-rules.js';
import { emptyFacts, type EntryFact, type JourneyFacts } from './facts.js';
import { PROMPT_KEYS, type PromptKey } from './prompts.js';
import { openingToRecord, type SealedPairOpening } from './sealed-pair.js';
import type { BreachKind } from './breach-kind.js';

const AT = '2025-01-01T00:00:00.000Z';
const NOW = '2025-03-01T00:00:00.000Z';

function facts(kind: BreachKind = 'lying', over: Partial<JourneyFacts> = {}): JourneyFacts {
  return { ...emptyFacts({ kind, brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: AT }), ...over };
}

/** A journey where steps 1–6 are open and step 7 is open for the hurt partner by their choice. */
const farAlong = (kind: BreachKind = 'lying') =>
  facts(kind, {
    acknowledgements: [
      { by: 'a', at: AT },
      { by: 'b', at: AT },
    ],
    apologies: [{ id: 'ap', authorId: 'a', deliveredAt: AT }],
    apologyResponses: [{ apologyId: 'ap', by: 'b', at: AT, received: true, missing: [] }],
    agreements: [{ id: 'g', status: 'active', proposedBy: 'b', committedBy: ['a'], acceptedBy: 'a', acceptedAt: AT }],
    forgivenessOptIns: [{ by: 'b', at: AT }],
  });

const entry = (over: Partial<EntryFact>): EntryFact => ({
  id: 'e',
  prompt: 'what_happened',
  authorId: 'a',
  visibility: 'sealed',
  createdAt: AT,
  ...over,
});

describe('canWriteEntry', () => {
  test('only partners write', () => {
    assert.deepEqual(canWriteEntry(facts(), 'therapist', { prompt: 'what_happened', visibility: 'sealed' }, NOW), {
      ok: false,
      reason: 'not_a_partner',
    });
  });

  test('sealed pairs are sealed only, and one per partner', () => {
    assert.equal(canWriteEntry(facts(), 'a', { prompt: 'what_happened', visibility: 'sealed' }, NOW).ok, true);
    assert.deepEqual(canWriteEntry(facts(), 'a', { prompt: 'what_happened', visibility: 'shared' }, NOW), {
      ok: false,
      reason: 'visibility_not_allowed',
    });
    const once = facts('lying', { entries: [entry({})] });
    assert.deepEqual(canWriteEntry(once, 'a', { prompt: 'what_happened', visibility: 'sealed' }, NOW), {
      ok: false,
      reason: 'already_written',
    });
    assert.equal(canWriteEntry(once, 'b', { prompt: 'what_happened', visibility: 'sealed' }, NOW).ok, true);
  });

  test('prompts wait for their step', () => {
    assert.deepEqual(canWriteEntry(facts(), 'a', { prompt: 'trust_looks_like', visibility: 'sealed' }, NOW), {
      ok: false,
      reason: 'step_locked',
    });
    assert.deepEqual(canWriteEntry(facts(), 'b', { prompt: 'what_hurts', visibility: 'shared' }, NOW), {
      ok: false,
      reason: 'step_locked',
    });
    assert.equal(canWriteEntry(farAlong(), 'a', { prompt: 'why_im_doing_this', visibility: 'private' }, NOW).ok, true);
  });

  test('role rules: what hurts and forgiveness belong to the hurt partner', () => {
    const f = farAlong();
    assert.deepEqual(canWriteEntry(f, 'a', { prompt: 'what_hurts', visibility: 'shared' }, NOW), { ok: false, reason: 'wrong_role' });
    assert.equal(canWriteEntry(f, 'b', { prompt: 'what_hurts', visibility: 'private' }, NOW).ok, true);
    assert.deepEqual(canWriteEntry(f, 'a', { prompt: 'forgiveness_reflection', visibility: 'private' }, NOW), {
      ok: false,
      reason: 'wrong_role',
    });
    assert.equal(canWriteEntry(f, 'b', { prompt: 'forgiveness_reflection', visibility: 'private' }, NOW).ok, true);
    assert.deepEqual(canWriteEntry(f, 'b', { prompt: 'forgiveness_reflection', visibility: 'shared' }, NOW), {
      ok: false,
      reason: 'visibility_not_allowed',
    });
  });

  test('forgiveness prompts wait for step 7 even for the hurt partner', () => {
    const f = { ...farAlong(), forgivenessOptIns: [] };
    assert.deepEqual(canWriteEntry(f, 'b', { prompt: 'forgiveness_statement', visibility: 'private' }, NOW), {
      ok: false,
      reason: 'step_locked',
    });
  });

  test('questions and triggers: after cheating only, from the first day, replies to the other partner', () => {
    assert.deepEqual(canWriteEntry(facts('lying'), 'b', { prompt: 'question', visibility: 'shared' }, NOW), {
      ok: false,
      reason: 'only_after_cheating',
    });
    const f = facts('infidelity');
    assert.equal(canWriteEntry(f, 'b', { prompt: 'question', visibility: 'shared' }, NOW).ok, true);
    assert.deepEqual(canWriteEntry(f, 'a', { prompt: 'question', visibility: 'shared' }, NOW), { ok: false, reason: 'wrong_role' });
    const q = facts('infidelity', { entries: [entry({ id: 'q', prompt: 'question', authorId: 'b', visibility: 'shared' })] });
    assert.equal(canWriteEntry(q, 'a', { prompt: 'answer', visibility: 'shared', replyTo: 'q' }, NOW).ok, true);
    assert.deepEqual(canWriteEntry(q, 'a', { prompt: 'answer', visibility: 'shared' }, NOW), { ok: false, reason: 'reply_required' });
    assert.deepEqual(canWriteEntry(q, 'a', { prompt: 'trigger_response', visibility: 'shared', replyTo: 'q' }, NOW), {
      ok: false,
      reason: 'reply_target_invalid',
    });
    assert.deepEqual(canWriteEntry(q, 'b', { prompt: 'answer', visibility: 'shared', replyTo: 'q' }, NOW), {
      ok: false,
      reason: 'wrong_role',
    });
    const both = { ...q, brokeTrust: ['a', 'b'] };
    assert.deepEqual(canWriteEntry(both, 'b', { prompt: 'answer', visibility: 'shared', replyTo: 'q' }, NOW), {
      ok: false,
      reason: 'reply_target_invalid',
    });
  });
});

describe('visibility changes and deletion', () => {
  test('private may become shared; shared never private; sealed stays sealed', () => {
    const allowed = VISIBILITIES.flatMap((from) =>
      VISIBILITIES.filter((to) => from !== to && canChangeVisibility(from, to)).map((to) => `${from}->${to}`),
    );
    assert.deepEqual(allowed, ['private->shared']);
  });

  test('only the author changes visibility, and only where the prompt allows it', () => {
    const mine = { authorId: 'b', prompt: 'what_hurts' as PromptKey, visibility: 'private' as Visibility };
    assert.equal(canChangeEntryVisibility(mine, 'shared', 'b').ok, true);
    assert.deepEqual(canChangeEntryVisibility(mine, 'shared', 'a'), { ok: false, reason: 'not_author' });
    const reflection = { ...mine, prompt: 'forgiveness_reflection' as PromptKey };
    assert.deepEqual(canChangeEntryVisibility(reflection, 'shared', 'b'), { ok: false, reason: 'visibility_not_allowed' });
  });

  test('an author may delete their own entry, nobody else may', () => {
    assert.equal(canDeleteEntry({ authorId: 'a' }, 'a').ok, true);
    assert.deepEqual(canDeleteEntry({ authorId: 'a' }, 'b'), { ok: false, reason: 'not_author' });
  });
});

describe('property: sealed entries', () => {
  type Action =
    | { t: 'write'; by: 'a' | 'b'; prompt: PromptKey; visibility: Visibility }
    | { t: 'delete'; by: 'a' | 'b'; index: number }
    | { t: 'share'; by: 'a' | 'b'; index: number; to: Visibility };

  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({
      t: fc.constant('write' as const),
      by: fc.constantFrom('a' as const, 'b' as const),
      prompt: fc.constantFrom(...PROMPT_KEYS),
      visibility: fc.constantFrom(...VISIBILITIES),
    }),
    fc.record({ t: fc.constant('delete' as const), by: fc.constantFrom('a' as const, 'b' as const), index: fc.nat(10) }),
    fc.record({
      t: fc.constant('share' as const),
      by: fc.constantFrom('a' as const, 'b' as const),
      index: fc.nat(10),
      to: fc.constantFrom(...VISIBILITIES),
    }),
  );

  test('no sequence of actions lets a partner read a sealed entry before submitting their own; once opened, a pair stays open for both', () => {
    fc.assert(
      fc.property(fc.constantFrom<BreachKind>('lying', 'infidelity'), fc.array(action, { maxLength: 25 }), (kind, actions) => {
        let f = farAlong(kind);
        let n = 0;
        // What the server records as entries are written (features/journey/service.ts): openings only.
        let opened: SealedPairOpening[] = [];
        const everWrote = new Set<string>();
        for (const act of actions) {
          if (act.t === 'write') {
            const input = { prompt: act.prompt, visibility: act.visibility };
            if (canWriteEntry(f, act.by, input, NOW).ok) {
              f = {
                ...f,
                entries: [
                  ...f.entries,
                  entry({ id: `e${n++}`, authorId: act.by, createdAt: `${NOW}#${String(n).padStart(3, '0')}`, ...input }),
                ],
              };
              if (act.visibility === 'sealed') everWrote.add(`${act.by}:${act.prompt}`);
            }
          } else {
            const target = f.entries[act.index % Math.max(1, f.entries.length)];
            if (!target) continue;
            if (act.t === 'delete' && canDeleteEntry(target, act.by).ok) {
              f = { ...f, entries: f.entries.filter((e) => e !== target) };
            }
            if (act.t === 'share' && canChangeEntryVisibility(target, act.to, act.by).ok) {
              f = { ...f, entries: f.entries.map((e) => (e === target ? { ...e, visibility: act.to } : e)) };
            }
          }
          const entries = f.entries.map((e) => ({ ...e, kind: 'entry' as const, journeyId: 'j' }));
          for (const prompt of new Set(entries.map((e) => e.prompt))) {
            const opening = openingToRecord(entries, prompt, 'j', opened);
            if (opening) opened = [...opened, opening];
          }
          for (const e of entries) {
            if (e.visibility !== 'sealed') continue;
            const isOpen = opened.some((o) => o.prompt === e.prompt);
            for (const viewer of ['a', 'b']) {
              if (viewer === e.authorId) continue;
              const access = canSeeEntry({ accountId: viewer, relation: 'partner', therapistActive: false }, e, {
                entries,
                openedPairs: opened,
              });
              assert.equal(access, isOpen ? 'full' : 'sealed_stub');
              // Read in full only by someone who once submitted their own half for the prompt.
              if (access === 'full') assert.ok(everWrote.has(`${viewer}:${e.prompt}`));
            }
            const therapist = canSeeEntry({ accountId: 't', relation: 'therapist', therapistActive: true }, e, {
              entries,
              openedPairs: opened,
            });
            assert.equal(therapist, isOpen ? 'full' : 'none');
          }
          // An opening, once recorded, has both its authors and is never taken back.
          for (const o of opened) assert.equal(new Set(o.authorIds).size, 2);
        }
      }),
      { numRuns: 300 },
    );
  });
});

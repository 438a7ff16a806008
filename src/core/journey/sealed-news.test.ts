import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyFacts, type EntryFact, type JourneyFacts } from './facts.js';
import { sealedHalfNews } from './sealed-news.js';
import { PROMPT_KEYS, type PromptKey } from './prompts.js';

const AT = '2025-01-01T10:00:00.000Z';
const facts = (entries: EntryFact[] = [], over: Partial<JourneyFacts> = {}): JourneyFacts => ({
  ...emptyFacts({ kind: 'lying', brokeTrust: ['a'], partnerIds: ['a', 'b'], openedAt: AT }),
  entries,
  ...over,
});
const half = (authorId: string, prompt: PromptKey = 'what_happened', id = `${authorId}-${prompt}`): EntryFact => ({
  id,
  prompt,
  authorId,
  visibility: 'sealed',
  createdAt: AT,
});

describe('sealedHalfNews: what a sealed half tells the other partner', () => {
  test('the first half: the other partner learns only that it exists', () => {
    assert.deepEqual(sealedHalfNews(facts(), facts([half('a')]), 'what_happened', 'a'), { type: 'sealed_half_written', recipients: ['b'] });
  });

  test('the second half opens the pair: the partner whose half waited is told both are open', () => {
    assert.deepEqual(
      sealedHalfNews(facts([half('a')]), facts([half('a'), half('b')], { openedPairs: ['what_happened'] }), 'what_happened', 'b'),
      {
        type: 'sealed_pair_opened',
        recipients: ['a'],
      },
    );
  });

  test('a half written again into a pair opened before tells nobody', () => {
    const before = facts([half('b')], { openedPairs: ['what_happened'] });
    assert.equal(
      sealedHalfNews(
        before,
        facts([half('a', 'what_happened', 'new'), half('b')], { openedPairs: ['what_happened'] }),
        'what_happened',
        'a',
      ),
      null,
    );
  });

  test('alone in the space, a non-sealed prompt, or nothing new written: nothing', () => {
    const solo = { partnerIds: ['a'] };
    assert.equal(sealedHalfNews(facts([], solo), facts([half('a')], solo), 'what_happened', 'a'), null);
    assert.equal(sealedHalfNews(facts(), facts([{ ...half('a', 'what_hurts'), visibility: 'shared' }]), 'what_hurts', 'a'), null);
    assert.equal(sealedHalfNews(facts([half('a')]), facts([half('a')]), 'what_happened', 'a'), null);
  });

  test('property: never the actor, never anyone outside the journey, and a half still sealed is only ever told as existing', () => {
    const entry = fc.record({
      id: fc.uuid(),
      prompt: fc.constantFrom(...PROMPT_KEYS),
      authorId: fc.constantFrom('a', 'b'),
      visibility: fc.constantFrom('private' as const, 'shared' as const, 'sealed' as const),
      createdAt: fc.constant(AT),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 6 }),
        fc.constantFrom(...PROMPT_KEYS),
        fc.constantFrom('a', 'b'),
        (entries, prompt, actor) => {
          const before = facts(entries);
          const after = facts([...entries, half(actor, prompt, 'new')]);
          const news = sealedHalfNews(before, after, prompt, actor);
          if (!news) return;
          assert.ok(!news.recipients.includes(actor));
          assert.ok(news.recipients.every((r) => after.partnerIds.includes(r)));
          const otherHalf = entries.some((e) => e.prompt === prompt && e.visibility === 'sealed' && e.authorId !== actor);
          assert.equal(news.type, otherHalf ? 'sealed_pair_opened' : 'sealed_half_written');
        },
      ),
    );
  });
});
